import type { IDataObject } from 'n8n-workflow';

import { diffOrders, diffPrescriptions, diffStock, isOlderThan } from '../../../nodes/PharmaOnePollTrigger/helpers/diff';
import { passesNewStatus } from '../../../nodes/PharmaOnePollTrigger/helpers/events';
import {
	MAX_CODES,
	MAX_KEY_LENGTH,
	StatusMemory,
	boundedKeys,
	compactKey,
	settingsFingerprint,
} from '../../../nodes/PharmaOnePollTrigger/helpers/memory';
import { loadState, saveState } from '../../../nodes/PharmaOnePollTrigger/helpers/state';
import { compareTimestamps, earlierTimestamp, laterTimestamp } from '../../../nodes/PharmaOnePollTrigger/helpers/timestamps';

describe('timestamps', () => {
	test('compares microseconds, and fractions against whole seconds, correctly', () => {
		expect(compareTimestamps('2026-06-14T10:05:55.806759Z', '2026-06-14T10:05:55.806758Z')).toBeGreaterThan(0);
		expect(compareTimestamps('2026-06-14T10:05:55Z', '2026-06-14T10:05:55.5Z')).toBeLessThan(0);
		expect(compareTimestamps('2026-06-14T10:05:55.000000Z', '2026-06-14T10:05:55Z')).toBe(0);
		expect(compareTimestamps('2026-06-14T12:05:55+02:00', '2026-06-14T10:05:55Z')).toBe(0);
		expect(compareTimestamps('not a date', '2026-06-14T10:05:55Z')).toBeUndefined();
	});

	test('later / earlier ignore unreadable values', () => {
		expect(laterTimestamp(undefined, '2026-06-14T10:00:00Z')).toBe('2026-06-14T10:00:00Z');
		expect(laterTimestamp('2026-06-14T10:00:00.1Z', '2026-06-14T10:00:00Z')).toBe('2026-06-14T10:00:00.1Z');
		expect(laterTimestamp('2026-06-14T10:00:00Z', null)).toBe('2026-06-14T10:00:00Z');
		expect(earlierTimestamp('2026-06-14T10:00:00.1Z', '2026-06-14T10:00:00Z')).toBe('2026-06-14T10:00:00Z');
		expect(earlierTimestamp(undefined, 'garbage')).toBeUndefined();
	});

	test('a row without a readable updated_at is never older than the watermark', () => {
		expect(isOlderThan({ updated_at: '2026-01-01T00:00:00Z' }, '2026-06-01T00:00:00Z')).toBe(true);
		expect(isOlderThan({ updated_at: null }, '2026-06-01T00:00:00Z')).toBe(false);
		expect(isOlderThan({ updated_at: '2026-01-01T00:00:00Z' }, undefined)).toBe(false);
	});
});

describe('StatusMemory', () => {
	test('keeps the most recently set records, also for numeric-looking ids', () => {
		const memory = new StatusMemory(3);
		for (const id of ['10', '2', '30', '4']) memory.set(id, 'pending');
		memory.set('2', 'ready_pickup'); // refreshes "2"
		memory.set('5', 'pending');
		expect(memory.toJSON().k).toEqual(['4', '2', '5']);
		expect(memory.get('10')).toBeUndefined();
		expect(memory.get('2')).toBe('ready_pickup');
	});

	test('round-trips through JSON with interned statuses', () => {
		const memory = new StatusMemory(10);
		memory.set('A', 'pending');
		memory.set('B', 'ready_pickup');
		memory.set('C', 'pending');
		const json = JSON.parse(JSON.stringify(memory)) as unknown;
		expect(json).toEqual({ k: ['A', 'B', 'C'], s: [0, 1, 0], c: ['pending', 'ready_pickup'] });
		const restored = StatusMemory.fromJSON(json, 10);
		expect(restored.get('B')).toBe('ready_pickup');
		expect(StatusMemory.fromJSON(json, 2).toJSON().k).toEqual(['B', 'C']);
	});

	test('tolerates damaged stored data', () => {
		expect(StatusMemory.fromJSON(undefined, 5).size).toBe(0);
		expect(StatusMemory.fromJSON({ k: ['A'], s: [], c: [] }, 5).size).toBe(0);
		expect(StatusMemory.fromJSON({ k: ['A', 'B'], s: [7, 'x'], c: [] }, 5).toJSON().k).toEqual(['B']);
	});

	test('long ids are hashed, long statuses cut, many statuses stored as text: a record has a fixed worst-case size', () => {
		const long = 'X'.repeat(500);
		expect(compactKey(long)).toMatch(/^#[0-9a-f]{24}$/);
		expect(compactKey('#short')).toMatch(/^#[0-9a-f]{24}$/);
		const memory = new StatusMemory(1000);
		for (let k = 0; k < 1000; k++) memory.set(`${long}${k}`, `status-${k}-${'y'.repeat(200)}`);
		expect(memory.get(`${long}999`)).toHaveLength(40);
		expect(memory.differs(`${long}999`, `status-999-${'y'.repeat(200)}`)).toBe(false);
		const json = memory.toJSON();
		expect(json.c).toHaveLength(MAX_CODES);
		// key (≤ 40) + status (≤ 40) + quotes and commas
		expect(JSON.stringify(json).length).toBeLessThan(1000 * (MAX_KEY_LENGTH + 40 + 8));
	});

	test('boundedKeys keeps the last keys, unique', () => {
		expect(boundedKeys(['1', '2', '2', '3', '4'], 3)).toEqual(['2', '3', '4']);
	});
});

describe('diffOrders', () => {
	const row = (id: string, status: string, updatedAt: string, createdAt = '2026-06-01T00:00:00Z'): IDataObject => ({
		id,
		status,
		created_at: createdAt,
		updated_at: updatedAt,
	});

	test('baseline remembers everything and reports nothing', () => {
		const memory = new StatusMemory(10);
		const result = diffOrders({ memory, watermark: undefined, baseline: true }, [
			row('B', 'pending', '2026-06-10T00:00:02Z'),
			row('A', 'pending', '2026-06-10T00:00:01Z'),
		]);
		expect(result).toEqual({ changes: [], watermark: '2026-06-10T00:00:02Z' });
		expect(memory.toJSON().k).toEqual(['A', 'B']);
	});

	test('reports status changes and new orders oldest first; skips rows older than the watermark', () => {
		const memory = new StatusMemory(10);
		memory.set('OLD', 'pending');
		memory.set('A', 'pending');
		const result = diffOrders({ memory, watermark: '2026-06-10T00:00:00Z', baseline: false }, [
			row('NEW', 'pending', '2026-06-10T00:00:03Z', '2026-06-10T00:00:03Z'),
			row('A', 'ready_pickup', '2026-06-10T00:00:02Z'),
			row('FORGOTTEN', 'ready_pickup', '2026-06-10T00:00:01Z'),
			row('OLD', 'shipped', '2026-06-09T00:00:00Z'),
		]);
		expect(result.changes.map((change) => [change.eventType, change.id, change.oldStatus, change.newStatus])).toEqual([
			['order_status_updated', 'FORGOTTEN', null, 'ready_pickup'],
			['order_status_updated', 'A', 'pending', 'ready_pickup'],
			['order_created', 'NEW', null, 'pending'],
		]);
		expect(result.watermark).toBe('2026-06-10T00:00:03Z');
		expect(memory.get('OLD')).toBe('pending');
	});

	test('the same rows again report nothing', () => {
		const memory = new StatusMemory(10);
		const rows = [row('A', 'pending', '2026-06-10T00:00:02Z')];
		diffOrders({ memory, watermark: undefined, baseline: true }, rows);
		expect(diffOrders({ memory, watermark: '2026-06-10T00:00:02Z', baseline: false }, rows).changes).toEqual([]);
	});
});

describe('diffPrescriptions', () => {
	test('new ids, status changes, and old ids below the floor', () => {
		const memory = new StatusMemory(10);
		memory.set('P1', 'new');
		const changes = diffPrescriptions({ memory, floor: '2026-06-10T00:00:00Z', baseline: false }, [
			{ id: 'P3', status: 'new', created_at: '2026-06-11T00:00:00Z' },
			{ id: 'P1', status: 'approved', created_at: '2026-06-10T00:00:00Z' },
			{ id: 'P0', status: 'approved', created_at: '2026-06-01T00:00:00Z' },
		]);
		expect(changes.map((change) => [change.eventType, change.id, change.oldStatus])).toEqual([
			['prescription_status_updated', 'P1', 'new'],
			['prescription_created', 'P3', null],
		]);
		expect(memory.get('P0')).toBe('approved');
	});
});

describe('diffStock', () => {
	const rows = (stocks: Record<number, number>) =>
		Object.entries(stocks).map(([id, stock]) => ({ p1_id: Number(id), stockquantity: stock }));
	const base = { eventType: 'low_stock' as const, threshold: 5, products: new Set<string>() };

	test('enters alert once, re-arms above the threshold', () => {
		let state = diffStock({ ...base, alerted: new Set(), baseline: true }, rows({ 1: 3, 2: 9 }));
		expect(state).toEqual({ changes: [], alerted: ['1'] });
		state = diffStock({ ...base, alerted: new Set(state.alerted), baseline: false }, rows({ 1: 2, 2: 5 }));
		expect(state.changes.map((change) => change.id)).toEqual(['2']);
		state = diffStock({ ...base, alerted: new Set(state.alerted), baseline: false }, rows({ 1: 6, 2: 5 }));
		expect(state).toEqual({ changes: [], alerted: ['2'] });
		state = diffStock({ ...base, alerted: new Set(state.alerted), baseline: false }, rows({ 1: 0, 2: 5 }));
		expect(state.changes.map((change) => [change.id, change.stock])).toEqual([['1', 0]]);
	});

	test('stock_quantity is read too; product filter applies', () => {
		const state = diffStock(
			{ ...base, eventType: 'out_of_stock', alerted: new Set(), baseline: false, products: new Set(['7']) },
			[{ p1_id: '7', stock_quantity: '0' }, { p1_id: 8, stockquantity: 0 }],
		);
		expect(state.changes.map((change) => change.id)).toEqual(['7']);
	});
});

describe('settings and state', () => {
	test('the fingerprint ignores key order and changes with any value', () => {
		expect(settingsFingerprint({ a: 1, b: ['x'] })).toBe(settingsFingerprint({ b: ['x'], a: 1 }));
		expect(settingsFingerprint({ a: 1, b: ['x'] })).not.toBe(settingsFingerprint({ a: 1, b: ['y'] }));
	});

	test('state of other settings is not loaded; an unchanged state is not rewritten', () => {
		const staticData: IDataObject = {};
		expect(loadState(staticData, 'fp1')).toBeUndefined();
		expect(saveState(staticData, { v: 1, fp: 'fp1', wm: 'w', floor: undefined })).toBe(true);
		expect(staticData).toEqual({ v: 1, fp: 'fp1', wm: 'w' });
		expect(saveState(staticData, { v: 1, fp: 'fp1', wm: 'w' })).toBe(false);
		expect(loadState(staticData, 'fp1')).toEqual({ v: 1, fp: 'fp1', wm: 'w' });
		expect(loadState(staticData, 'fp2')).toBeUndefined();
		saveState(staticData, { v: 1, fp: 'fp2', alert: [] });
		expect(staticData).toEqual({ v: 1, fp: 'fp2', alert: [] });
	});

	test('the new-status filter is case-insensitive and applies to status events only', () => {
		const change = { eventType: 'order_status_updated' as const, id: 'A', oldStatus: null, newStatus: 'Ready_Pickup', row: {} };
		expect(passesNewStatus(change, ['ready_pickup'])).toBe(true);
		expect(passesNewStatus(change, ['shipped'])).toBe(false);
		expect(passesNewStatus({ ...change, eventType: 'order_created' }, ['shipped'])).toBe(true);
	});
});
