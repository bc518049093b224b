import nock from 'nock';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PharmaOnePollTrigger } from '../../../nodes/PharmaOnePollTrigger/PharmaOnePollTrigger.node';
import errors from '../../fixtures/errors.json';
import { BASE_URL, V2 } from '../../harness/fixtures';
import { PollHarness } from '../../harness/poll';
import type { ListOrder } from '../../harness/fakePharmaOne';
import { FakePharmaOne, pharmaOneMock } from '../../harness/fakePharmaOne';

const STATUS_CHANGED: INodeParameters = { event: 'order_status_updated' };
const DAY_MS = 86_400_000;
const id = (n: number) => `ORD_20260614_${String(n).padStart(10, '0')}`;

function setup(parameters: INodeParameters = STATUS_CHANGED, orders = 0, listOrder: ListOrder = 'updated') {
	const mock = pharmaOneMock();
	const fake = new FakePharmaOne();
	fake.listOrder = listOrder;
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

	test('offers the six events and a watched window of 90 days by default, or all records', () => {
		const event = description.properties.find((property) => property.name === 'event');
		expect(event?.options?.map((option) => (option as { value: string }).value).sort()).toEqual([
			'low_stock',
			'order_created',
			'order_status_updated',
			'out_of_stock',
			'prescription_created',
			'prescription_status_updated',
		]);
		const watch = description.properties.filter((property) => property.name === 'watch');
		expect(watch.map((property) => [property.default, property.options?.map((option) => (option as { value: string }).value)])).toEqual([
			['recent', ['all', 'recent']],
			['recent', ['all', 'recent']],
		]);
		expect(description.properties.find((property) => property.name === 'watchDays')).toMatchObject({ default: 90 });
		expect(description.properties.find((property) => property.name === 'options')).toBeUndefined();
	});
});

describe.each<ListOrder>(['updated', 'created'])('Order Status Changed, orders listed newest %s first', (listOrder) => {
	test('the first poll records a baseline and emits nothing', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 30, listOrder);
		const outcome = await harness.poll();
		expect(outcome.result).toBeNull();
		expect(harness.nodeStaticData.watermark).toBe(fake.orders.get(id(30))?.updated_at);
		expect(fake.requestsTo('/orders')).toHaveLength(1);
	});

	test('a status change emits exactly one item shaped like the webhook event; it is not emitted twice', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 30, listOrder);
		await harness.poll();
		expect((await harness.poll()).result).toBeNull();

		fake.setOrderStatus(id(7), 'ready_pickup');
		const changed = await harness.poll();
		expect(changed.items).toEqual([
			{
				event_type: 'order_status_updated',
				metadata: { order_id: id(7), old_status: 'pending', new_status: 'ready_pickup' },
				order: fake.orders.get(id(7)),
				detected_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
			},
		]);
		expect((await harness.poll()).result).toBeNull();
		expect((await harness.poll()).result).toBeNull();
	});

	test('a change that keeps the status (e.g. marked paid) emits nothing; a new order is not a status change', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 10, listOrder);
		await harness.poll();
		fake.touchOrder(id(3), { payment_status: 'paid' });
		fake.addOrder('pending');
		expect((await harness.poll()).result).toBeNull();
	});

	test('a status changed and changed back between two polls emits nothing', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 10, listOrder);
		await harness.poll();
		fake.setOrderStatus(id(4), 'awaiting_packing');
		fake.setOrderStatus(id(4), 'pending');
		expect((await harness.poll()).result).toBeNull();
	});

	test('several changes come out oldest first, one item each; a second change of the same order is a new event', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 10, listOrder);
		await harness.poll();
		fake.setOrderStatus(id(5), 'awaiting_packing');
		fake.setOrderStatus(id(2), 'awaiting_packing');
		let outcome = await harness.poll();
		expect(outcome.items.map((item) => (item.metadata as IDataObject).order_id)).toEqual([id(5), id(2)]);
		fake.setOrderStatus(id(2), 'ready_pickup');
		outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ order_id: id(2), old_status: 'awaiting_packing', new_status: 'ready_pickup' },
		]);
	});

	test('Only New Statuses: other statuses are tracked but not emitted', async () => {
		const { fake, harness } = setup({ event: 'order_status_updated', newStatuses: 'Ready_Pickup, shipped' }, 5, listOrder);
		await harness.poll();
		fake.setOrderStatus(id(1), 'awaiting_packing');
		expect((await harness.poll()).result).toBeNull();
		fake.setOrderStatus(id(1), 'ready_pickup');
		const outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ order_id: id(1), old_status: 'awaiting_packing', new_status: 'ready_pickup' },
		]);
	});

	test('a deleted order, or a row without id or status, does not crash and emits nothing wrong', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 10, listOrder);
		await harness.poll();
		fake.orders.delete(id(10));
		fake.orders.delete(id(4));
		expect((await harness.poll()).result).toBeNull();

		const broken = fake.addOrder('pending');
		delete broken.id;
		const noStatus = fake.addOrder('pending');
		fake.setOrderStatus(id(1), 'ready_pickup');
		noStatus.status = null;
		const outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ order_id: id(1), old_status: 'pending', new_status: 'ready_pickup' },
		]);
	});
});

describe('the watched window', () => {
	test('orders created before the window are not watched; Watch All watches them', async () => {
		const { fake, harness } = setup({ event: 'order_status_updated', watchDays: 5 }, 0, 'created');
		const old = fake.addOrder('pending', 'shop1', 8 * DAY_MS);
		fake.addOrders(3);
		await harness.poll();
		fake.setOrderStatus(String(old.id), 'ready_pickup');
		fake.setOrderStatus(id(3), 'ready_pickup');
		expect((await harness.poll()).items.map((item) => (item.metadata as IDataObject).order_id)).toEqual([id(3)]);

		harness.setParameters({ event: 'order_status_updated', watch: 'all' });
		expect((await harness.poll()).result).toBeNull(); // another window: a new baseline
		fake.setOrderStatus(String(old.id), 'shipped');
		expect((await harness.poll()).items.map((item) => (item.metadata as IDataObject).order_id)).toEqual([old.id]);
	});

	test('Days must be a whole number of at least 1', async () => {
		const { harness } = setup({ event: 'order_created', watchDays: 0 }, 1);
		await expect(harness.poll()).rejects.toThrow('Days must be a whole number of at least 1');
	});
});

describe('"Fetch Test Event" (manual mode)', () => {
	test('returns the most recently updated order of the first page, shaped like an event, and keeps the baseline', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 5, 'created');
		await harness.poll();
		const before = JSON.stringify(harness.savedStaticData);
		fake.setOrderStatus(id(2), 'ready_pickup');
		const sample = await harness.poll('manual');
		expect(sample.items).toEqual([
			{
				event_type: 'order_status_updated',
				metadata: { order_id: id(2), old_status: null, new_status: 'ready_pickup' },
				order: fake.orders.get(id(2)),
				detected_at: expect.any(String),
			},
		]);
		expect(fake.requestsTo('/orders').slice(-1)[0]?.query).toEqual({ limit: '50', offset: '0' });
		expect(JSON.stringify(harness.savedStaticData)).toBe(before);
		// The real poll still reports the change.
		expect((await harness.poll()).items).toHaveLength(1);
	});

	test('New Order shows the most recently created order, whatever the list order', async () => {
		const { fake, harness } = setup({ event: 'order_created' }, 5, 'updated');
		fake.setOrderStatus(id(1), 'ready_pickup');
		const sample = await harness.poll('manual');
		expect((sample.items[0].metadata as IDataObject).order_id).toBe(id(5));
		expect(harness.nodeStaticData).toEqual({});
	});

	test('on an empty organization it says what to do', async () => {
		const { harness } = setup(STATUS_CHANGED, 0);
		await expect(harness.poll('manual')).rejects.toThrow('PharmaOne returned no orders to show as a test event');
	});
});

describe('requests and failures', () => {
	test('one token exchange serves many polls (the credential stores the token)', async () => {
		const { mock, fake, harness } = setup(STATUS_CHANGED, 20);
		for (let round = 0; round < 15; round++) {
			fake.setOrderStatus(id(round + 1), 'ready_pickup');
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
		fake.setOrderStatus(id(3), 'ready_pickup');
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
		fake.setOrderStatus(id(1), 'ready_pickup');
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
		fake.setOrderStatus(id(1), 'ready_pickup');
		expect((await harness.poll()).result).toBeNull();
	});
});
