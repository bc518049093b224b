import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { MAX_SEEN } from '../../../nodes/PharmaOnePollTrigger/helpers/state';
import { itWhen, pollBudgetSupported } from '../../harness/compat';
import { PollHarness } from '../../harness/poll';
import type { ListOrder } from '../../harness/fakePharmaOne';
import { FakePharmaOne, pharmaOneMock } from '../../harness/fakePharmaOne';

/**
 * PharmaOne documents no sort order for `GET /orders`. These tests run the trigger against a
 * list sorted newest-created first (old orders stay on later pages) and newest-updated first,
 * and count the requests each poll makes.
 */

const DAY_MS = 86_400_000;
const id = (n: number) => `ORD_20260614_${String(n).padStart(10, '0')}`;
const STATUS_CHANGED: INodeParameters = { event: 'order_status_updated' };
const NEW_ORDER: INodeParameters = { event: 'order_created' };

function setup(parameters: INodeParameters, orders: number, listOrder: ListOrder, pollBudgetMs?: number) {
	pharmaOneMock();
	const fake = new FakePharmaOne();
	fake.listOrder = listOrder;
	fake.addOrders(orders);
	fake.install();
	return { fake, harness: new PollHarness({ parameters, pollBudgetMs }) };
}

/** Runs one poll and returns its items and the `GET /orders` queries it made. */
async function poll(fake: FakePharmaOne, harness: PollHarness) {
	fake.requests.length = 0;
	const outcome = await harness.poll();
	return { items: outcome.items, queries: fake.requestsTo('/orders').map((request) => request.query) };
}

const metadata = (items: IDataObject[]) => items.map((item) => item.metadata);

/** Runs `fn` with n8n's clock (Date.now) following the fake's, which tests move days ahead. */
async function onFakeClock(fake: FakePharmaOne, fn: () => Promise<void>) {
	const now = jest.spyOn(Date, 'now').mockImplementation(() => fake.clock);
	try {
		await fn();
	} finally {
		now.mockRestore();
	}
}

describe('orders listed newest created first: every page of the window is read', () => {
	test('a status change of an order on page 3 is emitted exactly once', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 700, 'created');
		await harness.poll();
		fake.setOrderStatus(id(150), 'ready_pickup'); // list position 551: page 3
		const changed = await poll(fake, harness);
		expect(metadata(changed.items)).toEqual([{ order_id: id(150), old_status: 'pending', new_status: 'ready_pickup' }]);
		expect(changed.queries.map((query) => query.offset)).toEqual(['0', '200', '400', '600']);
		expect((await poll(fake, harness)).items).toEqual([]);
	});

	test('a poll reads at most one page per 200 orders in the window, plus one, and not the older orders', async () => {
		const { fake, harness } = setup({ ...STATUS_CHANGED, watchDays: 5 }, 300, 'created');
		await onFakeClock(fake, async () => {
			fake.advance(30 * DAY_MS);
			fake.addOrders(400);
			await harness.poll();
			const quiet = await poll(fake, harness);
			expect(quiet.queries.map((query) => query.offset)).toEqual(['0', '200', '400']);
			fake.setOrderStatus(id(1), 'shipped'); // created before the window
			expect((await poll(fake, harness)).items).toEqual([]);
		});
	});
});

describe.each<ListOrder>(['created', 'updated'])('orders listed newest %s first', (listOrder) => {
	test('an order synced late (created_at 15 minutes back, among older orders) is new exactly once', async () => {
		const { fake, harness } = setup(NEW_ORDER, 700, listOrder);
		await harness.poll();
		const late = fake.addOrder('pending', 'shop1', 15 * 60 * 1000);
		const created = await poll(fake, harness);
		expect(created.items).toEqual([
			{ event_type: 'order_created', metadata: { order_id: late.id, old_status: null, new_status: 'pending' }, order: late, detected_at: expect.any(String) },
		]);
		expect((await poll(fake, harness)).items).toEqual([]);
	});

	test('Order Status Changed does not report a late-synced order as a status change', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 300, listOrder);
		await harness.poll();
		const late = fake.addOrder('pending', 'shop1', 60 * 60 * 1000);
		expect((await poll(fake, harness)).items).toEqual([]);
		fake.setOrderStatus(String(late.id), 'ready_pickup');
		expect(metadata((await poll(fake, harness)).items)).toEqual([{ order_id: late.id, old_status: 'pending', new_status: 'ready_pickup' }]);
	});
});

describe('orders listed newest updated first: reading stops where the pages prove it safe', () => {
	test('a poll after a status change reads one page of 2,000 orders', async () => {
		const { fake, harness } = setup(STATUS_CHANGED, 2000, 'updated');
		expect((await poll(fake, harness)).queries).toHaveLength(10); // baseline: the whole window
		fake.setOrderStatus(id(100), 'ready_pickup');
		const changed = await poll(fake, harness);
		expect(metadata(changed.items)).toEqual([{ order_id: id(100), old_status: 'pending', new_status: 'ready_pickup' }]);
		expect(changed.queries).toEqual([{ limit: '200', offset: '0' }]);
		const quiet = await poll(fake, harness);
		expect([quiet.items, quiet.queries.length]).toEqual([[], 1]);
	});

	test('a first page that fits both orders (only new orders since) proves nothing: the window is read', async () => {
		const { fake, harness } = setup(NEW_ORDER, 1000, 'updated');
		await harness.poll();
		fake.addOrders(250);
		const created = await poll(fake, harness);
		expect(created.items).toHaveLength(250);
		expect(created.queries).toHaveLength(7);
		fake.setOrderStatus(id(5), 'ready_pickup'); // now page 1 shows an older order updated: the list is not by creation
		expect((await poll(fake, harness)).queries).toHaveLength(1);
	});
});

itWhen(pollBudgetSupported)('a listing cut short by the poll time budget goes on in the next poll: nothing missed, no flood', async () => {
	const { fake, harness } = setup(STATUS_CHANGED, 600, 'created', 1);
	const offsets: string[][] = [];
	for (let round = 0; round < 4; round++) {
		const baseline = await poll(fake, harness);
		expect(baseline.items).toEqual([]);
		offsets.push(baseline.queries.map((query) => query.offset));
	}
	expect(offsets).toEqual([['0'], ['180'], ['360'], ['540']]);
	expect(harness.warnings[0]).toMatch(/read 200 orders before half of n8n's poll time was spent; the next check goes on from orders 181 onwards/);
	fake.setOrderStatus(id(2), 'ready_pickup'); // on the last page
	const emitted: IDataObject[] = [];
	for (let round = 0; round < 5; round++) emitted.push(...(await poll(fake, harness)).items);
	expect(metadata(emitted)).toEqual([{ order_id: id(2), old_status: 'pending', new_status: 'ready_pickup' }]);
});

test('state stays bounded by the window over 20,000 orders, and every change is emitted once', async () => {
	const { fake, harness } = setup({ ...STATUS_CHANGED, watchDays: 2 }, 0, 'created');
	await onFakeClock(fake, async () => {
		await harness.poll();
		let expected = 0;
		let emitted = 0;
		const sizes: number[] = [];
		for (let day = 0; day < 20; day++) {
			fake.advance(DAY_MS - 1000 * 1500);
			fake.addOrders(1000);
			// Orders of the day before, seen by the last poll, change.
			const changed = [...fake.orders.values()].slice(-2000, -1000).filter((_, k) => k % 37 === day % 37);
			for (const row of changed) fake.setOrderStatus(String(row.id), `status-${day}`);
			expected += changed.length;
			emitted += (await harness.poll()).items.length;
			sizes.push(JSON.stringify(harness.savedStaticData).length);
		}
		expect(fake.orders.size).toBe(20_000);
		expect(expected).toBeGreaterThan(500);
		expect(emitted).toBe(expected);
		// The window spans 3 calendar days (today and the 2 before): at most 3,000 orders remembered.
		const days = Object.keys((harness.nodeStaticData.seen as { days: object }).days);
		expect(days.length).toBeLessThanOrEqual(3);
		expect(Math.max(...sizes)).toBeLessThan(3000 * 15);
		expect(harness.warnings).toEqual([]);
	});
}, 120_000);

test(`a window holding more than ${MAX_SEEN} orders is cut to whole recent days, with a warning, never silently`, async () => {
	const { fake, harness } = setup(NEW_ORDER, MAX_SEEN / 2 + 1000, 'updated');
	fake.advance(DAY_MS);
	fake.addOrders(MAX_SEEN / 2 + 1000); // the newest day alone fits
	await harness.poll();
	const floor = harness.nodeStaticData.watchedFrom as string;
	expect(harness.warnings).toEqual([
		expect.stringContaining(`the watched window holds ${MAX_SEEN + 2000} orders, more than the ${MAX_SEEN} this trigger remembers; from now on only orders created on or after ${floor} are watched`),
	]);
	const created = fake.addOrder();
	fake.addOrder('pending', 'shop1', fake.clock - Date.parse(`${floor}T00:00:00Z`) + 60_000); // just before the floor
	expect(metadata((await poll(fake, harness)).items)).toEqual([{ order_id: created.id, old_status: null, new_status: 'pending' }]);
	expect(JSON.stringify(harness.savedStaticData).length).toBeLessThan(MAX_SEEN * 16);
}, 120_000);

describe('saved state', () => {
	test('damaged static data means a quiet new baseline, never a flood', async () => {
		const { fake, harness } = setup(NEW_ORDER, 20, 'created');
		harness.setNodeStaticData({ version: 3, settingsHash: 'garbage', seen: 'x' });
		expect((await poll(fake, harness)).items).toEqual([]);
		harness.setNodeStaticData({ ...harness.nodeStaticData, seen: { statusNames: 5, days: [] }, resume: { offset: 'y' } });
		const damaged = await poll(fake, harness);
		expect([damaged.items, damaged.queries.map((query) => query.offset)]).toEqual([[], ['0']]);
		const created = fake.addOrder();
		expect(metadata((await poll(fake, harness)).items)).toEqual([{ order_id: created.id, old_status: null, new_status: 'pending' }]);
	});
});
