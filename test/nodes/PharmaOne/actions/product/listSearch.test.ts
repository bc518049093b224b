import nock from 'nock';

import { runListSearch } from '../../../../harness/listSearch';
import { BASE_URL, V2 } from '../../../../harness/fixtures';
import { pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import inventory from '../../../../fixtures/inventory/getAll.json';
import { byId, productRows } from './helpers';

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
