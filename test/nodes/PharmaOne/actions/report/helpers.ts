/** What several report test files share. */
import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS, V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';

export function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

export const noQuery = (query: Record<string, unknown>) => Object.keys(query).length === 0;

/** A report read for a period: From/To sent as YYYY-MM-DD with the Bearer token, the report returned as one item. */
export function testDatedReport(operation: string, path: string, body: object): void {
	test(`${operation} sends from/to as YYYY-MM-DD with the Bearer token and returns the report as one item`, async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}${path}`)
			.query({ from: '2026-06-01', to: '2026-06-14' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, body);
		const result = await harness().run({
			parameters: { resource: 'report', operation, fromDate: '2026-06-01T00:00:00', toDate: '2026-06-14T23:59:00+02:00' },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([body]);
		expect(mock.scope.isDone()).toBe(true);
	});
}
