import nock from 'nock';

import { EngineHarness } from '../../../harness/engine';
import { CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { pharmaOneMock } from '../../../harness/fakePharmaOne';
import fees from '../../../fixtures/report/getPharmaOneFees.json';
import performance from '../../../fixtures/report/getProductPerformance.json';
import sales from '../../../fixtures/report/getProductSales.json';
import stats from '../../../fixtures/report/getStats.json';

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

const noQuery = (query: Record<string, unknown>) => Object.keys(query).length === 0;

describe('Report operations', () => {
	test.each([
		['getStats', '/reports/stats', { from: '2026-06-01', to: '2026-06-14' }, stats],
		['getProductPerformance', '/reports/product-performance', { from: '2026-06-01', to: '2026-06-14' }, performance],
	])('%s sends from/to as YYYY-MM-DD with the Bearer token and returns the report as one item', async (operation, path, query, body) => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}${path}`).query(query).matchHeader('authorization', mock.bearer(1)).reply(200, body);
		const result = await harness().run({
			parameters: { resource: 'report', operation, fromDate: '2026-06-01T00:00:00', toDate: '2026-06-14T23:59:00+02:00' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([body]);
		expect(mock.scope.isDone()).toBe(true);
	});

	test('getProductSales sends from_date/to_date, and wraps a top-level array into one item', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/reports/product-sales`)
			.query({ from_date: '2026-06-01', to_date: '2026-06-14' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, sales);
		const result = await harness().run({
			parameters: { resource: 'report', operation: 'getProductSales', fromDate: '2026-06-01', toDate: '2026-06-14' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ data: sales }]);
	});

	test('empty dates send no query, so PharmaOne applies its defaults', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/product-sales`).query(noQuery).reply(200, sales);
		const result = await harness().run({ parameters: { resource: 'report', operation: 'getProductSales' } });
		expect(result.error).toBeUndefined();
		expect(mock.scope.isDone()).toBe(true);
	});

	test('Get PharmaOne Fees: Last 24 Months sends no parameters', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/pharmaone`).query(noQuery).matchHeader('authorization', mock.bearer(1)).reply(200, fees);
		const result = await harness().run({ parameters: { resource: 'report', operation: 'getPharmaOneFees', period: 'last24Months' } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([fees]);
	});

	test('Get PharmaOne Fees: One Month sends month=YYYY-MM from a date picker value', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/pharmaone`).query({ month: '2026-05' }).reply(200, fees);
		const result = await harness().run({
			parameters: { resource: 'report', operation: 'getPharmaOneFees', period: 'oneMonth', month: '2026-05-17T00:00:00' },
		});
		expect(result.error).toBeUndefined();
		expect(mock.scope.isDone()).toBe(true);
	});

	test('Get PharmaOne Fees: Month Range sends month_from and month_to', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/pharmaone`).query({ month_from: '2025-07', month_to: '2026-05' }).reply(200, fees);
		const result = await harness().run({
			parameters: { resource: 'report', operation: 'getPharmaOneFees', period: 'monthRange', monthFrom: '2025-07', monthTo: '2026-05-31T00:00:00' },
		});
		expect(result.error).toBeUndefined();
		expect(mock.scope.isDone()).toBe(true);
	});
});

describe('Report → Split Into Items', () => {
	test('splits the only top-level array of the report', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/stats`).query(noQuery).reply(200, stats);
		const result = await harness().run({ parameters: { resource: 'report', operation: 'getStats', options: { splitArray: true } } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(stats.customers);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('splits a response that is itself an array', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/product-sales`).query(noQuery).reply(200, sales);
		const result = await harness().run({ parameters: { resource: 'report', operation: 'getProductSales', options: { splitArray: true } } });
		expect(result.json).toEqual(sales);
	});

	test('splits the named array when there are several', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/pharmaone`).query(noQuery).reply(200, fees);
		const result = await harness().run({
			parameters: { resource: 'report', operation: 'getPharmaOneFees', options: { splitArray: true, arrayField: 'months' } },
		});
		expect(result.json).toEqual(fees.months);
	});

	test.each([
		[{ splitArray: true }, 'The report has more than one top-level array to split (item 1)', /months, invoices/],
		[{ splitArray: true, arrayField: 'rows' }, 'The report has no top-level array "rows" to split (item 1)', /months, invoices/],
	])('an ambiguous or missing array fails with the arrays found (%o)', async (options, message, description) => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/pharmaone`).query(noQuery).reply(200, fees);
		const result = await harness().run({ parameters: { resource: 'report', operation: 'getPharmaOneFees', options } });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(description);
	});
});

describe('Report validation: nothing is sent', () => {
	test.each([
		['getStats', { fromDate: '2026-06-14', toDate: '2026-06-01' }, 'Invalid "To Date" (item 1): the start of the period is after its end; swap the two values'],
		['getProductSales', { fromDate: '2026-06-14', toDate: '2026-06-01' }, 'Invalid "To Date" (item 1): the start of the period is after its end; swap the two values'],
		['getProductPerformance', { fromDate: 'yesterday' }, 'Invalid "From Date" (item 1): "yesterday" is not a date such as 2026-06-01 (YYYY-MM-DD)'],
		['getStats', { toDate: '2026-02-30' }, 'Invalid "To Date" (item 1): "2026-02-30" is not a date such as 2026-06-01 (YYYY-MM-DD)'],
		['getStats', { fromDate: '2026-06' }, 'Invalid "From Date" (item 1): "2026-06" is not a date such as 2026-06-01 (YYYY-MM-DD)'],
		['getPharmaOneFees', { period: 'oneMonth', month: '2026-13' }, 'Invalid "Month" (item 1): "2026-13" is not a month such as 2026-06 (YYYY-MM)'],
		['getPharmaOneFees', { period: 'oneMonth', month: '={{ $json.missing }}' }, 'The "Month" parameter is empty (item 1)'],
		['getPharmaOneFees', { period: 'monthRange', monthFrom: '2026-05', monthTo: '2026-01' }, 'Invalid "To Month" (item 1): the start of the period is after its end; swap the two values'],
		['getPharmaOneFees', { period: 'monthRange', monthFrom: '2026-05', monthTo: '={{ $json.missing }}' }, 'The "To Month" parameter is empty (item 1)'],
	])('%s with %o fails', async (operation, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'report', operation, ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
		expect(nock.pendingMocks().filter((pending) => pending.includes('/reports'))).toEqual([]);
	});

	test('the second item is named when only it is invalid', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/reports/stats`).query({ from: '2026-06-01' }).reply(200, stats);
		const result = await harness().run({
			parameters: { resource: 'report', operation: 'getStats', fromDate: '={{ $json.from }}' },
			items: [{ json: { from: '2026-06-01' } }, { json: { from: '2026-99-01' } }],
		});
		expect(result.error?.message).toBe('Invalid "From Date" (item 2): "2026-99-01" is not a date such as 2026-06-01 (YYYY-MM-DD)');
	});
});
