import nock from 'nock';

import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import stats from '../../../../fixtures/report/getStats.json';
import { harness } from './helpers';

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
