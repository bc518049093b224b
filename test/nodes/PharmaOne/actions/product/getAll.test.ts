import nock from 'nock';

import { BASE_URL, V2 } from '../../../../harness/fixtures';
import { pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import productList from '../../../../fixtures/product/getAll.json';
import { byId, harness, productRows } from './helpers';

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
