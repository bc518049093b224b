import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PharmaOnePollTrigger } from '../../../nodes/PharmaOnePollTrigger/PharmaOnePollTrigger.node';
import { ORDER_MEMORY } from '../../../nodes/PharmaOnePollTrigger/helpers/state';
import errors from '../../fixtures/errors.json';
import { itWhen, pollBudgetSupported } from '../../harness/compat';
import { BASE_URL, V2 } from '../../harness/fixtures';
import { PollHarness } from '../../harness/poll';
import { FakePharmaOne, pharmaOneMock } from '../../harness/fakePharmaOne';

const STATUS_CHANGED: INodeParameters = { event: 'order_status_updated' };

function setup(parameters: INodeParameters = STATUS_CHANGED, orders = 0) {
	const mock = pharmaOneMock();
	const fake = new FakePharmaOne();
	fake.addOrders(orders);
	fake.install();
	const harness = new PollHarness({ parameters });
	return { mock, fake, harness };
}

describe('node description', () => {
	const { description } = new PharmaOnePollTrigger();

	test('is a polling trigger with the PharmaOne API credential and no tool use', () => {
		expect(description).toMatchObject({
			name: 'pharmaOnePollTrigger',
			displayName: 'PharmaOne Poll Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
			credentials: [{ name: 'pharmaOneApi', required: true }],
			icon: { light: 'file:../../icons/pharmaone.svg', dark: 'file:../../icons/pharmaone.dark.svg' },
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.webhooks).toBeUndefined();
	});

	test('offers the six events and Max Records defaulting to 1000', () => {
		const event = description.properties.find((property) => property.name === 'event');
		expect(event?.options?.map((option) => (option as { value: string }).value).sort()).toEqual([
			'low_stock',
			'order_created',
			'order_status_updated',
			'out_of_stock',
			'prescription_created',
			'prescription_status_updated',
		]);
		const options = description.properties.find((property) => property.name === 'options');
		expect(options?.options).toEqual([expect.objectContaining({ name: 'maxRecords', default: 1000 })]);
	});
});

describe('Order Status Changed', () => {
	test('the first poll records a baseline and emits nothing', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 30);
		const outcome = await harness.poll();
		expect(outcome.result).toBeNull();
		expect(harness.nodeStaticData.wm).toBe(fake.orders.get('ORD_20260614_0000000030')?.updated_at);
		expect(fake.requestsTo('/orders')).toHaveLength(1);
	});

	test('a status change emits exactly one item shaped like the webhook event; it is not emitted twice', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 30);
		await harness.poll();
		expect((await harness.poll()).result).toBeNull();

		fake.setOrderStatus('ORD_20260614_0000000007', 'ready_pickup');
		const changed = await harness.poll();
		expect(changed.items).toHaveLength(1);
		const order = fake.orders.get('ORD_20260614_0000000007');
		expect(changed.items[0]).toEqual({
			event_type: 'order_status_updated',
			metadata: { order_id: 'ORD_20260614_0000000007', old_status: 'pending', new_status: 'ready_pickup' },
			order,
			detected_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
		});

		expect((await harness.poll()).result).toBeNull();
		expect((await harness.poll()).result).toBeNull();
	});

	test('a change that keeps the status (e.g. marked paid) emits nothing; a new order is not a status change', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 10);
		await harness.poll();
		fake.touchOrder('ORD_20260614_0000000003', { payment_status: 'paid' });
		fake.addOrder('pending');
		expect((await harness.poll()).result).toBeNull();
	});

	test('several changes come out oldest first, one item each; a second change of the same order is a new event', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 10);
		await harness.poll();
		fake.setOrderStatus('ORD_20260614_0000000002', 'awaiting_packing');
		fake.setOrderStatus('ORD_20260614_0000000005', 'awaiting_packing');
		let outcome = await harness.poll();
		expect(outcome.items.map((item) => (item.metadata as IDataObject).order_id)).toEqual([
			'ORD_20260614_0000000002',
			'ORD_20260614_0000000005',
		]);
		fake.setOrderStatus('ORD_20260614_0000000002', 'ready_pickup');
		outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ order_id: 'ORD_20260614_0000000002', old_status: 'awaiting_packing', new_status: 'ready_pickup' },
		]);
	});

	test('Only New Statuses: other statuses are tracked but not emitted', async () => {
		const { fake, harness } = setup({ event: 'order_status_updated', newStatuses: 'Ready_Pickup, shipped' }, 5);
		await harness.poll();
		fake.setOrderStatus('ORD_20260614_0000000001', 'awaiting_packing');
		expect((await harness.poll()).result).toBeNull();
		fake.setOrderStatus('ORD_20260614_0000000001', 'ready_pickup');
		const outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ order_id: 'ORD_20260614_0000000001', old_status: 'awaiting_packing', new_status: 'ready_pickup' },
		]);
	});

	test('a deleted order, or a row without id or status, does not crash and emits nothing wrong', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 10);
		await harness.poll();
		fake.orders.delete('ORD_20260614_0000000010');
		fake.orders.delete('ORD_20260614_0000000004');
		expect((await harness.poll()).result).toBeNull();

		const broken = fake.addOrder('pending');
		delete broken.id;
		const noStatus = fake.addOrder('pending');
		fake.setOrderStatus('ORD_20260614_0000000001', 'ready_pickup');
		noStatus.status = null;
		const outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ order_id: 'ORD_20260614_0000000001', old_status: 'pending', new_status: 'ready_pickup' },
		]);
	});

	test('an order the trigger did not remember is reported with old_status null', async () => {
		const { fake, harness } = setup({ event: 'order_status_updated', options: { maxRecords: 5 } }, 20);
		await harness.poll(); // remembers only the 5 most recent orders
		fake.setOrderStatus('ORD_20260614_0000000001', 'ready_pickup');
		const outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ order_id: 'ORD_20260614_0000000001', old_status: null, new_status: 'ready_pickup' },
		]);
	});

	test('paging stops at the watermark: no request for a page of orders older than the last poll', async () => {
		const mock = pharmaOneMock();
		const harness = new PollHarness({ parameters: STATUS_CHANGED });
		const row = (n: number, updatedAt: string, status = 'pending') => ({
			id: `ORD_${n}`,
			status,
			shop_id: 'shop1',
			created_at: '2026-06-01T00:00:00Z',
			updated_at: updatedAt,
		});
		const page = (from: number, count: number, updatedAt: (n: number) => string) =>
			Array.from({ length: count }, (_, k) => row(from + k, updatedAt(from + k)));
		// Baseline: 200 orders, newest updated 2026-06-10T12:00:00.5Z.
		const baselineRows = page(1, 200, (n) => `2026-06-10T12:00:00.${String(500000 - n).padStart(6, '0')}Z`);
		mock.scope.get(`${V2}/orders`).query({ limit: '200', offset: '0' }).reply(200, {
			data: baselineRows,
			pagination: { limit: 200, offset: 0, total: 200 },
		});
		expect((await harness.poll()).result).toBeNull();
		expect(harness.nodeStaticData.wm).toBe('2026-06-10T12:00:00.499999Z');

		// Now 250 orders changed: page 1 all newer, page 2 reaches the watermark, page 3 must not be read.
		const newer = page(1001, 250, (n) => `2026-06-11T09:${String(Math.floor((1300 - n) / 60)).padStart(2, '0')}:${String((1300 - n) % 60).padStart(2, '0')}Z`);
		const older = page(1, 150, (n) => `2026-06-10T12:00:00.${String(500000 - n).padStart(6, '0')}Z`);
		const all = [...newer, ...older];
		const firstPage = nock(BASE_URL)
			.get(`${V2}/orders`)
			.query({ limit: '200', offset: '0' })
			.reply(200, { data: all.slice(0, 200), pagination: { limit: 200, offset: 0, total: 400 } });
		const secondPage = nock(BASE_URL)
			.get(`${V2}/orders`)
			.query({ limit: '200', offset: '200' })
			.reply(200, { data: all.slice(200, 400), pagination: { limit: 200, offset: 200, total: 400 } });
		const thirdPage = nock(BASE_URL)
			.get(`${V2}/orders`)
			.query({ limit: '200', offset: '400' })
			.reply(200, { data: [], pagination: { limit: 200, offset: 400, total: 400 } });

		const outcome = await harness.poll();
		expect(firstPage.isDone()).toBe(true);
		expect(secondPage.isDone()).toBe(true);
		expect(thirdPage.isDone()).toBe(false);
		// The 250 newer orders were unknown and created before the watermark: old_status null.
		expect(outcome.items).toHaveLength(250);
		expect(outcome.items.every((item) => (item.metadata as IDataObject).old_status === null)).toBe(true);
	});

	test('a quiet poll reads one page only, however many orders exist', async () => {
		const { fake, harness } = setup({ event: 'order_status_updated', options: { maxRecords: 3000 } }, 2000);
		await harness.poll();
		expect(fake.requestsTo('/orders')).toHaveLength(10); // baseline: 2000 rows / 200
		fake.requests.length = 0;
		fake.setOrderStatus('ORD_20260614_0000000100', 'ready_pickup');
		const outcome = await harness.poll();
		expect(outcome.items).toHaveLength(1);
		expect(fake.requestsTo('/orders').map((request) => request.query)).toEqual([{ limit: '200', offset: '0' }]);
	});

	test('Max Records per Poll bounds what one poll fetches', async () => {
		const { fake, harness } = setup({ event: 'order_status_updated', options: { maxRecords: 300 } }, 1000);
		await harness.poll();
		expect(fake.requestsTo('/orders').map((request) => request.query)).toEqual([
			{ limit: '200', offset: '0' },
			{ limit: '100', offset: '200' },
		]);
		fake.requests.length = 0;
		for (const id of [...fake.orders.keys()].slice(0, 500)) fake.setOrderStatus(id, 'awaiting_packing');
		const outcome = await harness.poll();
		const fetched = fake.requestsTo('/orders').reduce((sum, request) => sum + Number(request.query.limit), 0);
		expect(fetched).toBeLessThanOrEqual(300);
		expect(outcome.items).toHaveLength(300);
		// The next poll goes on from the newest order seen, without repeating those 300 changes.
		fake.requests.length = 0;
		expect((await harness.poll()).result).toBeNull();
		expect(fake.requestsTo('/orders')).toHaveLength(1);
	});

	itWhen(pollBudgetSupported)('a poll stops paging when half of n8n\'s poll budget is spent, and the next poll goes on', async () => {
		pharmaOneMock();
		const fake = new FakePharmaOne();
		fake.addOrders(600);
		fake.install();
		const harness = new PollHarness({ parameters: STATUS_CHANGED, pollBudgetMs: 1 });
		await harness.poll();
		expect(fake.requestsTo('/orders')).toHaveLength(1);
		fake.requests.length = 0;
		fake.setOrderStatus('ORD_20260614_0000000001', 'ready_pickup');
		expect((await harness.poll()).items).toHaveLength(1);
	});

	test('state stays bounded over 5,000+ orders and many polls', async () => {
		const { fake, harness } = setup({ event: 'order_status_updated', options: { maxRecords: 5000 } }, 5000);
		await harness.poll();
		const sizes: number[] = [JSON.stringify(harness.savedStaticData).length];
		const ids = () => [...fake.orders.keys()];
		const statuses = ['awaiting_packing', 'ready_pickup', 'shipped', 'completed'];
		let emitted = 0;
		let expected = 0;
		for (let round = 0; round < 40; round++) {
			fake.addOrders(100);
			const all = ids();
			const changed = new Set<string>();
			for (let k = 0; k < 60; k++) changed.add(all[(round * 977 + k * 131) % (all.length - 100)]);
			for (const id of changed) {
				const current = String(fake.orders.get(id)?.status);
				const next = statuses[(statuses.indexOf(current) + 1) % statuses.length];
				fake.setOrderStatus(id, next);
			}
			expected += changed.size;
			const outcome = await harness.poll();
			emitted += outcome.items.length;
			sizes.push(JSON.stringify(harness.savedStaticData).length);
		}
		expect(fake.orders.size).toBe(9000);
		expect(emitted).toBe(expected);
		const memory = harness.nodeStaticData.mem as { k: string[] };
		expect(memory.k.length).toBeLessThanOrEqual(ORDER_MEMORY);
		// ~29 bytes per remembered order: far below the bound, whatever the organization's size.
		expect(Math.max(...sizes)).toBeLessThan(200_000);
	});

	test('"Fetch Test Event" (manual mode) returns one real recent order shaped like an event and keeps the baseline', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 5);
		await harness.poll();
		const before = JSON.stringify(harness.savedStaticData);
		fake.setOrderStatus('ORD_20260614_0000000002', 'ready_pickup');
		const sample = await harness.poll('manual');
		expect(sample.items).toEqual([
			{
				event_type: 'order_status_updated',
				metadata: { order_id: 'ORD_20260614_0000000002', old_status: null, new_status: 'ready_pickup' },
				order: fake.orders.get('ORD_20260614_0000000002'),
				detected_at: expect.any(String),
			},
		]);
		expect(fake.requestsTo('/orders').slice(-1)[0]?.query).toEqual({ limit: '1', offset: '0' });
		expect(JSON.stringify(harness.savedStaticData)).toBe(before);
		// The real poll still reports the change.
		expect((await harness.poll()).items).toHaveLength(1);
	});

	test('manual mode on an empty organization says what to do', async () => {
		const { harness } = setup(STATUS_CHANGED, 0);
		await expect(harness.poll('manual')).rejects.toThrow('PharmaOne returned no orders to show as a test event');
	});

	test('manual mode before any poll does not create a baseline', async () => {
		const { harness } = setup(STATUS_CHANGED, 3);
		await harness.poll('manual');
		expect(harness.nodeStaticData).toEqual({});
	});

	test('one token exchange serves many polls (the credential stores the token)', async () => {
		const { mock, fake, harness } = setup(STATUS_CHANGED, 20);
		for (let round = 0; round < 15; round++) {
			fake.setOrderStatus(`ORD_20260614_${String(round + 1).padStart(10, '0')}`, 'ready_pickup');
			await harness.poll();
		}
		expect(mock.state.tokenExchanges).toBe(1);
		expect(harness.credentials.preAuthenticationCalls).toBe(1);
	});

	test('a failed poll changes no state, and the next poll reports the change', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 5);
		await harness.poll();
		const before = JSON.stringify(harness.savedStaticData);
		nock.cleanAll();
		pharmaOneMock();
		nock(BASE_URL).get(`${V2}/orders`).query(true).reply(403, errors.insufficientScope);
		fake.setOrderStatus('ORD_20260614_0000000003', 'ready_pickup');
		await expect(harness.poll()).rejects.toThrow(/scope/);
		expect(JSON.stringify(harness.savedStaticData)).toBe(before);
		nock.cleanAll();
		pharmaOneMock();
		fake.install();
		expect((await harness.poll()).items).toHaveLength(1);
	});
});

describe('New Order', () => {
	test('emits order_created for new orders only; Shop filter is sent as shop_id', async () => {
		const { fake, harness } = setup({ event: 'order_created', shopId: { __rl: true, mode: 'id', value: 'shop2' } }, 0);
		fake.addOrder('pending', 'shop2');
		expect((await harness.poll()).result).toBeNull();
		fake.addOrder('pending', 'shop1');
		const created = fake.addOrder('pending', 'shop2');
		fake.setOrderStatus('ORD_20260614_0000000001', 'ready_pickup');
		const outcome = await harness.poll();
		expect(outcome.items).toEqual([
			{
				event_type: 'order_created',
				metadata: { order_id: created.id, old_status: null, new_status: 'pending' },
				order: created,
				detected_at: expect.any(String),
			},
		]);
		expect(fake.requestsTo('/orders').every((request) => request.query.shop_id === 'shop2')).toBe(true);
	});

	test('an organization with no orders at the baseline reports its first order', async () => {
		const { fake, harness } = setup({ event: 'order_created' }, 0);
		expect((await harness.poll()).result).toBeNull();
		expect((await harness.poll()).result).toBeNull();
		fake.addOrder();
		expect((await harness.poll()).items).toHaveLength(1);
	});

	test('changing the event or a filter starts over with a new baseline', async () => {
		const { fake, harness } = setup({ event: 'order_created' }, 3);
		await harness.poll();
		harness.setParameters({ event: 'order_created', shopId: { __rl: true, mode: 'id', value: 'shop1' } });
		fake.addOrder();
		expect((await harness.poll()).result).toBeNull();
		fake.addOrder();
		expect((await harness.poll()).items).toHaveLength(1);
		harness.setParameters({ event: 'order_status_updated' });
		fake.setOrderStatus('ORD_20260614_0000000001', 'ready_pickup');
		expect((await harness.poll()).result).toBeNull();
	});
});
