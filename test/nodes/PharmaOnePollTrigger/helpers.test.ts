import { passesNewStatus } from '../../../nodes/PharmaOnePollTrigger/helpers/events';
import { MAX_CODES, MAX_KEY_LENGTH, SeenMemory, boundedKeys, compactKey } from '../../../nodes/PharmaOnePollTrigger/helpers/memory';
import {
	compareTimestamps,
	dayKey,
	daysBefore,
	isBefore,
	laterTimestamp,
	secondsBefore,
} from '../../../nodes/PharmaOnePollTrigger/helpers/timestamps';

describe('timestamps', () => {
	test('compares microseconds, and fractions against whole seconds, correctly', () => {
		expect(compareTimestamps('2026-06-14T10:05:55.806759Z', '2026-06-14T10:05:55.806758Z')).toBeGreaterThan(0);
		expect(compareTimestamps('2026-06-14T10:05:55Z', '2026-06-14T10:05:55.5Z')).toBeLessThan(0);
		expect(compareTimestamps('2026-06-14T10:05:55.000000Z', '2026-06-14T10:05:55Z')).toBe(0);
		expect(compareTimestamps('2026-06-14T12:05:55+02:00', '2026-06-14T10:05:55Z')).toBe(0);
		expect(compareTimestamps('not a date', '2026-06-14T10:05:55Z')).toBeUndefined();
	});

	test('the later of two ignores unreadable values', () => {
		expect(laterTimestamp(undefined, '2026-06-14T10:00:00Z')).toBe('2026-06-14T10:00:00Z');
		expect(laterTimestamp('2026-06-14T10:00:00.1Z', '2026-06-14T10:00:00Z')).toBe('2026-06-14T10:00:00.1Z');
		expect(laterTimestamp('2026-06-14T10:00:00Z', null)).toBe('2026-06-14T10:00:00Z');
		expect(laterTimestamp('garbage', '2026-06-14T10:00:00Z')).toBe('2026-06-14T10:00:00Z');
	});

	test('days are UTC days; the window starts N days before today; shifting keeps the fraction', () => {
		expect(dayKey('2026-06-14T23:30:00-02:00')).toBe('2026-06-15');
		expect(dayKey(Date.UTC(2026, 5, 14, 23, 59))).toBe('2026-06-14');
		expect(dayKey('soon')).toBeUndefined();
		expect(daysBefore(Date.UTC(2026, 5, 14, 18), 90)).toBe('2026-03-16');
		expect(secondsBefore('2026-06-14T10:01:00.806759Z', 120)).toBe('2026-06-14T09:59:00.806759000Z');
		expect(secondsBefore(undefined, 120)).toBeUndefined();
		expect(isBefore('2026-06-14T09:00:00Z', '2026-06-14T10:00:00Z')).toBe(true);
		expect(isBefore(null, '2026-06-14T10:00:00Z')).toBe(false);
	});
});

describe('SeenMemory', () => {
	test('round-trips through JSON, grouped by creation day with a common id prefix and interned statuses', () => {
		const memory = new SeenMemory();
		memory.set('ORD_20260614_abc', '2026-06-14', 'pending');
		memory.set('ORD_20260614_abd', '2026-06-14', 'ready_pickup');
		memory.set('ORD_20260601_xyz', '2026-06-01', 'pending');
		const json = JSON.parse(JSON.stringify(memory)) as unknown;
		expect(json).toEqual({
			statusNames: ['pending', 'ready_pickup'],
			days: {
				'2026-06-01': { idPrefix: '', ids: ['ORD_20260601_xyz'], statuses: [0] },
				'2026-06-14': { idPrefix: 'ORD_20260614_ab', ids: ['c', 'd'], statuses: [0, 1] },
			},
		});
		const restored = SeenMemory.fromJSON(json);
		expect(restored.size).toBe(3);
		expect(restored.get('ORD_20260614_abd')).toBe('ready_pickup');
		expect(restored.differs('ORD_20260614_abd', 'ready_pickup')).toBe(false);
		expect(restored.differs('ORD_20260614_abd', 'shipped')).toBe(true);
		expect(restored.get('ORD_unknown')).toBeUndefined();
	});

	test('forgets days before the window, and trims whole days, oldest first, to a limit', () => {
		const memory = new SeenMemory();
		for (const [day, count] of [['2026-06-01', 3], ['2026-06-02', 2], ['2026-06-03', 4]] as const) {
			for (let k = 0; k < count; k++) memory.set(`${day}-${k}`, day, 'pending');
		}
		expect(memory.forgetBefore('2026-06-02')).toBe(3);
		expect(memory.size).toBe(6);
		expect(memory.trimTo(6)).toBeUndefined();
		expect(memory.trimTo(5)).toBe('2026-06-03');
		expect(memory.size).toBe(4);
		expect(memory.trimTo(3)).toBe('2026-06-04');
		expect(memory.size).toBe(0);
	});

	test('tolerates damaged stored data', () => {
		expect(SeenMemory.fromJSON(undefined).size).toBe(0);
		expect(SeenMemory.fromJSON({ statusNames: [], days: null }).size).toBe(0);
		expect(SeenMemory.fromJSON({ statusNames: [], days: { x: { idPrefix: '', ids: ['A'], statuses: [] } } }).size).toBe(0);
		const day = { idPrefix: 'P', ids: ['1', 2, '3'], statuses: [0, 0, 9] };
		expect(SeenMemory.fromJSON({ statusNames: ['new'], days: { '2026-06-01': day } }).size).toBe(1);
	});

	test('long ids are hashed, long statuses cut, many statuses stored as text: a record has a fixed worst-case size', () => {
		const long = 'X'.repeat(500);
		expect(compactKey(long)).toMatch(/^#[0-9a-f]{24}$/);
		expect(compactKey('#short')).toMatch(/^#[0-9a-f]{24}$/);
		const memory = new SeenMemory();
		for (let k = 0; k < 1000; k++) memory.set(`${long}${k}`, '2026-06-01', `status-${k}-${'y'.repeat(200)}`);
		expect(memory.get(`${long}999`)).toHaveLength(40);
		expect(memory.differs(`${long}999`, `status-999-${'y'.repeat(200)}`)).toBe(false);
		const json = memory.toJSON();
		expect(json.statusNames).toHaveLength(MAX_CODES);
		// key (≤ 40) + status (≤ 40) + quotes and commas
		expect(JSON.stringify(json).length).toBeLessThan(1000 * (MAX_KEY_LENGTH + 40 + 8));
	});

	test('a live order id costs about 15 bytes', () => {
		const memory = new SeenMemory();
		for (let k = 0; k < 1000; k++) memory.set(`ORD_20260614_${(1e9 + k * 7919).toString(36)}`, '2026-06-14', 'pending');
		expect(JSON.stringify(memory).length / 1000).toBeLessThan(16);
	});

	test('boundedKeys keeps the first keys, unique', () => {
		expect(boundedKeys(['1', '2', '2', '3', '4'], 3)).toEqual(['1', '2', '3']);
	});
});

describe('the new-status filter', () => {
	test('the new-status filter is case-insensitive and applies to status events only', () => {
		const change = { eventType: 'order_status_updated' as const, id: 'A', oldStatus: null, newStatus: 'Ready_Pickup', row: {} };
		expect(passesNewStatus(change, ['ready_pickup'])).toBe(true);
		expect(passesNewStatus(change, ['shipped'])).toBe(false);
		expect(passesNewStatus({ ...change, eventType: 'order_created' }, ['shipped'])).toBe(true);
	});
});
