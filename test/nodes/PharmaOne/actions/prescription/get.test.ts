import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import errors from '../../../../fixtures/errors.json';
import prescription from '../../../../fixtures/prescription/get.json';
import { byId, harness } from './helpers';

describe('Prescription → Get', () => {
	test('gets one prescription by ID', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/prescriptions/org1-pq-CQ3TLK`).matchHeader('authorization', mock.bearer(1)).reply(200, prescription);
		const result = await harness().run({
			parameters: { resource: 'prescription', operation: 'get', prescriptionId: byId('org1-pq-CQ3TLK') },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([prescription]);
	});

	test('a missing prescription is named in the 404 message', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/prescriptions/org1-pq-NOPE`).reply(404, errors.notFound);
		const result = await harness().run({ parameters: { resource: 'prescription', operation: 'get', prescriptionId: byId('org1-pq-NOPE') } });
		expect(result.error?.message).toBe('Prescription "org1-pq-NOPE" was not found');
	});
});
