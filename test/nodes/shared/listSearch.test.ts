import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import { createSandbox } from '../../../sandbox/server';
import { runListSearch } from '../../harness/listSearch';
import { BASE_URL, V2 } from '../../harness/fixtures';
import { pharmaOneMock } from '../../harness/fakePharmaOne';

const ORDER_PARAMETERS = { resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'list', value: '' } };
const PRESCRIPTION_PARAMETERS = { resource: 'prescription', operation: 'get', prescriptionId: { __rl: true, mode: 'list', value: '' } };
const PRODUCT_PARAMETERS = {
	resource: 'product',
	operation: 'get',
	shopId: { __rl: true, mode: 'id', value: 'shop1' },
	productId: { __rl: true, mode: 'list', value: '' },
};

/** `count` orders, newest first; the one at `match` (0-based) belongs to Jonas Beispiel. */
function orders(count: number, match?: number): IDataObject[] {
	return Array.from({ length: count }, (_, k) => ({
		id: `ORD_20260614_${String(k).padStart(10, '0')}`,
		customer_name: k === match ? 'Jonas Beispiel' : `Customer ${k}`,
		status: 'pending',
	}));
}

/**
 * Serves `rows` on a limit/offset route the way PharmaOne does (with `pagination.total` when
 * `withTotal`), recording each page asked for as "limit/offset".
 */
function serveOffsetPages(path: string, rows: IDataObject[], withTotal: boolean): string[] {
	const asked: string[] = [];
	pharmaOneMock().scope.get(path).query(true).times(100).reply((uri) => {
		const query = new URL(uri, BASE_URL).searchParams;
		const limit = Number(query.get('limit'));
		const offset = Number(query.get('offset'));
		asked.push(`${limit}/${offset}`);
		return [200, { data: rows.slice(offset, offset + limit), pagination: { limit, offset, ...(withTotal ? { total: rows.length } : {}) } }];
	});
	return asked;
}

describe('Order locator search covers what the list covers', () => {
	test('a customer on page 2 of the API (order #231) is found, reading pages of 200', async () => {
		const asked = serveOffsetPages(`${V2}/orders`, orders(260, 230), true);
		const result = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: 'jonas' });
		expect(result.results).toEqual([{ name: 'ORD_20260614_0000000230 · Jonas Beispiel · pending', value: 'ORD_20260614_0000000230' }]);
		expect(result.paginationToken).toBeUndefined();
		expect(asked).toEqual(['200/0', '200/200']);
	});

	test('the issue\'s case: order #60 is listed when scrolling and found when searching', async () => {
		const asked = serveOffsetPages(`${V2}/orders`, orders(80, 59), true);
		const first = await runListSearch('searchOrders', ORDER_PARAMETERS);
		expect(first.results.map((r) => r.value)).not.toContain('ORD_20260614_0000000059');
		const scrolled = await runListSearch('searchOrders', ORDER_PARAMETERS, { paginationToken: first.paginationToken });
		expect(scrolled.results.map((r) => r.value)).toContain('ORD_20260614_0000000059');
		const searched = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: 'Beispiel' });
		expect(searched.results.map((r) => r.value)).toEqual(['ORD_20260614_0000000059']);
		expect(asked).toEqual(['50/0', '50/50', '200/0']);
	});

	test('no match anywhere: every page is read once and the search ends with no token', async () => {
		const asked = serveOffsetPages(`${V2}/orders`, orders(2100), true);
		const result = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: 'nobody' });
		expect(result).toEqual({ results: [], paginationToken: undefined });
		expect(asked).toHaveLength(11);
	});

	test('many matches: one call stops with a page of results and continues from its token', async () => {
		const asked = serveOffsetPages(`${V2}/orders`, orders(500), true);
		const first = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: 'customer' });
		expect(first.results).toHaveLength(200);
		expect(first.paginationToken).toBe('200');
		const second = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: 'customer', paginationToken: '200' });
		expect(second.results[0].value).toBe('ORD_20260614_0000000200');
		expect(asked).toEqual(['200/0', '200/200']);
	});

	test('few matches far apart: a call returns what it found after 5 pages and scrolling reads on', async () => {
		const rows = orders(3000, 10);
		rows[2500].customer_name = 'Jonas Zweiter';
		const asked = serveOffsetPages(`${V2}/orders`, rows, true);
		const first = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: 'jonas' });
		expect(first.results.map((r) => r.value)).toEqual(['ORD_20260614_0000000010']);
		expect(first.paginationToken).toBe('1000');
		const next = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: 'jonas', paginationToken: '1000' });
		expect(next.results.map((r) => r.value)).toEqual(['ORD_20260614_0000002500']);
		expect(asked.slice(0, 6)).toEqual(['200/0', '200/200', '200/400', '200/600', '200/800', '200/1000']);
	});

	test('against the sandbox (300 orders): the oldest order is found by its ID', async () => {
		const sandbox = createSandbox({ orderCount: 300, apiKey: 'dummy-sandbox-search-key' });
		const { baseUrl } = await sandbox.start();
		try {
			const all = [...sandbox.state.orders.byId.values()] as Array<{ id: string; updated_at: string }>;
			const oldest = all.sort((a, b) => (a.updated_at < b.updated_at ? -1 : 1))[0];
			const credentials = { environment: 'custom', baseUrl, organizationId: 'org1', apiKey: 'dummy-sandbox-search-key' };
			const result = await runListSearch('searchOrders', ORDER_PARAMETERS, { filter: oldest.id.slice(-6), credentials });
			expect(result.results.map((r) => r.value)).toContain(oldest.id);
		} finally {
			await sandbox.stop();
		}
	});
});

describe('Prescription locator search', () => {
	test('a match on page 2 (no total in the answer) is found, reading pages of 100', async () => {
		const rows = Array.from({ length: 130 }, (_, k) => ({
			id: `org1-pq-${String(k).padStart(6, '0')}`,
			customer_email: k === 120 ? 'jonas@example.com' : `c${k}@example.com`,
			status: 'new',
		}));
		const asked = serveOffsetPages(`${V2}/prescriptions`, rows, false);
		const result = await runListSearch('searchPrescriptions', PRESCRIPTION_PARAMETERS, { filter: 'jonas@' });
		expect(result.results).toEqual([{ name: 'org1-pq-000120 · jonas@example.com · new', value: 'org1-pq-000120' }]);
		expect(result.paginationToken).toBeUndefined();
		expect(asked).toEqual(['100/0', '100/100']);
	});
});

describe('Product locator search', () => {
	test('a match on page 3 of the shop catalogue is found, reading pages of 100', async () => {
		const asked: string[] = [];
		const rows = Array.from({ length: 250 }, (_, k) => ({ p1_id: String(30000 + k), name: k === 240 ? 'Example Oil' : `Strain ${k}` }));
		pharmaOneMock().scope.get(`${V2}/products`).query(true).times(10).reply((uri) => {
			const query = new URL(uri, BASE_URL).searchParams;
			const limit = Number(query.get('limit'));
			const page = Number(query.get('page'));
			asked.push(`${limit}/${page}`);
			return [200, { data: rows.slice((page - 1) * limit, page * limit), pagination: { page, pageSize: limit, total: 250, totalPages: 3 } }];
		});
		const result = await runListSearch('searchProducts', PRODUCT_PARAMETERS, { filter: 'oil' });
		expect(result.results).toEqual([{ name: 'Example Oil (30240)', value: '30240' }]);
		expect(result.paginationToken).toBeUndefined();
		expect(asked).toEqual(['100/1', '100/2', '100/3']);
		nock.cleanAll();
	});
});
