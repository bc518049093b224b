import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import sales from '../../../../fixtures/report/getProductSales.json';
import { harness, noQuery } from './helpers';

describe('Report operations', () => {
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
});
