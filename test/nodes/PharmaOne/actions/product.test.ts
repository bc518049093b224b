import nock from 'nock';

import { PharmaOne } from '../../../../nodes/PharmaOne/PharmaOne.node';
import { EngineHarness } from '../../../harness/engine';
import { runListSearch } from '../../../harness/listSearch';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { captureBody, pendingData, pharmaOneMock } from '../../../harness/fakePharmaOne';
import errors from '../../../fixtures/errors.json';
import inventory from '../../../fixtures/inventory/getAll.json';
import added from '../../../fixtures/product/addToInventory.json';
import product from '../../../fixtures/product/get.json';
import productList from '../../../fixtures/product/getAll.json';
import updated from '../../../fixtures/product/update.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

/** n products shaped like the recorded list row, with distinct ids. */
function productRows(from: number, count: number) {
	return Array.from({ length: count }, (_, k) => ({ ...productList.data[0], p1_id: String(20000 + from + k) }));
}

const SIMPLE = (row: Record<string, unknown>) => ({
	p1_id: row.p1_id,
	name: row.name,
	category: row.category,
	price: row.price,
	stock_quantity: row.stock_quantity,
	shop_id: row.shop_id,
});

describe('Product → Get Many', () => {
	test('GET /products?shop_id&limit&page with Bearer; simplified rows as items with pairedItem', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/products`)
			.query({ shop_id: 'shop1', limit: '50', page: '1' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, productList);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'getAll', shopId: byId('shop1'), returnAll: false, limit: 50 },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ p1_id: '12345', name: 'Example Strain', category: 'Blüten', price: 8.99, stock_quantity: 100, shop_id: 'shop1' },
			{ p1_id: '12346', name: 'Example Oil', category: 'Extrakte', price: 49.5, stock_quantity: 3, shop_id: 'shop1' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(pendingData()).toEqual([]);
	});

	test('Simplify off returns the rows as PharmaOne sent them', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '50', page: '1' }).reply(200, productList);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'getAll', shopId: byId('shop1'), limit: 50, simplify: false },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(productList.data);
	});

	test('Return All fetches pages of 100 until a short page', async () => {
		const mock = pharmaOneMock();
		const pages = [productRows(0, 100), productRows(100, 100), productRows(200, 37)];
		const scopes = pages.map((rows, index) =>
			nock(BASE_URL)
				.get(`${V2}/products`)
				.query({ shop_id: 'shop1', limit: '100', page: String(index + 1) })
				.matchHeader('authorization', mock.bearer(1))
				.reply(200, { data: rows, pagination: { page: index + 1, pageSize: 100, total: 237, totalPages: 3 } }),
		);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'getAll', shopId: byId('shop1'), returnAll: true, simplify: false },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(237);
		expect(new Set(result.json.map((row) => row.p1_id)).size).toBe(237);
		expect(scopes.every((scope) => scope.isDone())).toBe(true);
		expect(pendingData()).toEqual([]);
		expect(mock.state.tokenExchanges).toBe(1);
	});

	test('Return All stops at totalPages even when the last page is full', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '100', page: '1' }).reply(200, { data: productRows(0, 100), pagination: { page: 1, totalPages: 2 } });
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '100', page: '2' }).reply(200, { data: productRows(100, 100), pagination: { page: 2, totalPages: 2 } });
		const extra = nock(BASE_URL).get(`${V2}/products`).query({ shop_id: 'shop1', limit: '100', page: '3' }).reply(200, { data: productRows(200, 1) });
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'getAll', shopId: byId('shop1'), returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(200);
		expect(extra.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test('Limit 150 fetches two pages of 100 and keeps 150; no third page', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '100', page: '1' }).reply(200, { data: productRows(0, 100) });
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '100', page: '2' }).reply(200, { data: productRows(100, 100) });
		const extra = nock(BASE_URL).get(`${V2}/products`).query({ shop_id: 'shop1', limit: '100', page: '3' }).reply(200, { data: productRows(200, 100) });
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'getAll', shopId: byId('shop1'), returnAll: false, limit: 150 },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(150);
		expect(result.json[149]).toEqual(SIMPLE(productRows(149, 1)[0]));
		expect(extra.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test('Limit 3 asks for exactly 3 rows and stops after the first page', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '3', page: '1' }).reply(200, { data: productRows(0, 3) });
		const extra = nock(BASE_URL).get(`${V2}/products`).query(true).reply(200, { data: productRows(3, 3) });
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'getAll', shopId: byId('shop1'), returnAll: false, limit: 3 },
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((row) => row.p1_id)).toEqual(['20000', '20001', '20002']);
		expect(extra.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test('an empty Shop fails before any request, naming the parameter and the item', async () => {
		const mock = pharmaOneMock();
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'getAll', shopId: byId('={{ "  " }}'), limit: 5 },
		});
		expect(result.error?.message).toBe('The "Shop" parameter is empty (item 1)');
		expect(mock.state.tokenExchanges).toBe(0);
	});
});

describe('Product → Get', () => {
	test('GET /products/{p1Id}?shop_id= with Bearer; Simplify keeps the main fields', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/products/12345`)
			.query({ shop_id: 'shop1' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, product);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('12345') },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ p1_id: '12345', name: 'Example Strain', category: 'Blüten', price: 8.99, stock_quantity: 100, shop_id: 'shop1' },
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Simplify off returns the whole product', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/12345`).query({ shop_id: 'shop1' }).reply(200, product);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId(' 12345 '), simplify: false },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([product]);
		expect(pendingData()).toEqual([]);
	});

	test('a typed product ID that is not a number is a node issue: n8n does not run the workflow', async () => {
		const mock = pharmaOneMock();
		await expect(
			harness().run({ parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('ABC-12') } }),
			// n8n 2.x names the node issue; n8n 1.x only says the workflow has issues.
		).rejects.toThrow(/A PharmaOne product ID \(P1 ID\) is a number, e\.g\. 12345|The workflow has issues and cannot be executed/);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test.each([
		['ABC-12 from an expression', byId('={{ "ABC-12" }}')],
		['A/B from an expression', byId('={{ "A/B" }}')],
		['12.5', byId('={{ 12.5 }}')],
	])('a product ID that is not a P1 ID (%s) fails before sending, naming the field', async (_name, productId) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId } });
		expect(result.error?.message).toMatch(/^Invalid "Product" \(item 1\): ".*" is not a PharmaOne product ID \(P1 ID\)$/);
		expect(result.error?.description).toMatch(/^A P1 ID is the number of a product in the PharmaOne catalogue, e\.g\. 12345/);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('the By ID mode of the Product locator only accepts numbers', () => {
		const locator = new PharmaOne().description.properties.find((property) => property.name === 'productId');
		const byIdMode = locator?.modes?.find((mode) => mode.name === 'id');
		const regex = new RegExp((byIdMode?.validation?.[0] as unknown as { properties: { regex: string } }).properties.regex);
		expect(['12345', ' 12345 '].every((value) => regex.test(value))).toBe(true);
		expect(['ABC-12', '12 34', ''].some((value) => regex.test(value))).toBe(false);
	});

	test('one request per input item, each output paired with its item', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/12345`).query({ shop_id: 'shop1' }).reply(200, product);
		mock.scope.get(`${V2}/products/12346`).query({ shop_id: 'shop1' }).reply(200, productList.data[1]);
		const result = await harness().run({
			items: [{ json: { id: 12345 } }, { json: { id: '12346' } }],
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((row) => row.p1_id)).toEqual(['12345', '12346']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('404 names the product and the shop', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/99999`).query({ shop_id: 'shop1' }).reply(404, errors.notFound);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('99999') },
		});
		expect(result.error?.message).toBe('Product "99999" in shop "shop1" was not found');
	});

	test.each([
		['Product', { shopId: byId('shop1'), productId: byId('={{ "" }}') }],
		['Shop', { shopId: byId('={{ " " }}'), productId: byId('12345') }],
	])('an empty %s fails before any request', async (label, values) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'product', operation: 'get', ...values } });
		expect(result.error?.message).toBe(`The "${label}" parameter is empty (item 1)`);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('the item number in the error is the failing item', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/12345`).query({ shop_id: 'shop1' }).reply(200, product);
		const result = await harness().run({
			items: [{ json: { id: '12345' } }, { json: { id: '' } }],
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('={{ $json.id }}') },
		});
		expect(result.error?.message).toBe('The "Product" parameter is empty (item 2)');
		expect(result.error?.context?.itemIndex).toBe(1);
	});
});

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

describe('Product → Update', () => {
	test('a price mapped as text from an expression is sent as a number', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.put(`${V2}/products/12345`, captureBody(bodies)).reply(200, updated);
		const result = await harness().run({
			items: [{ json: { price: '4.20' } }],
			parameters: { resource: 'product', operation: 'update', productId: byId('12345'), updateFields: { price: '={{ $json.price }}' } },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ price: 4.2 }]);
	});

	test('PUT /products/{p1Id} sends only the fields set, plus the escape hatch', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.put(`${V2}/products/12345`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, updated);
		const result = await harness().run({
			parameters: {
				resource: 'product',
				operation: 'update',
				productId: byId('12345'),
				updateFields: {
					name: 'Updated name',
					slug: 'updated-name',
					description: 'New description',
					category: 'Blüten',
					price: 9.99,
					available: false,
					additionalBodyFields: '{"thc_percent": 22}',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				name: 'Updated name',
				slug: 'updated-name',
				description: 'New description',
				category: 'Blüten',
				price: 9.99,
				available: false,
				thc_percent: 22,
			},
		]);
		expect(result.json).toEqual([updated]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('one field is sent alone', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.put(`${V2}/products/12345`, captureBody(bodies)).reply(200, updated);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'update', productId: byId('12345'), updateFields: { price: 0 } },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ price: 0 }]);
	});

	test('only Additional Body Fields is enough', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.put(`${V2}/products/12345`, captureBody(bodies)).reply(200, updated);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'update', productId: byId('12345'), updateFields: { additionalBodyFields: '{"cbd": 1}' } },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ cbd: 1 }]);
	});

	test.each([
		['nothing to update', { productId: byId('12345') }, 'Nothing to update for product "12345" (item 1)'],
		['empty Update Fields text', { productId: byId('12345'), updateFields: { name: '' } }, 'Nothing to update for product "12345" (item 1)'],
		['blank name', { productId: byId('12345'), updateFields: { name: '  ' } }, 'Invalid "Name" (item 1): must not be empty'],
		['negative price', { productId: byId('12345'), updateFields: { price: -2 } }, 'Invalid "Price" (item 1): must be 0 or more'],
		['empty product', { productId: byId('={{ $json.missing }}'), updateFields: { name: 'X' } }, 'The "Product" parameter is empty (item 1)'],
	])('%s fails before any request', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'product', operation: 'update', ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});

describe('Product locator → From List', () => {
	const PRODUCT_PARAMETERS = { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: { __rl: true, mode: 'list', value: '' } };

	test('searchProducts pages the chosen shop lazily: the next row as token', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/products`)
			.query({ shop_id: 'shop1', limit: '50', page: '1' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, { data: productRows(0, 50), pagination: { page: 1, pageSize: 50, total: 120, totalPages: 3 } });
		const later = nock(BASE_URL).get(`${V2}/products`).query({ shop_id: 'shop1', limit: '50', page: '2' }).reply(200, { data: [] });
		const first = await runListSearch('searchProducts', PRODUCT_PARAMETERS);
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: 'Example Strain (20000)', value: '20000' });
		expect(first.paginationToken).toBe('50');
		expect(later.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test('searchProducts: the token picks the page; the last page ends the list', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '50', page: '3' }).reply(200, { data: productRows(100, 20), pagination: { page: 3, totalPages: 3 } });
		const last = await runListSearch('searchProducts', PRODUCT_PARAMETERS, { paginationToken: '100' });
		expect(last.results).toHaveLength(20);
		expect(last.paginationToken).toBeUndefined();
		expect(pendingData()).toEqual([]);
	});

	test('searchProducts stops at totalPages even on a full page', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products`).query({ shop_id: 'shop1', limit: '50', page: '2' }).reply(200, { data: productRows(50, 50), pagination: { page: 2, totalPages: 2 } });
		const result = await runListSearch('searchProducts', PRODUCT_PARAMETERS, { paginationToken: '50' });
		expect(result.results).toHaveLength(50);
		expect(result.paginationToken).toBeUndefined();
	});

	test('searchProducts without a shop asks for one and sends nothing', async () => {
		const mock = pharmaOneMock();
		await expect(
			runListSearch('searchProducts', { ...PRODUCT_PARAMETERS, shopId: { __rl: true, mode: 'list', value: '' } }),
		).rejects.toThrow('Choose a Shop first to list its products');
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('searchInventory lists the organization inventory with p1_id as a string value', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory`).matchHeader('authorization', mock.bearer(1)).reply(200, inventory);
		const result = await runListSearch('searchInventory', { resource: 'inventory', operation: 'getLog' }, { filter: 'example o' });
		expect(result.results).toEqual([{ name: 'Example Oil (12346) · stock 3', value: '12346' }]);
	});
});
