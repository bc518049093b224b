import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PRESCRIPTION_MEMORY } from '../../../nodes/PharmaOnePollTrigger/helpers/state';
import { PollHarness } from '../../harness/poll';
import { FakePharmaOne, pharmaOneMock } from '../../harness/fakePharmaOne';

function setup(parameters: INodeParameters) {
	const mock = pharmaOneMock();
	const fake = new FakePharmaOne();
	fake.install();
	const harness = new PollHarness({ parameters });
	return { mock, fake, harness };
}

describe('New Prescription / Prescription Status Changed', () => {
	test('baseline emits nothing; a new prescription emits prescription_created once', async () => {
		const { fake, harness } = setup({ event: 'prescription_created' });
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

	test('a status change among recent prescriptions emits one item, filtered by Only New Statuses', async () => {
		const { fake, harness } = setup({ event: 'prescription_status_updated', newStatuses: 'approved' });
		const rows = Array.from({ length: 10 }, () => fake.addPrescription('new'));
		await harness.poll();
		(rows[3] as IDataObject).status = 'pending_signature';
		expect((await harness.poll()).result).toBeNull();
		(rows[3] as IDataObject).status = 'approved';
		fake.addPrescription('approved'); // new, not a status change
		const outcome = await harness.poll();
		expect(outcome.items.map((item) => item.metadata)).toEqual([
			{ prescription_id: rows[3].id, order_id: null, old_status: 'pending_signature', new_status: 'approved' },
		]);
		expect((await harness.poll()).result).toBeNull();
	});

	test('Max Records bounds the window: pages of at most 100, never more rows than asked', async () => {
		const { fake, harness } = setup({ event: 'prescription_created', options: { maxRecords: 250 } });
		for (let k = 0; k < 600; k++) fake.addPrescription();
		await harness.poll();
		expect(fake.requestsTo('/prescriptions').map((request) => request.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
			{ limit: '50', offset: '200' },
		]);
	});

	test('an old prescription sliding into a full window (after deletions) is not reported as new', async () => {
		const { fake, harness } = setup({ event: 'prescription_created', options: { maxRecords: 20 } });
		const rows = Array.from({ length: 40 }, () => fake.addPrescription());
		await harness.poll();
		// Three recent prescriptions are deleted: three older ones move into the 20-row window.
		for (const row of rows.slice(-3)) fake.prescriptions.delete(String(row.id));
		expect((await harness.poll()).result).toBeNull();
		const created = fake.addPrescription();
		expect((await harness.poll()).items.map((item) => (item.metadata as IDataObject).prescription_id)).toEqual([created.id]);
	});

	test('memory stays bounded over many prescriptions and polls', async () => {
		const { fake, harness } = setup({ event: 'prescription_status_updated', options: { maxRecords: 100 } });
		for (let k = 0; k < 200; k++) fake.addPrescription();
		await harness.poll();
		for (let round = 0; round < 60; round++) {
			for (let k = 0; k < 100; k++) fake.addPrescription();
			await harness.poll();
		}
		const memory = harness.nodeStaticData.mem as { k: string[] };
		expect(memory.k.length).toBeLessThanOrEqual(PRESCRIPTION_MEMORY);
		expect(JSON.stringify(harness.savedStaticData).length).toBeLessThan(200_000);
	});

	test('manual mode returns the most recent prescription as an event', async () => {
		const { fake, harness } = setup({ event: 'prescription_status_updated' });
		fake.addPrescription('new');
		const latest = fake.addPrescription('approved');
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
		expect(harness.nodeStaticData.alert).toEqual(['12345', '12347']);
		fake.inventory.delete('12347');
		await harness.poll();
		expect(harness.nodeStaticData.alert).toEqual(['12345']);
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

	test('the alert set stays bounded when thousands of products are out of stock', async () => {
		const { fake, harness } = setup({ event: 'out_of_stock' });
		for (let id = 1; id <= 3000; id++) fake.setInventory(id, id % 2);
		await harness.poll();
		for (let id = 1; id <= 3000; id++) fake.setInventory(id, 0);
		const outcome = await harness.poll();
		expect(outcome.items).toHaveLength(1500);
		expect((harness.nodeStaticData.alert as string[]).length).toBe(3000);
		expect(JSON.stringify(harness.savedStaticData).length).toBeLessThan(50_000);
	});
});
