import type { IDataObject } from 'n8n-workflow';

import { RecordDiff, diffStock } from '../../../nodes/PharmaOnePollTrigger/helpers/diff';
import { ListOrderEvidence, provenStop } from '../../../nodes/PharmaOnePollTrigger/helpers/listing';
import { SeenMemory } from '../../../nodes/PharmaOnePollTrigger/helpers/memory';

const row = (id: string, created: string, updated: string, status = 'pending'): IDataObject => ({
	id,
	status,
	created_at: `2026-06-${created}Z`,
	updated_at: `2026-06-${updated}Z`,
});

function evidenceOf(rows: IDataObject[]): ListOrderEvidence {
	const evidence = new ListOrderEvidence();
	for (const item of rows) evidence.see(item);
	return evidence;
}

describe('provenStop: stop reading only when it is safe under every list order the rows fit', () => {
	const windowStart = '2026-06-05T00:00:00Z';
	const unchangedBefore = '2026-06-12T00:00:00Z';

	test('rows that fit newest-updated only (a row created after the one before): the watermark stops reading', () => {
		const rows = [row('A', '02T00:00:00', '14T00:00:00'), row('B', '13T00:00:00', '13T00:00:00'), row('C', '10T00:00:00', '11T00:00:00')];
		const evidence = evidenceOf(rows);
		expect([evidence.byUpdate, evidence.byCreate]).toEqual([true, false]);
		expect(provenStop(evidence, rows[2], { windowStart, unchangedBefore })).toBe('watermark');
		// The last row is not older than the watermark yet: go on.
		expect(provenStop(evidenceOf(rows.slice(0, 2)), rows[1], { windowStart, unchangedBefore })).toBeUndefined();
	});

	test('rows that fit both orders (nothing updated since created): the watermark proves nothing, the window end does', () => {
		const rows = [row('A', '13T00:00:00', '13T00:00:00'), row('B', '11T00:00:00', '11T00:00:00')];
		const evidence = evidenceOf(rows);
		expect([evidence.byUpdate, evidence.byCreate]).toEqual([true, true]);
		expect(provenStop(evidence, rows[1], { windowStart, unchangedBefore })).toBeUndefined();
		const older = [...rows, row('C', '04T00:00:00', '04T00:00:00')];
		expect(provenStop(evidenceOf(older), older[2], { windowStart, unchangedBefore })).toBe('window');
	});

	test('an old order updated recently at the end of a page that fits both orders does not end the window', () => {
		// Newest-updated order: the next rows may still be created in the window.
		const rows = [row('A', '13T00:00:00', '13T00:00:00'), row('OLD', '01T00:00:00', '12T06:00:00')];
		const evidence = evidenceOf(rows);
		expect([evidence.byUpdate, evidence.byCreate]).toEqual([true, true]);
		expect(provenStop(evidence, rows[1], { windowStart })).toBeUndefined();
	});

	test('rows that fit newest-created only: the window end stops reading, the watermark never does', () => {
		const rows = [row('A', '13T00:00:00', '13T00:00:00'), row('B', '12T00:00:00', '14T00:00:00'), row('C', '04T00:00:00', '04T00:00:00')];
		const evidence = evidenceOf(rows);
		expect([evidence.byUpdate, evidence.byCreate]).toEqual([false, true]);
		expect(provenStop(evidence, rows[2], { windowStart, unchangedBefore })).toBe('window');
		expect(provenStop(evidence, rows[2], { unchangedBefore })).toBeUndefined();
	});

	test('rows that fit neither order never stop reading', () => {
		const rows = [row('A', '03T00:00:00', '03T00:00:00'), row('B', '04T00:00:00', '04T00:00:00'), row('C', '01T00:00:00', '01T00:00:00')];
		expect(provenStop(evidenceOf(rows), rows[2], { windowStart, unchangedBefore })).toBeUndefined();
	});

	test('rows without updated_at (prescriptions) may be sorted by a hidden update time: nothing is proven', () => {
		const rows = [{ id: 'P2', created_at: '2026-06-02T00:00:00Z' }, { id: 'P1', created_at: '2026-06-01T00:00:00Z' }];
		const evidence = evidenceOf(rows);
		expect([evidence.byUpdate, evidence.byCreate]).toEqual([true, true]);
		expect(provenStop(evidence, rows[1], { windowStart })).toBeUndefined();
		// A missing created_at contradicts nothing either, and proves nothing.
		const partly = [row('A', '13T00:00:00', '13T00:00:00'), { id: 'B', updated_at: '2026-06-12T00:00:00Z' }];
		expect(provenStop(evidenceOf(partly), partly[1], { windowStart, unchangedBefore })).toBeUndefined();
	});
});

describe('RecordDiff', () => {
	const snapshot = (memory: SeenMemory, baseline: boolean, extra: Partial<ConstructorParameters<typeof RecordDiff>[0]> = {}) => ({
		memory,
		baseline,
		created: 'order_created' as const,
		statusChanged: 'order_status_updated' as const,
		...extra,
	});

	test('an unseen id is new whatever its timestamps; a changed status is reported with the old one; oldest first', () => {
		const memory = new SeenMemory();
		const base = new RecordDiff(snapshot(memory, true));
		base.add([row('A', '10T00:00:00', '10T00:00:00'), row('B', '09T00:00:00', '09T00:00:00')]);
		expect(base.changes).toEqual([]);

		const diff = new RecordDiff(snapshot(memory, false));
		diff.add([
			row('LATE', '01T00:00:00', '14T00:00:02'), // synced late: created long before anything seen
			row('B', '09T00:00:00', '14T00:00:01', 'ready_pickup'),
			row('A', '10T00:00:00', '10T00:00:00'),
		]);
		expect(diff.ordered().map((change) => [change.eventType, change.id, change.oldStatus, change.newStatus])).toEqual([
			['order_status_updated', 'B', 'pending', 'ready_pickup'],
			['order_created', 'LATE', null, 'pending'],
		]);
		const again = new RecordDiff(snapshot(memory, false));
		again.add([row('LATE', '01T00:00:00', '14T00:00:02'), row('B', '09T00:00:00', '14T00:00:01', 'ready_pickup')]);
		expect(again.changes).toEqual([]);
	});

	test('rows created before the window, or without a readable created_at, are not watched and are counted', () => {
		const memory = new SeenMemory();
		const diff = new RecordDiff(snapshot(memory, false, { fromDay: '2026-06-05' }));
		diff.add([row('NEW', '06T00:00:00', '06T00:00:00'), row('OLD', '04T23:59:59', '14T00:00:00'), { id: 'X', created_at: 'later' }, { status: 'no id' }]);
		expect(diff.changes.map((change) => change.id)).toEqual(['NEW']);
		expect([diff.outside, diff.undated, memory.size]).toEqual([1, 1, 1]);
	});
});

describe('diffStock', () => {
	const rows = (stocks: Record<number, number>) =>
		Object.entries(stocks).map(([id, stock]) => ({ p1_id: Number(id), stockquantity: stock }));
	const base = { eventType: 'low_stock' as const, threshold: 5, products: new Set<string>(), incomplete: false };

	test('enters alert once, re-arms above the threshold; down and back up between polls is not seen', () => {
		let state = diffStock({ ...base, alerted: new Set(), baseline: true }, rows({ 1: 3, 2: 9 }));
		expect(state).toEqual({ changes: [], alerted: ['1'] });
		state = diffStock({ ...base, alerted: new Set(state.alerted), baseline: false }, rows({ 1: 2, 2: 5 }));
		expect(state.changes.map((change) => change.id)).toEqual(['2']);
		state = diffStock({ ...base, alerted: new Set(state.alerted), baseline: false }, rows({ 1: 6, 2: 5 }));
		expect(state).toEqual({ changes: [], alerted: ['2'] });
		state = diffStock({ ...base, alerted: new Set(state.alerted), baseline: false }, rows({ 1: 0, 2: 5 }));
		expect(state.changes.map((change) => [change.id, change.stock])).toEqual([['1', 0]]);
	});

	test('stock_quantity is read too; product filter applies; an incomplete memory reports no unremembered product', () => {
		const state = diffStock(
			{ ...base, eventType: 'out_of_stock', alerted: new Set(), baseline: false, products: new Set(['7']) },
			[{ p1_id: '7', stock_quantity: '0' }, { p1_id: 8, stockquantity: 0 }],
		);
		expect(state.changes.map((change) => change.id)).toEqual(['7']);
		const incomplete = diffStock({ ...base, alerted: new Set(['1']), baseline: false, incomplete: true }, rows({ 1: 0, 2: 0 }));
		expect(incomplete).toEqual({ changes: [], alerted: ['1', '2'] });
	});
});
