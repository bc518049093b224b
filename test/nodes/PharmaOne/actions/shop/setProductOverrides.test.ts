import { V2 } from '../../../../harness/fixtures';
import { captureBody, pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import overridden from '../../../../fixtures/shop/setProductOverrides.json';
import { byId, harness } from './helpers';

describe('Shop → Set Product Overrides', () => {
	test('POST /shops/product-overrides with Bearer sends the overrides set', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.post(`${V2}/shops/product-overrides`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, overridden);
		const result = await harness().run({
			parameters: {
				resource: 'shop',
				operation: 'setProductOverrides',
				shopId: byId('shop1'),
				productId: byId('12345'),
				overrides: { price: 7.5, available: false, visible: true },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345', price: 7.5, available: false, visible: true }]);
		expect(result.json).toEqual([overridden]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(pendingData()).toEqual([]);
	});

	test.each([
		['a price mapped as text from an expression is sent as a number', { price: '={{ $json.price }}' }, { price: 12.5 }],
		['fields not set are not sent', { visible: false }, { visible: false }],
		[
			'Additional Body Fields alone are enough and are merged last',
			{ price: 7.5, additionalBodyFields: '{"price": 7.25, "sort_order": 2}' },
			{ price: 7.25, sort_order: 2 },
		],
	])('%s', async (_name, overrides, sent) => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/product-overrides`, captureBody(bodies)).reply(200, overridden);
		const result = await harness().run({
			items: [{ json: { price: '12.50' } }],
			parameters: { resource: 'shop', operation: 'setProductOverrides', shopId: byId('shop1'), productId: byId('12345'), overrides },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345', ...sent }]);
	});

	test.each([
		['no override', {}, 'No override to set for product "12345" in shop "shop1" (item 1)'],
		['negative price', { overrides: { price: -1 } }, 'Invalid "Price" (item 1): must be 0 or more'],
		['price from text', { overrides: { price: '={{ "cheap" }}' } }, 'Invalid "Price" (item 1): must be a number'],
		['broken JSON', { overrides: { visible: true, additionalBodyFields: '{' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
		['empty product', { productId: byId('={{ "" }}'), overrides: { visible: true } }, 'The "Product" parameter is empty (item 1)'],
	])('%s fails before any request', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({
			parameters: {
				resource: 'shop',
				operation: 'setProductOverrides',
				shopId: byId('shop1'),
				productId: byId('12345'),
				...values,
			},
		});
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});
