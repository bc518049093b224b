import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { deduplicationStore } from '../../../harness/deduplication';
import { EngineHarness } from '../../../harness/engine';
import type { RunOptions } from '../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { captureBody, pharmaOneMock } from '../../../harness/fakePharmaOne';
import adjusted from '../../../fixtures/inventory/adjust.json';
import created from '../../../fixtures/orderRequest/create.json';
import telemedicine from '../../../fixtures/telemedicineOrder/create.json';

const SHOP_URL = 'https://shop1.pharmaone.test';
const store = deduplicationStore();
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const ORDER_REQUEST = {
	resource: 'orderRequest',
	operation: 'create',
	shopId: byId('shop1'),
	externalReference: '={{ $json.ref }}',
	customerEmail: 'max@example.com',
	items: { item: [{ name: 'Example Strain', p1Id: '12345', productId: '', quantity: 1, price: 0 }] },
	skipAlreadySent: true,
};

const ADJUST = {
	resource: 'inventory',
	operation: 'adjust',
	productId: byId('12345'),
	reason: '=POS sale {{ $json.ref }}',
	deltaOnHand: -1,
	skipAlreadySent: true,
	idempotencyKey: '={{ $json.ref }}/1',
};

const TELEMEDICINE = {
	resource: 'telemedicineOrder',
	operation: 'create',
	externalReference: '={{ $json.ref }}',
	customerEmail: 'max@example.com',
	items: { item: [{ name: 'Example Strain', p1Id: '12345', productId: '', quantity: 1, price: 0 }] },
	skipAlreadySent: true,
};

const refs = (...values: string[]): INodeExecutionData[] => values.map((ref) => ({ json: { ref } }));

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS, pharmaOneShopApi: { shopUrl: SHOP_URL, apiKey: 'dummy-shop-key' } });
}

async function run(parameters: INodeParameters, items: INodeExecutionData[], options: Partial<RunOptions> = {}) {
	return await harness().run({
		parameters,
		items,
		credentialType: parameters.resource === 'telemedicineOrder' ? 'pharmaOneShopApi' : 'pharmaOneApi',
		...options,
	});
}

/** Answers every order request with `status` and the given body, recording the bodies; `.persist()`ed. */
function orderRequests(bodies: IDataObject[], status = 200, reply: object = created) {
	pharmaOneMock();
	return nock(BASE_URL).persist().post(`${V2}/order-requests`, captureBody(bodies)).reply(status, reply);
}

beforeEach(() => store.reset());

describe('Skip Already Sent: a second run sends nothing', () => {
	const cases: Array<[string, INodeParameters, () => IDataObject[]]> = [
		['Order Request → Create (v2)', ORDER_REQUEST, () => {
			const bodies: IDataObject[] = [];
			orderRequests(bodies);
			return bodies;
		}],
		['Order Request → Create (v1)', { ...ORDER_REQUEST, apiVersion: 'v1' }, () => {
			const bodies: IDataObject[] = [];
			pharmaOneMock();
			nock(BASE_URL).persist().post('/api/v1/public/orgs/org1/order-requests', captureBody(bodies)).reply(200, created);
			return bodies;
		}],
		['Telemedicine Order → Create', TELEMEDICINE, () => {
			const bodies: IDataObject[] = [];
			nock(SHOP_URL).persist().post('/api/v1/external-order', captureBody(bodies)).reply(200, telemedicine);
			return bodies;
		}],
		['Inventory → Adjust', ADJUST, () => {
			const bodies: IDataObject[] = [];
			pharmaOneMock();
			nock(BASE_URL).persist().post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, adjusted);
			return bodies;
		}],
	];

	test.each(cases)('%s: the same items again come out skipped, paired, with nothing sent', async (_name, parameters, mock) => {
		const bodies = mock();
		const first = await run(parameters, refs('A-1', 'A-2'));
		expect(first.error).toBeUndefined();
		expect(bodies).toHaveLength(2);
		expect(first.json.every((json) => json.skipped === undefined)).toBe(true);

		const second = await run(parameters, refs('A-1', 'A-2', 'A-3'));
		expect(second.error).toBeUndefined();
		expect(bodies).toHaveLength(3);
		const key = (ref: string) => (parameters.resource === 'inventory' ? `${ref}/1` : ref);
		expect(second.json.slice(0, 2)).toEqual([
			{ skipped: true, reason: 'alreadySent', key: key('A-1') },
			{ skipped: true, reason: 'alreadySent', key: key('A-2') },
		]);
		expect(second.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('without the option every run sends, and n8n\'s store is never used', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		await run({ ...ORDER_REQUEST, skipAlreadySent: false }, refs('B-1'));
		await run({ ...ORDER_REQUEST, skipAlreadySent: false }, refs('B-1'));
		expect(bodies).toHaveLength(2);
		expect(store.calls).toEqual({ checkProcessedAndRecord: 0, removeProcessed: 0 });
	});

	test('the key is the External Reference as sent: a reference typed with spaces is the same request', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		await run({ ...ORDER_REQUEST, externalReference: 'POS-7' }, refs(''));
		const second = await run({ ...ORDER_REQUEST, externalReference: ' POS-7 ' }, refs(''));
		expect(bodies).toHaveLength(1);
		expect(second.json).toEqual([{ skipped: true, reason: 'alreadySent', key: 'POS-7' }]);
	});
});

describe('Skip Already Sent: failures', () => {
	test.each([
		[422, { error: 'validation_error', message: 'payload.items needs at least one line' }],
		[409, { error: 'insufficient_stock', message: 'Stock cannot go below zero' }],
		[429, { message: 'API rate limit exceeded' }],
	])('a %s refusal frees the key, says so, and a corrected run sends it', async (status, body) => {
		const bodies: IDataObject[] = [];
		pharmaOneMock();
		nock(BASE_URL).post(`${V2}/order-requests`, captureBody(bodies)).times(status === 429 ? 4 : 1).reply(status, body, { 'Retry-After': '0' });
		const failed = await run(ORDER_REQUEST, refs('C-1'));
		expect(failed.error?.description).toContain('so External Reference "C-1" is not remembered');
		expect(store.count('test-workflow', 'node-under-test')).toBe(0);

		nock(BASE_URL).post(`${V2}/order-requests`, captureBody(bodies)).reply(200, created);
		const again = await run(ORDER_REQUEST, refs('C-1'));
		expect(again.error).toBeUndefined();
		expect(again.json).toEqual([created]);
		expect(store.count('test-workflow', 'node-under-test')).toBe(1);
	});

	test('a refused connection (nothing reached PharmaOne) frees the key', async () => {
		const closed = new EngineHarness({ pharmaOneShopApi: { shopUrl: 'http://127.0.0.1:1', apiKey: 'dummy-shop-key' } });
		const failed = await closed.run({ parameters: TELEMEDICINE, items: refs('D-1'), credentialType: 'pharmaOneShopApi' });
		expect(failed.error?.message).toContain('Could not reach');
		expect(failed.error?.description).toContain('External Reference "D-1" is not remembered');
		expect(store.count('test-workflow', 'node-under-test')).toBe(0);
	});

	test.each([
		['a 502', (scope: nock.Interceptor) => scope.reply(502, { error: 'bad_gateway' })],
		['a 500', (scope: nock.Interceptor) => scope.reply(500, { error: 'internal' })],
	])('%s keeps the key: the error says so and how to forget it; the next run skips the item', async (_name, answer) => {
		const bodies: IDataObject[] = [];
		pharmaOneMock();
		answer(nock(BASE_URL).post(`${V2}/order-requests`, captureBody(bodies)));
		const failed = await run(ORDER_REQUEST, refs('E-1'));
		expect(failed.error?.message).toMatch(/\(External Reference "E-1" kept as sent\)$/);
		expect(failed.error?.description).toContain('stays remembered as sent');
		expect(failed.error?.description).toContain('Forget Keys Instead of Sending');
		expect(bodies).toHaveLength(1);

		const trap = nock(BASE_URL).post(`${V2}/order-requests`).reply(200, created);
		const second = await run(ORDER_REQUEST, refs('E-1'));
		expect(second.json).toEqual([{ skipped: true, reason: 'alreadySent', key: 'E-1' }]);
		expect(trap.isDone()).toBe(false);
	});

	test('Forget Keys Instead of Sending forgets the keys and sends nothing; the next run sends', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		await run(ORDER_REQUEST, refs('F-1', 'F-2'));
		const forgotten = await run({ ...ORDER_REQUEST, skipAlreadySentOptions: { forgetKeys: true } }, refs('F-1'));
		expect(forgotten.json).toEqual([{ forgotten: true, key: 'F-1' }]);
		expect(bodies).toHaveLength(2);
		const again = await run(ORDER_REQUEST, refs('F-1', 'F-2'));
		expect(again.json).toEqual([created, { skipped: true, reason: 'alreadySent', key: 'F-2' }]);
		expect(bodies).toHaveLength(3);
	});

	test('with Continue On Fail, a kept key is an error item and the other items go on', async () => {
		pharmaOneMock();
		nock(BASE_URL).post(`${V2}/order-requests`).reply(200, created).post(`${V2}/order-requests`).reply(502, {}).post(`${V2}/order-requests`).reply(200, created);
		const result = await run(ORDER_REQUEST, refs('G-1', 'G-2', 'G-3'), { continueOnFail: true });
		expect(result.json[0]).toEqual(created);
		expect(result.json[1].error).toBe('PharmaOne failed to process the request (HTTP 502) (External Reference "G-2" kept as sent)');
		expect(result.json[2]).toEqual(created);
		expect(store.count('test-workflow', 'node-under-test')).toBe(3);
	});
});

describe('Skip Already Sent: validation and the store', () => {
	test.each([
		['an empty External Reference', ORDER_REQUEST, 'The "External Reference" parameter is empty (item 1)'],
		['an empty Idempotency Key', { ...ADJUST, idempotencyKey: '={{ $json.receipt }}' }, 'The "Idempotency Key" parameter is empty (item 1)'],
		['an invalid body', { ...ORDER_REQUEST, customerEmail: '' }, 'Invalid'],
		['a bad Keys Remembered', { ...ORDER_REQUEST, skipAlreadySentOptions: { keysRemembered: 0 } }, 'Invalid "Keys Remembered" (item 1)'],
	])('%s fails before n8n\'s store is asked, and nothing is sent', async (_name, parameters, message) => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		const result = await run(parameters, refs(''));
		expect(result.error?.message).toContain(message);
		expect(bodies).toEqual([]);
		expect(store.calls.checkProcessedAndRecord).toBe(0);
	});

	test('when n8n\'s store fails, nothing is sent and the error names the store', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		store.failNext = new Error('Connection terminated unexpectedly');
		const result = await run(ORDER_REQUEST, refs('H-1'));
		expect(result.error?.message).toBe(
			"Skip Already Sent could not use n8n's memory of sent keys (item 1): Connection terminated unexpectedly",
		);
		expect(result.error?.description).toMatch(/^Nothing was sent\./);
		expect(bodies).toEqual([]);
	});

	test('an unsaved workflow (no ID) is told to save first', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		const result = await run(ORDER_REQUEST, refs('H-2'), { workflowId: '' });
		expect(result.error?.message).toContain('the workflow has no ID');
		expect(bodies).toEqual([]);
	});

	test("a workflow history kept by Remove Duplicates in another mode is named, with the way out", async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		store.rows.set('test-workflow\u0000', { mode: 'latestIncrementalKey', data: [] });
		const result = await run({ ...ORDER_REQUEST, skipAlreadySentOptions: { scope: 'workflow' } }, refs('H-3'));
		expect(result.error?.description).toContain('choose Remember Keys Per: Node');
		expect(bodies).toEqual([]);
	});

	test('Keys Remembered bounds the memory: the oldest key is forgotten', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		const limited = { ...ORDER_REQUEST, skipAlreadySentOptions: { keysRemembered: 2 } };
		await run(limited, refs('I-1', 'I-2', 'I-3'));
		const again = await run(limited, refs('I-1', 'I-3'));
		expect(again.json).toEqual([created, { skipped: true, reason: 'alreadySent', key: 'I-3' }]);
		expect(bodies).toHaveLength(4);
	});
});

describe('Skip Already Sent: scopes and races', () => {
	test.each([
		['Node: another node of the same workflow sends it', 'node', { nodeId: 'other-node' }, 2],
		['Node: the same node in another workflow sends it', 'node', { workflowId: 'other-workflow' }, 2],
		['Workflow: another node of the same workflow skips it', 'workflow', { nodeId: 'other-node' }, 1],
		['Workflow: another workflow sends it', 'workflow', { workflowId: 'other-workflow' }, 2],
	])('Remember Keys Per %s', async (_name, scope, where, sent) => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		const parameters = { ...ORDER_REQUEST, skipAlreadySentOptions: { scope } };
		await run(parameters, refs('J-1'));
		await run(parameters, refs('J-1'), where);
		expect(bodies).toHaveLength(sent);
	});

	test('keys of different operations never collide in a shared workflow memory', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		nock(BASE_URL).post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, adjusted);
		const workflowScope = { skipAlreadySentOptions: { scope: 'workflow' } };
		await run({ ...ORDER_REQUEST, ...workflowScope }, refs('K-1/1'));
		const adjust = await run({ ...ADJUST, ...workflowScope }, refs('K-1'), { nodeId: 'adjust-node' });
		expect(adjust.json).toEqual([adjusted]);
		expect(bodies).toHaveLength(2);
	});

	test('parallel items: the same key twice in one run is sent once, and every key is remembered', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		const keys = ['L-1', 'L-2', 'L-3', 'L-2', 'L-4', 'L-5', 'L-6', 'L-7', 'L-8'];
		const result = await run({ ...ORDER_REQUEST, requestOptions: { parallelRequests: 8 } }, refs(...keys));
		expect(result.error).toBeUndefined();
		expect(bodies.map((body) => body.external_reference).sort()).toEqual(['L-1', 'L-2', 'L-3', 'L-4', 'L-5', 'L-6', 'L-7', 'L-8']);
		expect(result.json.filter((json) => json.skipped)).toEqual([{ skipped: true, reason: 'alreadySent', key: 'L-2' }]);
		expect(store.count('test-workflow', 'node-under-test')).toBe(8);
		const again = await run({ ...ORDER_REQUEST, requestOptions: { parallelRequests: 8 } }, refs(...keys));
		expect(again.json.every((json) => json.skipped === true)).toBe(true);
		expect(bodies).toHaveLength(8);
	});

	test('two executions at the same time with the same key: one sends, the other skips', async () => {
		const bodies: IDataObject[] = [];
		orderRequests(bodies);
		const [one, two] = await Promise.all([run(ORDER_REQUEST, refs('M-1')), run(ORDER_REQUEST, refs('M-1'))]);
		expect(bodies).toHaveLength(1);
		expect([one.json[0], two.json[0]]).toContainEqual({ skipped: true, reason: 'alreadySent', key: 'M-1' });
		expect([one.json[0], two.json[0]]).toContainEqual(created);
	});
});
