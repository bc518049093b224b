import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import fees from '../../../../fixtures/report/getPharmaOneFees.json';
import { harness, noQuery } from './helpers';

describe('Report operations', () => {
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
