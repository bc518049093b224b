import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import list from '../../../../fixtures/prescription/getAll.json';
import { harness, rows } from './helpers';

describe('Prescription → Get Many', () => {
	test('Limit asks for that many rows with the Bearer token and returns the rows as items', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/prescriptions`)
			.query({ limit: '3', offset: '0' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, list);
		const result = await harness().run({ parameters: { resource: 'prescription', operation: 'getAll', returnAll: false, limit: 3 } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(list.data);
	});

	test.each([
		[{ status: 'pending_signature' }, 'pending_signature'],
		[{ status: '=on_hold' }, 'on_hold'],
		[{ status: '={{ "needs_review" }}' }, 'needs_review'],
	])('the status filter %o is sent as status=%s', async (filters, status) => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/prescriptions`).query({ limit: '50', offset: '0', status }).reply(200, list);
		const result = await harness().run({
			parameters: { resource: 'prescription', operation: 'getAll', returnAll: false, limit: 50, filters },
		});
		expect(result.error).toBeUndefined();
		expect(mock.scope.isDone()).toBe(true);
	});

	test('Return All pages by offset with pages of 100 until a short page', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/prescriptions`)
			.query({ limit: '100', offset: '0' })
			.reply(200, { data: rows(0, 100), pagination: { limit: 100, offset: 0 } })
			.get(`${V2}/prescriptions`)
			.query({ limit: '100', offset: '100' })
			.reply(200, { data: rows(100, 30), pagination: { limit: 100, offset: 100 } });
		const result = await harness().run({ parameters: { resource: 'prescription', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(130);
		expect(result.json[129].id).toBe('org1-pq-R129');
		expect(mock.scope.isDone()).toBe(true);
	});
});
