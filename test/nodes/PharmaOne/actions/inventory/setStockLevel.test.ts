import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { createSandbox } from '../../../../../sandbox/server';
import type { Sandbox } from '../../../../../sandbox/server';
import { EngineHarness } from '../../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../../harness/fixtures';
import { captureBody, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import adjusted from '../../../../fixtures/inventory/adjust.json';
import inventory from '../../../../fixtures/inventory/getAll.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const SET: INodeParameters = {
	resource: 'inventory',
	operation: 'setStockLevel',
	productId: byId('12345'),
	reason: 'Stock count from the till',
	onHand: 37,
};

/** The log of product 12346 (3 on hand): it adds up to 3 on hand and 12 incoming. */
const LOG_12346 = {
	data: [
		{ id: 'b', p1_id: 12346, shop_id: null, delta_on_hand: -2, delta_incoming: 0, reason: 'POS sale', created_at: '2026-06-10T09:30:00Z' },
		{ id: 'a', p1_id: 12346, shop_id: null, delta_on_hand: 5, delta_incoming: 12, reason: 'Initial stock', created_at: '2026-06-01T09:00:00Z' },
	],
};

function run(parameters: INodeParameters, items?: INodeExecutionData[]) {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }).run({ parameters, items });
}

/** GET /inventory answered `times` times; adjust bodies recorded. */
function mockInventory(bodies: IDataObject[], times = 1) {
	const mock = pharmaOneMock();
	mock.scope.get(`${V2}/inventory`).times(times).reply(200, inventory);
	const adjust = nock(BASE_URL).post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, adjusted);
	return { mock, adjust };
}

describe('Inventory → Set Stock Level', () => {
	test('reads the level with GET /inventory and sends one adjust with the difference and the reason', async () => {
		const bodies: IDataObject[] = [];
		const { adjust } = mockInventory(bodies);
		const result = await run({ ...SET, additionalFields: { shopId: byId('shop1'), metadata: '{"till": "T1"}' } });
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{ p1_id: '12345', reason: 'Stock count from the till', delta_on_hand: -13, shop_id: 'shop1', metadata: { till: 'T1' } },
		]);
		expect(result.json).toEqual([
			{
				p1_id: '12345',
				status: 'adjusted',
				before: { on_hand: 50 },
				after: { on_hand: 37 },
				delta_on_hand: -13,
				delta_incoming: 0,
				adjustment: adjusted,
			},
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(adjust.isDone()).toBe(true);
	});

	test('a level that already matches sends nothing and the item says "unchanged"', async () => {
		const bodies: IDataObject[] = [];
		const { adjust } = mockInventory(bodies);
		const result = await run({ ...SET, productId: byId('12346'), onHand: 3 });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ p1_id: '12346', status: 'unchanged', before: { on_hand: 3 }, after: { on_hand: 3 } }]);
		expect(adjust.isDone()).toBe(false);
	});

	test('a target mapped as text from an expression counts as that number; raising stock sends a positive delta', async () => {
		const bodies: IDataObject[] = [];
		mockInventory(bodies);
		const result = await run({ ...SET, productId: byId('={{ $json.id }}'), onHand: '={{ $json.count }}' }, [
			{ json: { id: 12347, count: '8' } },
		]);
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12347', reason: 'Stock count from the till', delta_on_hand: 8 }]);
	});

	test.each([
		['a negative target', -1],
		['a fraction', 2.5],
		['text', '={{ "thirty" }}'],
		['an empty mapping', '={{ $json.missing }}'],
	])('%s fails with the field and item named, and nothing is sent (not even the read)', async (_name, onHand) => {
		const inventoryRead = nock(BASE_URL).get(`${V2}/inventory`).reply(200, inventory);
		const token = nock(BASE_URL).post(`${V2}/auth/token`).reply(200, { access_token: 'dummy-token' });
		const result = await run({ ...SET, onHand });
		expect(result.error?.message).toBe('Invalid "On Hand Quantity" (item 1): must be a whole number of 0 or more');
		expect(inventoryRead.isDone()).toBe(false);
		expect(token.isDone()).toBe(false);
	});

	test('invalid Metadata JSON fails before the level is read', async () => {
		const inventoryRead = nock(BASE_URL).get(`${V2}/inventory`).reply(200, inventory);
		const result = await run({ ...SET, additionalFields: { metadata: '{not json' } });
		expect(result.error?.message).toBe('The "Metadata (JSON)" field is not valid JSON (item 1)');
		expect(inventoryRead.isDone()).toBe(false);
	});

	test('a product outside the organization inventory is named, and no adjustment is sent', async () => {
		const bodies: IDataObject[] = [];
		const { adjust } = mockInventory(bodies);
		const result = await run({ ...SET, productId: byId('99999') });
		expect(result.error?.message).toBe('Product "99999" is not in the organization inventory (item 1)');
		expect(result.error?.description).toMatch(/^Nothing was sent\./);
		expect(adjust.isDone()).toBe(false);
	});

	test('incoming: read from the product log when it adds up to the on-hand level; one adjust sets both', async () => {
		const bodies: IDataObject[] = [];
		const { mock } = mockInventory(bodies);
		mock.scope.get(`${V2}/inventory/12346/log`).reply(200, LOG_12346);
		const result = await run({ ...SET, productId: byId('12346'), levels: 'both', onHand: 10, incoming: 20 });
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12346', reason: 'Stock count from the till', delta_on_hand: 7, delta_incoming: 8 }]);
		expect(result.json[0]).toMatchObject({ before: { on_hand: 3, incoming: 12 }, after: { on_hand: 10, incoming: 20 } });
	});

	test.each([
		['more log entries than PharmaOne returns', { log_entries: 201 }, LOG_12346, 'its log has 201 entries'],
		['a log that does not add up to the on-hand level', {}, { data: LOG_12346.data.slice(0, 1) }, 'does not add up'],
	])('incoming with %s: the node says it cannot tell, and sends nothing', async (_name, row, log, message) => {
		const bodies: IDataObject[] = [];
		const mock = pharmaOneMock();
		const rows = inventory.data.map((entry) => (entry.p1_id === 12346 ? { ...entry, ...row } : entry));
		mock.scope.get(`${V2}/inventory`).reply(200, { data: rows });
		mock.scope.get(`${V2}/inventory/12346/log`).optionally().reply(200, log);
		const adjust = nock(BASE_URL).post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, adjusted);
		const result = await run({ ...SET, productId: byId('12346'), levels: 'incoming', incoming: 0 });
		expect(result.error?.message).toBe('Cannot read the incoming quantity of product "12346" (item 1)');
		expect(result.error?.description).toContain(message);
		expect(adjust.isDone()).toBe(false);
	});
});

describe('Inventory → Set Stock Level against the sandbox', () => {
	let sandbox: Sandbox;
	let harness: EngineHarness;
	const level = (p1Id: string) => sandbox.state.inventory.get(p1Id);

	beforeAll(async () => {
		sandbox = createSandbox({ orderCount: 1 });
		const { baseUrl } = await sandbox.start();
		harness = new EngineHarness({
			pharmaOneApi: { environment: 'custom', baseUrl, organizationId: sandbox.options.orgId, apiKey: sandbox.options.apiKey },
		});
	});
	afterAll(async () => await sandbox.stop());

	test('a till export applied twice: the levels match it, and the second run sends no adjustment', async () => {
		const ids = [...sandbox.state.inventory.keys()].slice(0, 4) as string[];
		const counts = ids.map((p1Id, index) => ({ json: { p1Id, count: index === 0 ? level(p1Id).stockquantity : index * 7 } }));
		const parameters = { ...SET, productId: byId('={{ $json.p1Id }}'), onHand: '={{ $json.count }}', levels: 'both', incoming: 5 };
		const first = await harness.run({ parameters, items: counts });
		expect(first.error).toBeUndefined();
		for (const { json } of counts) expect([level(json.p1Id).stockquantity, level(json.p1Id).incoming]).toEqual([json.count, 5]);
		const adjustsAfterFirst = sandbox.stats().requests['POST /inventory/adjust'] ?? 0;

		const second = await harness.run({ parameters, items: counts });
		expect(second.json.map((json) => json.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
		expect(sandbox.stats().requests['POST /inventory/adjust'] ?? 0).toBe(adjustsAfterFirst);
	});

	test('the same product twice in one run with parallel requests: each read sees the adjustment before it', async () => {
		const p1Id = [...sandbox.state.inventory.keys()][5] as string;
		const targets = [40, 30, 30, 35];
		const result = await harness.run({
			parameters: { ...SET, productId: byId(p1Id), onHand: '={{ $json.count }}', requestOptions: { parallelRequests: 4 } },
			items: targets.map((count) => ({ json: { count } })),
		});
		expect(result.error).toBeUndefined();
		expect(level(p1Id).stockquantity).toBe(35);
		expect(result.json.map((json) => (json.after as IDataObject).on_hand)).toEqual(targets);
		expect(result.json.filter((json) => json.status === 'unchanged')).toHaveLength(1);
	});
});
