import type { IDataObject } from 'n8n-workflow';

import { createSandbox } from '../../../sandbox/server';
import type { Sandbox } from '../../../sandbox/server';
import { PollHarness } from '../../harness/poll';

/**
 * The poll trigger inside n8n-core's PollContext against the local PharmaOne emulator (real
 * HTTP on loopback, real token exchange): a status change made as staff would make it in
 * Manager is reported exactly once, without any public URL or webhook subscription.
 */
describe('PharmaOne Poll Trigger against the sandbox', () => {
	let sandbox: Sandbox;
	let baseUrl: string;

	beforeAll(async () => {
		sandbox = createSandbox({ seed: 7, orderCount: 1500 });
		({ baseUrl } = await sandbox.start());
	});

	afterAll(async () => {
		await sandbox.stop();
	});

	function harness(parameters: IDataObject) {
		return new PollHarness({
			parameters: parameters as never,
			credential: {
				environment: 'custom',
				baseUrl,
				organizationId: sandbox.options.orgId,
				apiKey: sandbox.options.apiKey,
			},
		});
	}

	test('a status change produces exactly one item on the next poll, and none after', async () => {
		const trigger = harness({ event: 'order_status_updated', newStatuses: 'ready_pickup' });
		sandbox.resetStats();
		expect((await trigger.poll()).result).toBeNull();
		expect((await trigger.poll()).result).toBeNull();

		const orders = [...(sandbox.state.orders.byId as Map<string, IDataObject>).values()];
		const target = orders.find((order) => order.status !== 'ready_pickup') as IDataObject;
		const oldStatus = target.status;
		sandbox.changeOrderStatus(String(target.id), 'ready_pickup');

		const outcome = await trigger.poll();
		expect(outcome.items).toHaveLength(1);
		expect(outcome.items[0]).toMatchObject({
			event_type: 'order_status_updated',
			metadata: { order_id: target.id, old_status: oldStatus, new_status: 'ready_pickup' },
			order: { id: target.id, status: 'ready_pickup' },
		});
		expect((await trigger.poll()).result).toBeNull();

		const stats = sandbox.stats();
		expect(stats.tokenExchanges).toBe(1);
		// Baseline: 5 pages of 200 (Max Records 1000); each later poll: one page.
		expect(stats.totalRequests).toBe(1 + 5 + 3);
	});

	test('New Prescription and Out of Stock record a baseline and stay quiet when nothing changed', async () => {
		for (const event of ['prescription_created', 'out_of_stock', 'low_stock']) {
			const trigger = harness({ event });
			expect((await trigger.poll()).result).toBeNull();
			expect((await trigger.poll()).result).toBeNull();
		}
	});
});
