import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { STOCK_MEMORY } from '../../../nodes/PharmaOnePollTrigger/helpers/state';
import { PollHarness } from '../../harness/poll';
import type { ListOrder } from '../../harness/fakePharmaOne';
import { FakePharmaOne, pharmaOneMock } from '../../harness/fakePharmaOne';

function setup(parameters: INodeParameters, listOrder: ListOrder = 'created') {
	const mock = pharmaOneMock();
	const fake = new FakePharmaOne();
	fake.listOrder = listOrder;
	fake.install();
	const harness = new PollHarness({ parameters });
	return { mock, fake, harness };
}

async function poll(fake: FakePharmaOne, harness: PollHarness) {
	fake.requests.length = 0;
	const outcome = await harness.poll();
	return { items: outcome.items, queries: fake.requestsTo('/prescriptions').map((request) => request.query) };
}

describe.each<ListOrder>(['created', 'updated'])('New Prescription / Prescription Status Changed, listed newest %s first', (listOrder) => {
	test('baseline emits nothing; a new prescription emits prescription_created once', async () => {
		const { fake, harness } = setup({ event: 'prescription_created' }, listOrder);
		for (let k = 0; k < 30; k++) fake.addPrescription();
		expect((await harness.poll()).result).toBeNull();
		const created = fake.addPrescription('new');
		const outcome = await harness.poll();
		expect(outcome.items).toEqual([
			{
				event_type: 'prescription_created',
				metadata: { prescription_id: created.id, order_id: null, old_status: null, new_status: 'new' },
				prescription: created,
				detected_at: expect.any(String),
			},
		]);
		expect((await harness.poll()).result).toBeNull();
	});

	test('a status change on page 3 emits one item, filtered by Only New Statuses, once', async () => {
		const { fake, harness } = setup({ event: 'prescription_status_updated', newStatuses: 'approved' }, listOrder);
		const rows = Array.from({ length: 350 }, () => fake.addPrescription('new'));
		await harness.poll();
		fake.setPrescriptionStatus(String(rows[100].id), 'pending_signature');
		expect((await harness.poll()).result).toBeNull();
		fake.setPrescriptionStatus(String(rows[100].id), 'approved');
		fake.addPrescription('approved'); // new, not a status change
		const changed = await poll(fake, harness);
		expect(changed.items.map((item) => item.metadata)).toEqual([
			{ prescription_id: rows[100].id, order_id: null, old_status: 'pending_signature', new_status: 'approved' },
		]);
		// No updated_at to prove anything from: every page is read.
		expect(changed.queries.map((query) => query.offset)).toEqual(['0', '100', '200', '300']);
		expect((await harness.poll()).result).toBeNull();
	});

	test('deleted prescriptions do not make older ones look new', async () => {
		const { fake, harness } = setup({ event: 'prescription_created' }, listOrder);
		const rows = Array.from({ length: 40 }, () => fake.addPrescription());
		await harness.poll();
		for (const row of rows.slice(-3)) fake.prescriptions.delete(String(row.id));
		expect((await harness.poll()).result).toBeNull();
		const created = fake.addPrescription();
		expect((await harness.poll()).items.map((item) => (item.metadata as IDataObject).prescription_id)).toEqual([created.id]);
	});

	test('manual mode returns the most recently created prescription as an event', async () => {
		const { fake, harness } = setup({ event: 'prescription_status_updated' }, listOrder);
		const first = fake.addPrescription('new');
		const latest = fake.addPrescription('approved');
		fake.setPrescriptionStatus(String(first.id), 'pending');
		const sample = await harness.poll('manual');
		expect(sample.items).toEqual([
			{
				event_type: 'prescription_status_updated',
				metadata: { prescription_id: latest.id, order_id: null, old_status: null, new_status: 'approved' },
				prescription: latest,
				detected_at: expect.any(String),
			},
		]);
	});
});

test('prescriptions show no update time: a check reads the whole list, the memory keeps the window only', async () => {
	const { fake, harness } = setup({ event: 'prescription_created', watchDays: 1 });
	const now = jest.spyOn(Date, 'now').mockImplementation(() => fake.clock);
	try {
		for (let k = 0; k < 250; k++) fake.addPrescription();
		fake.advance(3 * 86_400_000);
		for (let k = 0; k < 150; k++) fake.addPrescription();
		await harness.poll();
		const quiet = await poll(fake, harness);
		// No total in the pagination: the list ends at an empty page.
		expect(quiet.queries.map((query) => query.offset)).toEqual(['0', '100', '200', '300', '400']);
		expect(Object.keys((harness.nodeStaticData.seen as { days: object }).days).length).toBeLessThanOrEqual(2);
		const created = fake.addPrescription();
		expect((await poll(fake, harness)).items.map((item) => (item.metadata as IDataObject).prescription_id)).toEqual([created.id]);
	} finally {
		now.mockRestore();
	}
});

describe('Stock Below Threshold / Out of Stock', () => {
	test('low_stock is edge-triggered: once per crossing, re-armed when stock recovers', async () => {
		const { fake, harness } = setup({ event: 'low_stock', threshold: 5 });
		fake.setInventory(12345, 50, 'Example Strain');
		fake.setInventory(12346, 3, 'Example Oil'); // already low at the baseline
		fake.setInventory(12347, 10);
		expect((await harness.poll()).result).toBeNull();

		fake.setInventory(12345, 5, 'Example Strain');
		const first = await harness.poll();
		expect(first.items).toEqual([
			{
				event_type: 'low_stock',
				metadata: { p1_id: 12345, name: 'Example Strain', stock_quantity: 5, threshold: 5 },
				product: fake.inventory.get('12345'),
				detected_at: expect.any(String),
			},
		]);
		fake.setInventory(12345, 2, 'Example Strain');
		expect((await harness.poll()).result).toBeNull(); // still below: no repeat

		fake.setInventory(12345, 40, 'Example Strain');
		expect((await harness.poll()).result).toBeNull(); // recovered: re-armed
		fake.setInventory(12345, 1, 'Example Strain');
		expect((await harness.poll()).items.map((item) => (item.metadata as IDataObject).p1_id)).toEqual([12345]);
	});

	test('out_of_stock fires at 0 only, honours the Product IDs filter, and forgets removed products', async () => {
		const { fake, harness } = setup({ event: 'out_of_stock', productIds: '12345, 12347' });
		fake.setInventory(12345, 4);
		fake.setInventory(12346, 4);
		fake.setInventory(12347, 0);
		await harness.poll();
		fake.setInventory(12345, 1);
		fake.setInventory(12346, 0); // not watched
		expect((await harness.poll()).result).toBeNull();
		fake.setInventory(12345, 0);
		const outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([{ p1_id: 12345, name: 'Product 12345', stock_quantity: 0 }]);
		expect(harness.nodeStaticData.inAlert).toEqual(['12345', '12347']);
		fake.inventory.delete('12347');
		await harness.poll();
		expect(harness.nodeStaticData.inAlert).toEqual(['12345']);
	});

	test('a row with unreadable stock keeps its state and does not crash', async () => {
		const { fake, harness } = setup({ event: 'out_of_stock' });
		fake.setInventory(1, 0);
		await harness.poll();
		(fake.inventory.get('1') as IDataObject).stockquantity = null;
		expect((await harness.poll()).result).toBeNull();
		fake.setInventory(1, 0);
		expect((await harness.poll()).result).toBeNull();
	});

	test('changing the threshold starts over with a new baseline', async () => {
		const { fake, harness } = setup({ event: 'low_stock', threshold: 5 });
		fake.setInventory(1, 8);
		await harness.poll();
		harness.setParameters({ event: 'low_stock', threshold: 10 });
		expect((await harness.poll()).result).toBeNull();
		fake.setInventory(2, 9);
		expect((await harness.poll()).items).toHaveLength(1);
	});

	test('manual mode prefers a product in alert, else any product', async () => {
		const { fake, harness } = setup({ event: 'low_stock', threshold: 5 });
		fake.setInventory(1, 50);
		fake.setInventory(2, 4);
		let sample = await harness.poll('manual');
		expect(sample.items.map((item) => item.metadata)).toEqual([{ p1_id: 2, name: 'Product 2', stock_quantity: 4, threshold: 5 }]);
		fake.setInventory(2, 40);
		sample = await harness.poll('manual');
		expect((sample.items[0].metadata as IDataObject).p1_id).toBe(1);
		expect(harness.nodeStaticData).toEqual({});
	});

	test('a product that goes to 0 and back between two polls is not seen; many products are one request', async () => {
		const { fake, harness } = setup({ event: 'out_of_stock' });
		for (let id = 1; id <= 3000; id++) fake.setInventory(id, id % 2);
		await harness.poll();
		fake.setInventory(3, 0);
		fake.setInventory(3, 1);
		expect((await harness.poll()).result).toBeNull();
		for (let id = 1; id <= 3000; id++) fake.setInventory(id, 0);
		fake.requests.length = 0;
		const outcome = await harness.poll();
		expect(outcome.items).toHaveLength(1500);
		expect(fake.requestsTo('/inventory')).toHaveLength(1);
		expect((harness.nodeStaticData.inAlert as string[]).length).toBe(3000);
		expect(JSON.stringify(harness.savedStaticData).length).toBeLessThan(50_000);
	});

	test(`more than ${STOCK_MEMORY} products in alert: a warning, no repeated items, and alerts again once fewer are`, async () => {
		const { fake, harness } = setup({ event: 'out_of_stock' });
		for (let id = 1; id <= STOCK_MEMORY + 10; id++) fake.setInventory(id, 0);
		await harness.poll();
		expect(harness.warnings).toEqual([expect.stringContaining(`${STOCK_MEMORY + 10} products are in alert, more than the ${STOCK_MEMORY}`)]);
		expect((await harness.poll()).result).toBeNull(); // the 10 not remembered are not reported
		for (let id = 1; id <= 100; id++) fake.setInventory(id, 5);
		expect((await harness.poll()).result).toBeNull();
		fake.setInventory(1, 0);
		expect((await harness.poll()).items.map((item) => (item.metadata as IDataObject).p1_id)).toEqual([1]);
	}, 120_000);
});
