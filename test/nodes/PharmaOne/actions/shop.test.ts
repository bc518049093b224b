import nock from 'nock';

import { EngineHarness } from '../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { captureBody, pendingData, pharmaOneMock } from '../../../harness/fakePharmaOne';
import attached from '../../../fixtures/shop/attachProduct.json';
import detached from '../../../fixtures/shop/detachProduct.json';
import shops from '../../../fixtures/shop/getAll.json';
import overridden from '../../../fixtures/shop/setProductOverrides.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

const ASSIGNMENTS = [
	['attachProduct', 'attach-product', attached],
	['detachProduct', 'detach-product', detached],
] as const;

describe.each(ASSIGNMENTS)('Shop → %s', (operation, path, response) => {
	test(`POST /shops/${path} with Bearer sends shop_id and p1_id as strings`, async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.post(`${V2}/shops/${path}`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, response);
		const result = await harness().run({
			parameters: { resource: 'shop', operation, shopId: byId('shop1'), productId: byId('={{ 12345 }}') },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345' }]);
		expect(result.json).toEqual([response]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(pendingData()).toEqual([]);
	});

	test('Additional Body Fields are merged into the body', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/${path}`, captureBody(bodies)).reply(200, response);
		const result = await harness().run({
			parameters: {
				resource: 'shop',
				operation,
				shopId: byId('shop1'),
				productId: byId('12345'),
				additionalFields: { additionalBodyFields: '{"position": 3}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345', position: 3 }]);
	});

	test('one request per item, outputs paired with their items', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/${path}`, captureBody(bodies)).times(2).reply(200, response);
		const result = await harness().run({
			items: [{ json: { id: '12345' } }, { json: { id: 12346 } }],
			parameters: { resource: 'shop', operation, shopId: byId('shop1'), productId: byId('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{ shop_id: 'shop1', p1_id: '12345' },
			{ shop_id: 'shop1', p1_id: '12346' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a 5xx is not retried (the route may not be idempotent)', async () => {
		const mock = pharmaOneMock();
		mock.scope.post(`${V2}/shops/${path}`).reply(500, { error: 'internal' });
		const second = nock(BASE_URL).post(`${V2}/shops/${path}`).reply(200, response);
		const result = await harness().run({
			parameters: { resource: 'shop', operation, shopId: byId('shop1'), productId: byId('12345') },
		});
		expect(result.error?.message).toBe('PharmaOne failed to process the request (HTTP 500)');
		expect(second.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test.each([
		['Shop', { shopId: byId('={{ "" }}'), productId: byId('12345') }, 'The "Shop" parameter is empty (item 1)'],
		['Product', { shopId: byId('shop1'), productId: byId('={{ " " }}') }, 'The "Product" parameter is empty (item 1)'],
		['JSON', { shopId: byId('shop1'), productId: byId('12345'), additionalFields: { additionalBodyFields: '"x"' } }, 'The "Additional Body Fields (JSON)" field must be a JSON object (item 1)'],
	])('invalid %s fails before any request', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'shop', operation, ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});

describe('Shop → Attach Product errors', () => {
	test('a PharmaOne conflict is shown with its code and message', async () => {
		const mock = pharmaOneMock();
		mock.scope.post(`${V2}/shops/attach-product`).reply(409, {
			error: 'insufficient_stock',
			message: 'Product 12345 needs stock > 0 in the organization inventory',
		});
		const result = await harness().run({
			parameters: { resource: 'shop', operation: 'attachProduct', shopId: byId('shop1'), productId: byId('12345') },
		});
		expect(result.error?.message).toBe(
			'PharmaOne rejected the request (HTTP 409): insufficient_stock: Product 12345 needs stock > 0 in the organization inventory',
		);
	});
});

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

	test('a price mapped as text from an expression is sent as a number', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/product-overrides`, captureBody(bodies)).reply(200, overridden);
		const result = await harness().run({
			items: [{ json: { price: '12.50' } }],
			parameters: {
				resource: 'shop',
				operation: 'setProductOverrides',
				shopId: byId('shop1'),
				productId: byId('12345'),
				overrides: { price: '={{ $json.price }}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345', price: 12.5 }]);
	});

	test('fields not set are not sent', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/product-overrides`, captureBody(bodies)).reply(200, overridden);
		const result = await harness().run({
			parameters: {
				resource: 'shop',
				operation: 'setProductOverrides',
				shopId: byId('shop1'),
				productId: byId('12345'),
				overrides: { visible: false },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345', visible: false }]);
	});

	test('Additional Body Fields alone are enough and are merged last', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/product-overrides`, captureBody(bodies)).reply(200, overridden);
		const result = await harness().run({
			parameters: {
				resource: 'shop',
				operation: 'setProductOverrides',
				shopId: byId('shop1'),
				productId: byId('12345'),
				overrides: { price: 7.5, additionalBodyFields: '{"price": 7.25, "sort_order": 2}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345', price: 7.25, sort_order: 2 }]);
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

describe('Shop → Get Many', () => {
	test('GET /shops returns each shop as an item', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).matchHeader('authorization', mock.bearer(1)).reply(200, shops);
		const result = await new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }).run({
			parameters: { resource: 'shop', operation: 'getAll', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(shops.data);
	});

	test('Limit and Active Shops Only apply to the list', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).reply(200, shops);
		const result = await new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }).run({
			parameters: { resource: 'shop', operation: 'getAll', returnAll: false, limit: 3, activeOnly: true },
		});
		expect(result.json.map((shop) => shop.shop_id)).toEqual(['shop1', 'testtttt', 'shop3']);
	});
});
