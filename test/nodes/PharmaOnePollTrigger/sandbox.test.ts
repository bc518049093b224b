import type { IDataObject } from 'n8n-workflow';

import { createSandbox } from '../../../sandbox/server';
import type { Sandbox } from '../../../sandbox/server';
import { PollHarness } from '../../harness/poll';

const DAY_MS = 86_400_000;

/**
 * The poll trigger inside n8n-core's PollContext against the local PharmaOne emulator (real
 * HTTP on loopback, real token exchange), once with each list order the sandbox can show:
 * a status change of an old order deep in the list, and an order synced late, each produce
 * exactly one item, within the request bound the README states.
 */
describe.each(['created', 'updated'] as const)('PharmaOne Poll Trigger against the sandbox, lists newest %s first', (listOrder) => {
	let sandbox: Sandbox;
	let baseUrl: string;

	beforeAll(async () => {
		sandbox = createSandbox({ seed: 7, orderCount: 1500, now: new Date().toISOString(), listOrder });
		({ baseUrl } = await sandbox.start());
	});

	afterAll(async () => {
		await sandbox.stop();
	});

	function harness(parameters: IDataObject) {
		return new PollHarness({
			parameters: parameters as never,
			credential: { environment: 'custom', baseUrl, organizationId: sandbox.options.orgId, apiKey: sandbox.options.apiKey },
		});
	}

	/** Orders a 90-day window holds now. */
	function ordersInWindow(): number {
		const start = Date.now() - 91 * DAY_MS;
		return [...(sandbox.state.orders.byId as Map<string, IDataObject>).values()].filter((order) => Date.parse(String(order.created_at)) >= start)
			.length;
	}

	/** Creates an order through `POST /orders`, as a till syncing it late would. */
	async function upsertOrder(externalId: string, orderDatetime: string): Promise<string> {
		const response = await fetch(`${baseUrl}/api/v2/public/orgs/${sandbox.options.orgId}/orders`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sandbox.issueToken()}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ shop_id: 'shop1', external_id: externalId, order_datetime: orderDatetime, items: [{ p1_id: '12345', qty: 1 }] }),
		});
		return ((await response.json()) as { id: string }).id;
	}

	test('an old order\'s status change and a late-synced order each produce exactly one item', async () => {
		const statusChanged = harness({ event: 'order_status_updated', newStatuses: 'ready_pickup' });
		const newOrder = harness({ event: 'order_created' });
		expect((await statusChanged.poll()).result).toBeNull();
		expect((await newOrder.poll()).result).toBeNull();

		const orders = [...(sandbox.state.orders.byId as Map<string, IDataObject>).values()];
		const old = orders
			.filter((order) => order.status !== 'ready_pickup' && Date.parse(String(order.created_at)) > Date.now() - 85 * DAY_MS)
			.sort((a, b) => (String(a.created_at) < String(b.created_at) ? -1 : 1))[0];
		const oldStatus = old.status;
		sandbox.changeOrderStatus(String(old.id), 'ready_pickup');
		const lateId = await upsertOrder(`TILL-${listOrder}`, new Date(Date.now() - 40 * DAY_MS).toISOString());

		sandbox.resetStats();
		const changed = await statusChanged.poll();
		const requests = sandbox.stats().requests['GET /orders'];
		expect(changed.items.map((item) => item.metadata)).toEqual([{ order_id: old.id, old_status: oldStatus, new_status: 'ready_pickup' }]);
		expect(requests).toBeLessThanOrEqual(Math.floor(ordersInWindow() / 200) + 1);
		if (listOrder === 'updated') expect(requests).toBe(1);

		const created = await newOrder.poll();
		expect(created.items.map((item) => item.metadata)).toEqual([{ order_id: lateId, old_status: null, new_status: 'pending' }]);

		expect((await statusChanged.poll()).result).toBeNull();
		expect((await newOrder.poll()).result).toBeNull();
		expect(sandbox.stats().tokenExchanges).toBe(0); // each trigger exchanged its key once, before the reset
	});

	test('New Prescription and Out of Stock record a baseline and stay quiet when nothing changed', async () => {
		for (const event of ['prescription_created', 'out_of_stock', 'low_stock']) {
			const trigger = harness({ event });
			expect((await trigger.poll()).result).toBeNull();
			expect((await trigger.poll()).result).toBeNull();
		}
	});
});
