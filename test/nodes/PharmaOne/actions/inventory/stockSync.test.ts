import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import nock from 'nock';

import { createSandbox } from '../../../../../sandbox/server';
import type { Sandbox } from '../../../../../sandbox/server';
import { EngineHarness } from '../../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../../harness/fixtures';
import { captureBody, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import inventory from '../../../../fixtures/inventory/getAll.json';

// Set Stock Level at catalogue scale (issue #22): one inventory read per execution, one adjustment per product
// that differs, and two executions of the same sync in one process that end exactly at the targets.

const SYNC: INodeParameters = {
	resource: 'inventory',
	operation: 'setStockLevel',
	productId: { __rl: true, mode: 'id', value: '={{ $json.p1Id }}' },
	reason: 'Stock count from the till',
	onHand: '={{ $json.count }}',
};

/** Two executions at once on a busy 2-core host. */
const SLOW = 180000;

type Count = { p1Id: string; count: number | string; incoming?: number };
const items = (counts: Count[]): INodeExecutionData[] => counts.map((json) => ({ json }));

describe('Set Stock Level: a till export against a large sandbox inventory', () => {
	let sandbox: Sandbox;
	let harness: EngineHarness;
	const row = (p1Id: string) => sandbox.state.inventory.get(p1Id);
	const requests = (route: string) => sandbox.stats().requests[route] ?? 0;

	beforeAll(async () => {
		sandbox = createSandbox({ orderCount: 1, productCount: 400 });
		const { baseUrl } = await sandbox.start();
		harness = new EngineHarness({
			pharmaOneApi: { environment: 'custom', baseUrl, organizationId: sandbox.options.orgId, apiKey: sandbox.options.apiKey },
		});
	});
	afterAll(async () => await sandbox.stop());
	afterEach(() => {
		sandbox.setFaults({ latencyMs: 0 });
		sandbox.setBehaviour({ adjustAnswer: 'documented' });
	});

	/** Every inventory product counted; `differ` of them (spread over the list) set to a new level. */
	function tillExport(differ: number, shift = 1): Count[] {
		const ids = [...sandbox.state.inventory.keys()] as string[];
		const step = Math.floor(ids.length / differ);
		return ids.map((p1Id, index) => {
			const level = row(p1Id).stockquantity as number;
			return { p1Id, count: index % step === 0 && index / step < differ ? level + shift + (index % 5) : level };
		});
	}

	test('one GET /inventory per run and one adjustment per product that differs; a rerun sends nothing', async () => {
		const counts = tillExport(30);
		const differing = counts.filter(({ p1Id, count }) => row(p1Id).stockquantity !== count).length;
		expect([counts.length, differing]).toEqual([300, 30]);
		sandbox.resetStats();
		const first = await harness.run({ parameters: SYNC, items: items(counts) });
		expect(first.error).toBeUndefined();
		expect([requests('GET /inventory'), requests('POST /inventory/adjust'), requests('GET /inventory/{p1Id}/log')]).toEqual([1, 30, 0]);
		for (const { p1Id, count } of counts) expect(row(p1Id).stockquantity).toBe(count);
		expect(first.json.filter((json) => json.status === 'adjusted')).toHaveLength(30);
		expect(first.items.map((item) => item.pairedItem)).toEqual(counts.map((_, item) => ({ item })));
		const adjusted = first.json.find((json) => json.status === 'adjusted') as IDataObject;
		expect(adjusted.after).toEqual({ on_hand: (adjusted.before as IDataObject).on_hand as number + (adjusted.delta_on_hand as number) });

		sandbox.resetStats();
		const again = await harness.run({ parameters: SYNC, items: items(counts) });
		expect(new Set(again.json.map((json) => json.status))).toEqual(new Set(['unchanged']));
		expect([requests('GET /inventory'), requests('POST /inventory/adjust')]).toEqual([1, 0]);
	});

	test('a product outside the inventory and an invalid target fail alone with Continue On Fail; the others go on', async () => {
		const counts: Count[] = tillExport(10, 2).slice(0, 40);
		counts[3] = { p1Id: '99999', count: 5 };
		counts[7] = { ...counts[7], count: -4 };
		const invalidBefore = row(counts[7].p1Id).stockquantity;
		sandbox.resetStats();
		const result = await harness.run({ parameters: SYNC, items: items(counts), continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(result.json[3].error).toBe('Product "99999" is not in the organization inventory (item 4)');
		expect(result.json[7].error).toBe('Invalid "On Hand Quantity" (item 8): must be a whole number of 0 or more');
		expect(row(counts[7].p1Id).stockquantity).toBe(invalidBefore);
		counts.forEach(({ p1Id, count }, i) => {
			if (i !== 3 && i !== 7) expect([i, row(p1Id).stockquantity]).toEqual([i, count]);
		});
		expect(requests('GET /inventory')).toBe(1);
	});

	test('incoming: one log read per product whose incoming level is set, none for the others', async () => {
		const ids = ([...sandbox.state.inventory.keys()] as string[]).slice(0, 12);
		const counts = ids.map((p1Id) => ({ p1Id, count: row(p1Id).stockquantity + 1, incoming: 6 }));
		sandbox.resetStats();
		const parameters = { ...SYNC, levels: '={{ $itemIndex < 4 ? "both" : "onHand" }}', incoming: '={{ $json.incoming }}' };
		const result = await harness.run({ parameters, items: items(counts) });
		expect(result.error).toBeUndefined();
		expect([requests('GET /inventory'), requests('GET /inventory/{p1Id}/log'), requests('POST /inventory/adjust')]).toEqual([1, 4, 12]);
		counts.forEach(({ p1Id, count }, i) => expect([row(p1Id).stockquantity, i < 4 ? row(p1Id).incoming : 'any']).toEqual([count, i < 4 ? 6 : 'any']));
	});

	test.each(['documented', 'level'])(
		'two executions of the same sync at the same moment (adjust answer: %s) end exactly at the targets',
		async (adjustAnswer) => {
			sandbox.setBehaviour({ adjustAnswer: adjustAnswer as 'documented' | 'level' });
			sandbox.setFaults({ latencyMs: 3 });
			const counts = tillExport(40, 3);
			const differing = counts.filter(({ p1Id, count }) => row(p1Id).stockquantity !== count).length;
			sandbox.resetStats();
			const [a, b] = await Promise.all([1, 2].map(async () => await harness.run({ parameters: SYNC, items: items(counts) })));
			expect([a.error, b.error]).toEqual([undefined, undefined]);
			for (const { p1Id, count } of counts) expect([p1Id, row(p1Id).stockquantity]).toEqual([p1Id, count]);
			// Each differing product is adjusted once: the execution that comes second sees the first one's change.
			expect(requests('POST /inventory/adjust')).toBe(differing);
			const statuses = [...a.json, ...b.json].map((json) => json.status);
			expect(statuses.filter((status) => status === 'adjusted')).toHaveLength(differing);
			expect([...a.json, ...b.json].filter((json) => json.staleRead)).toEqual([]);
		},
		SLOW,
	);

	test('a nested item field and any other expression map the same counts as a plain field', async () => {
		const ids = ([...sandbox.state.inventory.keys()] as string[]).slice(20, 26);
		const export_ = ids.map((p1Id, index) => ({ json: { id: { p1: p1Id }, till: { on_hand: index + 3 }, missing: index === 5 } }));
		const parameters = {
			...SYNC,
			productId: { __rl: true, mode: 'id', value: '={{ $itemIndex % 2 ? $json.id.p1 : String($json.id.p1) }}' },
			onHand: '={{ $json.till.on_hand }}',
		};
		const nested = { ...parameters, productId: { __rl: true, mode: 'id', value: '={{ $json.id.p1 }}' } };
		const first = await harness.run({ parameters, items: export_ });
		expect(first.error).toBeUndefined();
		export_.forEach(({ json }) => expect(row(json.id.p1).stockquantity).toBe(json.till.on_hand));
		const again = await harness.run({ parameters: nested, items: export_ });
		expect(again.json.map((json) => json.status)).toEqual(ids.map(() => 'unchanged'));
		const missing = await harness.run({ parameters: { ...nested, onHand: '={{ $json.till.none }}' }, items: export_.slice(0, 1) });
		expect(missing.error?.message).toBe('Invalid "On Hand Quantity" (item 1): must be a whole number of 0 or more');
	});

	test('items of the same product in one run apply in order, 16 at a time, each against the level the previous one left', async () => {
		const p1Id = [...sandbox.state.inventory.keys()][1] as string;
		const targets = [40, 30, 30, 35, 2, 9];
		sandbox.resetStats();
		const result = await harness.run({ parameters: SYNC, items: items(targets.map((count) => ({ p1Id, count }))) });
		expect(result.error).toBeUndefined();
		expect(row(p1Id).stockquantity).toBe(9);
		expect(result.json.map((json) => (json.after as IDataObject).on_hand)).toEqual(targets);
		expect([requests('GET /inventory'), requests('POST /inventory/adjust')]).toEqual([1, 5]);
	});
});

describe('Set Stock Level: reads that an adjustment may have made stale', () => {
	const one = (count: number, p1Id = '12345') => items([{ p1Id, count }]);
	const harness = () => new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });

	test('a failed adjustment (500) is not retried and says the level may have changed; the next item of the product reads again', async () => {
		const bodies: IDataObject[] = [];
		const mock = pharmaOneMock();
		const rows = (level: number) => ({ data: inventory.data.map((entry) => (entry.p1_id === 12345 ? { ...entry, stockquantity: level } : entry)) });
		mock.scope.get(`${V2}/inventory`).reply(200, rows(50)).get(`${V2}/inventory`).reply(200, rows(40));
		nock(BASE_URL).post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(500, { error: 'internal' });
		nock(BASE_URL).post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, { status: 'ok', id: 'b' });
		const result = await harness().run({ parameters: SYNC, items: [...one(40), ...one(30)], continueOnFail: true });
		expect(result.json[0].description).toContain('may or may not have applied');
		expect(bodies.map((body) => body.delta_on_hand)).toEqual([-10, -10]);
		expect(result.json[1]).toMatchObject({ status: 'adjusted', before: { on_hand: 40 }, after: { on_hand: 30 }, readAgain: true });
		expect(mock.scope.isDone()).toBe(true);
	});

	test('an answer that reports another level: the output says the read was stale, and one correction reaches the target', async () => {
		const bodies: IDataObject[] = [];
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory`).reply(200, inventory);
		// Read 50; 2 were sold elsewhere before the -13 arrived, so PharmaOne reports 35, not 37.
		nock(BASE_URL).post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, { status: 'ok', id: 'a', stockquantity: 35 });
		nock(BASE_URL).post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, { status: 'ok', id: 'b', stockquantity: 37 });
		const result = await harness().run({ parameters: SYNC, items: one(37) });
		expect(result.error).toBeUndefined();
		expect(bodies.map((body) => body.delta_on_hand)).toEqual([-13, 2]);
		expect(result.json[0]).toMatchObject({
			status: 'adjusted',
			before: { on_hand: 48 },
			after: { on_hand: 37 },
			delta_on_hand: -13,
			staleRead: { expected_on_hand: 37, reported_on_hand: 35, changed_outside_by: -2, correction: { delta_on_hand: 2 } },
		});
	});

	test('an answer with the expected level, or none (as documented), adds nothing to the output', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory`).reply(200, inventory);
		nock(BASE_URL).post(`${V2}/inventory/adjust`).reply(200, { status: 'ok', id: 'a', stockquantity: 37 });
		nock(BASE_URL).post(`${V2}/inventory/adjust`).reply(200, { status: 'ok', id: 'b' });
		const result = await harness().run({ parameters: SYNC, items: [...one(37), ...one(9, '12347')] });
		expect(result.error).toBeUndefined();
		expect(result.json.map((json) => [json.status, json.staleRead, json.readAgain])).toEqual([
			['adjusted', undefined, undefined],
			['adjusted', undefined, undefined],
		]);
	});
});
