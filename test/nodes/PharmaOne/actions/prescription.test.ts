import nock from 'nock';

import { PharmaOne } from '../../../../nodes/PharmaOne/PharmaOne.node';
import { EngineHarness } from '../../../harness/engine';
import { runListSearch } from '../../../harness/listSearch';
import { CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { captureBody, pharmaOneMock } from '../../../harness/fakePharmaOne';
import errors from '../../../fixtures/errors.json';
import created from '../../../fixtures/prescription/create.json';
import prescription from '../../../fixtures/prescription/get.json';
import list from '../../../fixtures/prescription/getAll.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

function rows(from: number, count: number) {
	return Array.from({ length: count }, (_, k) => ({ ...list.data[0], id: `org1-pq-R${from + k}` }));
}

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

describe('Prescription → Create', () => {
	test('posts shop_id, customer_email and the additional body fields, merged last', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/prescriptions`, captureBody(bodies)).matchHeader('authorization', mock.bearer(1)).reply(200, created);
		const result = await harness().run({
			parameters: {
				resource: 'prescription',
				operation: 'create',
				shopId: byId('shop1'),
				customerEmail: ' max@example.com ',
				additionalFields: {
					customer_name: ' Max Mustermann ',
					order_id: byId('ORD_20260614_8v039dhnrv'),
					prescription_pdf_url: 'https://example.com/rx.pdf',
					additionalBodyFields: '{"questionnaire": {"q1": "yes"}, "customer_name": "Max M."}',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([created]);
		expect(bodies).toEqual([
			{
				shop_id: 'shop1',
				customer_email: 'max@example.com',
				customer_name: 'Max M.',
				order_id: 'ORD_20260614_8v039dhnrv',
				prescription_pdf_url: 'https://example.com/rx.pdf',
				questionnaire: { q1: 'yes' },
			},
		]);
	});

	test('offers Customer Name, Order and Prescription PDF URL beside the JSON escape hatch, in one collection', () => {
		const fields = new PharmaOne().description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes('prescription') &&
				property.displayOptions?.show?.operation?.includes('create') &&
				!property.displayOptions?.show?.['@tool'], // PharmaOne Tool's own fields: test/tool/
		);
		expect(fields.map((field) => field.name)).toEqual(['shopId', 'customerEmail', 'additionalFields']);
		const options = (fields[2].options ?? []) as Array<{ name: string }>;
		expect(options.map((option) => option.name)).toEqual(['additionalBodyFields', 'customer_name', 'order_id', 'prescription_pdf_url']);
	});

	test('without a customer email only shop_id is sent', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/prescriptions`, captureBody(bodies)).reply(200, created);
		const result = await harness().run({ parameters: { resource: 'prescription', operation: 'create', shopId: byId('shop1') } });
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1' }]);
	});

	test.each([
		[{ shopId: byId('={{ $json.missing }}') }, 'The "Shop" parameter is empty (item 1)'],
		[{ shopId: byId('shop1'), customerEmail: 'max at example' }, 'Invalid "Customer Email" (item 1): not an email address'],
		[{ shopId: byId('shop1'), additionalFields: { additionalBodyFields: '{"a": ' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
		[{ shopId: byId('shop1'), additionalFields: { additionalBodyFields: '[1]' } }, 'The "Additional Body Fields (JSON)" field must be a JSON object (item 1)'],
		[{ shopId: byId('shop1'), additionalFields: { prescription_pdf_url: 'rx.pdf' } }, 'Invalid "Prescription PDF URL" (item 1): "rx.pdf" is not an http(s) URL'],
	])('%o fails before any request', async (values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'prescription', operation: 'create', ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});

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
