import { parseArgs } from '../../sandbox/cli';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

interface Row {
	id: string;
	created_at: string;
	updated_at?: string;
}

/** The sandbox's switches between plausible behaviours where the PharmaOne docs are silent. */
describe('sandbox behaviour switches', () => {
	let sandbox: Sandbox;
	let baseUrl: string;
	let bearer: string;

	beforeAll(async () => {
		sandbox = createSandbox({ seed: 3, orderCount: 300, now: '2026-06-14T12:00:00Z' });
		({ baseUrl } = await sandbox.start());
		bearer = `Bearer ${sandbox.issueToken()}`;
	});

	afterAll(async () => {
		await sandbox.stop();
	});

	async function json(path: string, init: RequestInit = {}): Promise<{ status: number; body: { data: Row[] } & Record<string, unknown> }> {
		const response = await fetch(`${baseUrl}${path}`, { ...init, headers: { Authorization: bearer, 'Content-Type': 'application/json' } });
		return { status: response.status, body: (await response.json()) as { data: Row[] } & Record<string, unknown> };
	}

	const api = (path: string) => `/api/v2/public/orgs/org1${path}`;
	const isNewestFirst = (values: string[]) => values.every((value, k) => k === 0 || values[k - 1] >= value);

	test('by default lists are newest updated first', async () => {
		const defaults = { listOrder: 'updated', upsertCreatedAt: 'order_datetime', adjustAnswer: 'documented' };
		expect(sandbox.getBehaviour()).toEqual(defaults);
		expect((await json('/__sandbox/behaviour')).body).toEqual(defaults);
		const { data } = (await json(api('/orders?limit=200'))).body;
		expect(isNewestFirst(data.map((row) => String(row.updated_at)))).toBe(true);
		expect(isNewestFirst(data.map((row) => row.created_at))).toBe(false);
	});

	test('POST /__sandbox/behaviour switches the list order of orders and prescriptions to newest created first', async () => {
		expect((await json('/__sandbox/behaviour', { method: 'POST', body: JSON.stringify({ listOrder: 'created' }) })).body).toEqual({
			listOrder: 'created',
			upsertCreatedAt: 'order_datetime',
			adjustAnswer: 'documented',
		});
		const orders = (await json(api('/orders?limit=200&offset=50'))).body.data;
		expect(isNewestFirst(orders.map((row) => row.created_at))).toBe(true);
		expect(isNewestFirst(orders.map((row) => String(row.updated_at)))).toBe(false);
		const upserted = await json(api('/orders'), {
			method: 'POST',
			body: JSON.stringify({ shop_id: 'shop1', external_id: 'TILL-1', order_datetime: '2026-01-01T08:00:00Z', items: [] }),
		});
		const late = (await json(api(`/orders/${String(upserted.body.id)}`))).body;
		expect(late.created_at).toBe('2026-01-01T08:00:00Z');
		const firstPage = (await json(api('/orders?limit=200'))).body.data.map((row) => row.id);
		expect(firstPage).not.toContain(upserted.body.id); // an order synced late lands among older orders, on page 2
		expect((await json(api('/orders?limit=200&offset=200'))).body.data.map((row) => row.id)).toContain(upserted.body.id);

		// Prescriptions: one that is ingested again moves up only in the "updated" order.
		const prescriptions = (await json(api('/prescriptions?limit=100'))).body.data;
		const oldest = prescriptions[prescriptions.length - 1];
		await json(api('/prescriptions'), { method: 'POST', body: JSON.stringify({ id: oldest.id, shop_id: 'shop1' }) });
		expect((await json(api('/prescriptions?limit=1'))).body.data[0].id).not.toBe(oldest.id);
		sandbox.setBehaviour({ listOrder: 'updated' });
		expect((await json(api('/prescriptions?limit=1'))).body.data[0].id).toBe(oldest.id);
		expect((await json(api('/prescriptions?limit=1'))).body.data[0]).not.toHaveProperty('updated_at');
	});

	test('upsertCreatedAt "now": an upserted order is created when it arrives', async () => {
		sandbox.setBehaviour({ upsertCreatedAt: 'now' });
		const upserted = await json(api('/orders'), {
			method: 'POST',
			body: JSON.stringify({ shop_id: 'shop1', external_id: 'TILL-2', order_datetime: '2026-05-01T08:00:00Z', items: [] }),
		});
		const order = (await json(api(`/orders/${String(upserted.body.id)}`))).body;
		expect(order.created_at).toBe(order.updated_at);
		expect(order.order_datetime).toBe('2026-05-01T08:00:00Z');
	});

	test('unknown switches and values are refused with 400', async () => {
		expect((await json('/__sandbox/behaviour', { method: 'POST', body: JSON.stringify({ listOrder: 'random' }) })).status).toBe(400);
		expect((await json('/__sandbox/behaviour', { method: 'POST', body: JSON.stringify({ sortBy: 'id' }) })).status).toBe(400);
		expect(() => createSandbox({ listOrder: 'oldest' as never })).toThrow('listOrder must be one of: updated, created');
	});

	test('the CLI takes the switches as options and from the environment', () => {
		expect(parseArgs(['--list-order', 'created', '--upsert-created-at=now', '--adjust-answer', 'level', '--products', '2666'], {})).toMatchObject({
			listOrder: 'created',
			upsertCreatedAt: 'now',
			adjustAnswer: 'level',
			productCount: 2666,
		});
		expect(parseArgs([], { PHARMAONE_SANDBOX_LIST_ORDER: 'created', PHARMAONE_SANDBOX_ADJUST_ANSWER: 'level' })).toMatchObject({
			listOrder: 'created',
			adjustAnswer: 'level',
		});
		expect(() => parseArgs(['--list-order', 'oldest'], {})).toThrow('listOrder must be one of');
		expect(() => parseArgs(['--adjust-answer', 'total'], {})).toThrow('adjustAnswer must be one of');
	});

	test('adjustAnswer "level": POST /inventory/adjust also answers the new on-hand level', async () => {
		const [row] = [...sandbox.state.inventory.values()] as Array<{ p1_id: string; stockquantity: number }>;
		const adjust = async () =>
			(await json(api('/inventory/adjust'), { method: 'POST', body: JSON.stringify({ p1_id: row.p1_id, reason: 'test', delta_on_hand: 1 }) })).body;
		expect(Object.keys(await adjust()).sort()).toEqual(['id', 'status']);
		sandbox.setBehaviour({ adjustAnswer: 'level' });
		try {
			expect(await adjust()).toMatchObject({ status: 'ok', stockquantity: row.stockquantity });
		} finally {
			sandbox.setBehaviour({ adjustAnswer: 'documented' });
		}
	});
});
