import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import performance from '../../../../fixtures/report/getProductPerformance.json';
import stats from '../../../../fixtures/report/getStats.json';
import { harness } from './helpers';

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
});
