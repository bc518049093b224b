import nock from 'nock';

import { runListSearch } from '../../../../harness/listSearch';
import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import list from '../../../../fixtures/prescription/getAll.json';
import { rows } from './helpers';

describe('Prescription locator → From List', () => {
	const PARAMETERS = { resource: 'prescription', operation: 'get', prescriptionId: { __rl: true, mode: 'list', value: '' } };

	test('a full page offers the next offset as token; a short page ends the list', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/prescriptions`)
			.query({ limit: '50', offset: '0' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, { data: rows(0, 50), pagination: { limit: 50, offset: 0 } })
			.get(`${V2}/prescriptions`)
			.query({ limit: '50', offset: '50' })
			.reply(200, list);
		const first = await runListSearch('searchPrescriptions', PARAMETERS);
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const last = await runListSearch('searchPrescriptions', PARAMETERS, { paginationToken: '50' });
		expect(last.paginationToken).toBeUndefined();
		expect(last.results[1]).toEqual({ name: 'org1-pq-7HX2QA · erika@example.com · pending_signature', value: 'org1-pq-7HX2QA' });
		expect(nock.pendingMocks().filter((pending) => pending.includes('/prescriptions'))).toEqual([]);
	});

	test('the filter matches ID, email or status, reading pages of 100', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/prescriptions`).query({ limit: '100', offset: '0' }).reply(200, list);
		const result = await runListSearch('searchPrescriptions', PARAMETERS, { filter: 'JONAS' });
		expect(result.results.map((r) => r.value)).toEqual(['org1-pq-Z9Y8X7']);
		expect(result.paginationToken).toBeUndefined();
	});
});
