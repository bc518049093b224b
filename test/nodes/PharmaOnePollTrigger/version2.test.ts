import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { STATE_VERSION } from '../../../nodes/PharmaOnePollTrigger/helpers/state';
import { PollHarness } from '../../harness/poll';
import { FakePharmaOne, pharmaOneMock } from '../../harness/fakePharmaOne';
import ordersV2 from '../../fixtures/pollState/version2-orders.json';
import stockV2 from '../../fixtures/pollState/version2-stock.json';

/**
 * Workflows saved with version 2 of the poll trigger's state (terse keys: v, fp, wm, seen.c/d …)
 * run on unchanged. The fixtures are the static data version 2 saved in these scenarios, on
 * n8n's clock fixed at CAPTURED_AT (the fake PharmaOne's data follows that clock).
 */
const CAPTURED_AT = Date.UTC(2026, 11, 6, 12);
const id = (n: number) => `ORD_20260614_${String(n).padStart(10, '0')}`;

beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(CAPTURED_AT));
afterEach(() => jest.restoreAllMocks());

function setup(parameters: INodeParameters, saved: IDataObject) {
	pharmaOneMock();
	const fake = new FakePharmaOne();
	const harness = new PollHarness({ parameters });
	harness.setNodeStaticData(saved);
	return { fake, harness };
}

test('Order Status Changed: the first poll reports what changed since version 2 polled, then saves readable keys', async () => {
	const { fake, harness } = setup({ event: 'order_status_updated' }, ordersV2);
	// The orders as version 2 last saw them: 30 pending, then the 5th set to ready_pickup.
	fake.addOrders(30);
	fake.setOrderStatus(id(5), 'ready_pickup');
	fake.install();
	fake.setOrderStatus(id(7), 'ready_pickup');
	fake.setOrderStatus(id(5), 'pending');

	const first = await harness.poll();
	expect(first.items.map((item) => item.metadata)).toEqual([
		{ order_id: id(7), old_status: 'pending', new_status: 'ready_pickup' },
		{ order_id: id(5), old_status: 'ready_pickup', new_status: 'pending' },
	]);
	expect(Object.keys(harness.nodeStaticData).sort()).toEqual(['seen', 'settingsHash', 'version', 'watermark']);
	expect(harness.nodeStaticData).toMatchObject({ version: STATE_VERSION, settingsHash: ordersV2.fp });
	expect((await harness.poll()).items).toEqual([]);
	fake.setOrderStatus(id(30), 'awaiting_packing');
	expect((await harness.poll()).items.map((item) => item.metadata)).toEqual([
		{ order_id: id(30), old_status: 'pending', new_status: 'awaiting_packing' },
	]);
});

test('Stock Below Threshold: a product in alert when version 2 polled is not reported again, a new one is', async () => {
	const { fake, harness } = setup({ event: 'low_stock', threshold: 5 }, stockV2);
	fake.setInventory(12345, 2);
	fake.setInventory(12346, 3); // 9 when version 2 polled
	fake.install();
	const outcome = await harness.poll();
	expect(outcome.items.map((item) => (item.metadata as IDataObject).p1_id)).toEqual([12346]);
	expect(harness.nodeStaticData).toEqual({ version: STATE_VERSION, settingsHash: stockV2.fp, inAlert: ['12345', '12346'] });
	expect((await harness.poll()).items).toEqual([]);
});

test('a version 2 state of other settings means a quiet new baseline', async () => {
	const { fake, harness } = setup({ event: 'order_status_updated', watch: 'all' }, ordersV2);
	fake.addOrders(30);
	fake.install();
	expect((await harness.poll()).items).toEqual([]);
	fake.setOrderStatus(id(3), 'ready_pickup');
	expect((await harness.poll()).items.map((item) => item.metadata)).toEqual([
		{ order_id: id(3), old_status: 'pending', new_status: 'ready_pickup' },
	]);
});
