import nock from 'nock';

import { BASE_URL, V2 } from '../../../../harness/fixtures';
import { captureBody, pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import added from '../../../../fixtures/product/addToInventory.json';
import { byId, harness } from './helpers';

describe('Product → Add to Inventory', () => {
	test('POST /products/add-to-inventory sends p1_id as a string and Initial Stock 1 by default', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.post(`${V2}/products/add-to-inventory`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, added);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'addToInventory', productId: byId('={{ 12345 }}') },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12345', initial_stock: 1 }]);
		expect(result.json).toEqual([added]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Initial Stock, Price and Additional Body Fields are sent; the escape hatch is merged last', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/products/add-to-inventory`, captureBody(bodies)).reply(200, added);
		const result = await harness().run({
			parameters: {
				resource: 'product',
				operation: 'addToInventory',
				productId: byId('12345'),
				initialStock: 20,
				additionalFields: { price: 7.5, additionalBodyFields: '{"thc": 22, "price": 7.75}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12345', initial_stock: 20, price: 7.75, thc: 22 }]);
	});

	test('Initial Stock and Price mapped as text from an expression are sent as numbers', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/products/add-to-inventory`, captureBody(bodies)).reply(200, added);
		const result = await harness().run({
			items: [{ json: { stock: '5', price: ' 7.5 ' } }],
			parameters: {
				resource: 'product',
				operation: 'addToInventory',
				productId: byId('12345'),
				initialStock: '={{ $json.stock }}',
				additionalFields: { price: '={{ $json.price }}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12345', initial_stock: 5, price: 7.5 }]);
	});

	test('Initial Stock 0 is allowed and sent', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/products/add-to-inventory`, captureBody(bodies)).reply(200, added);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'addToInventory', productId: byId('12345'), initialStock: 0 },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12345', initial_stock: 0 }]);
	});

	test('a 5xx is not retried: adding twice could duplicate stock', async () => {
		const mock = pharmaOneMock();
		mock.scope.post(`${V2}/products/add-to-inventory`).reply(503, { error: 'unavailable' });
		const second = nock(BASE_URL).post(`${V2}/products/add-to-inventory`).reply(200, added);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'addToInventory', productId: byId('12345') },
		});
		expect(result.error?.message).toBe('PharmaOne failed to process the request (HTTP 503)');
		expect(second.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test.each([
		['empty product', { productId: byId('={{ "  " }}') }, 'The "Product" parameter is empty (item 1)'],
		['negative stock', { productId: byId('12345'), initialStock: -1 }, 'Invalid "Initial Stock" (item 1): must be 0 or more'],
		['fractional stock', { productId: byId('12345'), initialStock: 2.5 }, 'Invalid "Initial Stock" (item 1): must be a whole number'],
		['stock from text', { productId: byId('12345'), initialStock: '={{ "many" }}' }, 'Invalid "Initial Stock" (item 1): must be a whole number'],
		['negative price', { productId: byId('12345'), additionalFields: { price: -1 } }, 'Invalid "Price" (item 1): must be 0 or more'],
		['broken JSON', { productId: byId('12345'), additionalFields: { additionalBodyFields: '{"a": ' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
		['JSON array', { productId: byId('12345'), additionalFields: { additionalBodyFields: '[1]' } }, 'The "Additional Body Fields (JSON)" field must be a JSON object (item 1)'],
		['product ID that is not a P1 ID', { productId: byId('={{ $json.sku ?? "ABC-12" }}') }, 'Invalid "Product" (item 1): "ABC-12" is not a PharmaOne product ID (P1 ID)'],
	])('%s fails before any request', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'product', operation: 'addToInventory', ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});
