import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import fees from '../../../../fixtures/report/getPharmaOneFees.json';
import sales from '../../../../fixtures/report/getProductSales.json';
import stats from '../../../../fixtures/report/getStats.json';
import { harness, noQuery } from './helpers';

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
