import { createHash } from 'crypto';

/**
 * Bounded, compact memory of "record id → last seen status", kept in workflow static data.
 *
 * n8n saves a poll trigger's static data with the workflow after every poll that changes it, so
 * its size must not grow with the organization. This memory keeps at most `capacity` records,
 * the most recently seen or changed last (the least recent are forgotten first), and stores
 * them compactly:
 * - ids longer than {@link MAX_KEY_LENGTH} characters are replaced by a short hash;
 * - statuses are interned: each distinct status is stored once in `c` and records refer to it
 *   by its index (up to {@link MAX_CODES} distinct statuses; beyond that the text itself is stored);
 * - status texts are cut at {@link MAX_STATUS_LENGTH} characters.
 * So one record costs at most about MAX_KEY_LENGTH + 8 bytes of JSON.
 */

export const MAX_KEY_LENGTH = 40;
export const MAX_STATUS_LENGTH = 40;
export const MAX_CODES = 100;

/** The JSON form stored in static data: parallel arrays of keys and status codes. */
export interface CompactMemory {
	/** Record keys, least recently seen first. */
	k: string[];
	/** Per key: an index into `c`, or the status text when `c` is full. */
	s: Array<number | string>;
	/** Distinct statuses. */
	c: string[];
}

/** A record id as stored: itself when short, else `#` + 24 hex characters of its SHA-256. */
export function compactKey(id: string): string {
	if (id.length <= MAX_KEY_LENGTH && !id.startsWith('#')) return id;
	return `#${createHash('sha256').update(id).digest('hex').slice(0, 24)}`;
}

function compactStatus(status: string): string {
	return status.length <= MAX_STATUS_LENGTH ? status : status.slice(0, MAX_STATUS_LENGTH);
}

function isCompactMemory(value: unknown): value is CompactMemory {
	if (value === null || typeof value !== 'object') return false;
	const { k, s, c } = value as Partial<CompactMemory>;
	return Array.isArray(k) && Array.isArray(s) && Array.isArray(c) && k.length === s.length;
}

export class StatusMemory {
	/** Insertion order = recency: a Map keeps string keys in insertion order, even numeric-looking ones. */
	private readonly entries = new Map<string, string>();

	constructor(readonly capacity: number) {}

	static fromJSON(value: unknown, capacity: number): StatusMemory {
		const memory = new StatusMemory(capacity);
		if (!isCompactMemory(value)) return memory;
		value.k.forEach((key, index) => {
			const code = value.s[index];
			const status = typeof code === 'number' ? value.c[code] : code;
			if (typeof key === 'string' && typeof status === 'string') memory.entries.set(key, status);
		});
		memory.trim();
		return memory;
	}

	get size(): number {
		return this.entries.size;
	}

	/** The remembered status, or undefined when the record is unknown (never seen, or forgotten). */
	get(id: string): string | undefined {
		return this.entries.get(compactKey(id));
	}

	has(id: string): boolean {
		return this.entries.has(compactKey(id));
	}

	/** Remembers a status and marks the record as the most recently seen one. */
	set(id: string, status: string): void {
		const key = compactKey(id);
		this.entries.delete(key);
		this.entries.set(key, compactStatus(status));
		this.trim();
	}

	/** Whether `status` differs from the remembered one, compared the way it is stored. */
	differs(id: string, status: string): boolean {
		const known = this.get(id);
		return known !== undefined && known !== compactStatus(status);
	}

	private trim(): void {
		let excess = this.entries.size - this.capacity;
		if (excess <= 0) return;
		for (const key of this.entries.keys()) {
			if (excess-- <= 0) break;
			this.entries.delete(key);
		}
	}

	toJSON(): CompactMemory {
		const codes: string[] = [];
		const index = new Map<string, number>();
		const k: string[] = [];
		const s: Array<number | string> = [];
		for (const [key, status] of this.entries) {
			let code: number | string | undefined = index.get(status);
			if (code === undefined) {
				if (codes.length < MAX_CODES) {
					code = codes.length;
					codes.push(status);
					index.set(status, code);
				} else {
					code = status;
				}
			}
			k.push(key);
			s.push(code);
		}
		return { k, s, c: codes };
	}
}

/**
 * A bounded set of keys (products currently in a stock alert), least recently added first.
 * Keys are compacted like the status memory's.
 */
export function boundedKeys(keys: Iterable<string>, capacity: number): string[] {
	const unique = [...new Set([...keys].map(compactKey))];
	return unique.slice(Math.max(0, unique.length - capacity));
}

/** Reads a stored key list back, tolerating anything n8n may hand back. */
export function readKeys(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((key): key is string => typeof key === 'string') : [];
}

/**
 * A short, stable fingerprint of the trigger's settings (event, filters). When it changes the
 * stored state belongs to other settings and the trigger starts over with a new baseline.
 */
export function settingsFingerprint(settings: Record<string, unknown>): string {
	const sorted = Object.keys(settings)
		.sort()
		.map((key) => [key, settings[key]]);
	return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}
