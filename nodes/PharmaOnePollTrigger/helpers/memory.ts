import { createHash } from 'crypto';

/**
 * What the poll trigger remembers of orders and prescriptions: every record id it has seen in
 * the watched window, with its last seen status, grouped by the UTC day the record was created.
 * Grouping by day lets the window forget whole days as they fall out of it, so the memory is
 * bounded by the window (and by a hard limit, see SeenMemory.trimTo), never by the organization.
 *
 * Stored compactly in workflow static data:
 * - ids longer than {@link MAX_KEY_LENGTH} characters are replaced by a short hash;
 * - per day, the ids' common prefix (e.g. `ORD_20260614_`) is stored once;
 * - statuses are interned: each distinct status is stored once in `statusNames` and records refer
 *   to it by index (up to {@link MAX_CODES} distinct statuses; beyond that the text itself is
 *   stored), and cut at {@link MAX_STATUS_LENGTH} characters.
 * A live order id (`ORD_YYYYMMDD_` + 10 characters) costs about 15 bytes of JSON.
 */

export const MAX_KEY_LENGTH = 40;
export const MAX_STATUS_LENGTH = 40;
export const MAX_CODES = 100;

/** One creation day: the ids' common prefix, the rest of each id, and per id a status index (or text). */
export interface StoredDay {
	idPrefix: string;
	ids: string[];
	statuses: Array<number | string>;
}

/** The JSON form kept in static data. */
export interface StoredSeen {
	/** Distinct statuses. */
	statusNames: string[];
	/** Records by creation day ("YYYY-MM-DD"). */
	days: Record<string, StoredDay>;
}

interface Entry {
	day: string;
	status: string;
}

/** A record id as stored: itself when short, else `#` + 24 hex characters of its SHA-256. */
export function compactKey(id: string): string {
	if (id.length <= MAX_KEY_LENGTH && !id.startsWith('#')) return id;
	return `#${createHash('sha256').update(id).digest('hex').slice(0, 24)}`;
}

export function compactStatus(status: string): string {
	return status.length <= MAX_STATUS_LENGTH ? status : status.slice(0, MAX_STATUS_LENGTH);
}

function commonPrefix(keys: string[]): string {
	if (keys.length < 2) return '';
	let prefix = keys[0];
	for (const key of keys) {
		let length = 0;
		while (length < prefix.length && length < key.length && prefix[length] === key[length]) length++;
		prefix = prefix.slice(0, length);
		if (prefix === '') break;
	}
	return prefix;
}

/** Whether a value has the shape of a stored memory (its entries are still checked one by one). */
export function isStoredSeen(value: unknown): value is StoredSeen {
	if (value === null || typeof value !== 'object') return false;
	const { statusNames, days } = value as Partial<StoredSeen>;
	return Array.isArray(statusNames) && days !== null && typeof days === 'object' && !Array.isArray(days);
}

function isStoredDay(value: unknown): value is StoredDay {
	if (value === null || typeof value !== 'object') return false;
	const { idPrefix, ids, statuses } = value as Partial<StoredDay>;
	return typeof idPrefix === 'string' && Array.isArray(ids) && Array.isArray(statuses) && ids.length === statuses.length;
}

export class SeenMemory {
	private readonly entries = new Map<string, Entry>();

	/** Reads the stored form back; anything unreadable is skipped, never thrown. */
	static fromJSON(value: unknown): SeenMemory {
		const memory = new SeenMemory();
		if (!isStoredSeen(value)) return memory;
		const names = value.statusNames;
		for (const [day, stored] of Object.entries(value.days)) {
			if (!isStoredDay(stored)) continue;
			stored.ids.forEach((rest, index) => {
				const code = stored.statuses[index];
				const status = typeof code === 'number' ? names[code] : code;
				if (typeof rest === 'string' && typeof status === 'string') {
					memory.entries.set(stored.idPrefix + rest, { day, status });
				}
			});
		}
		return memory;
	}

	get size(): number {
		return this.entries.size;
	}

	/** The remembered status, or undefined when the record was never seen (or forgotten). */
	get(id: string): string | undefined {
		return this.entries.get(compactKey(id))?.status;
	}

	/** Remembers a record, the day it was created and its status. */
	set(id: string, day: string, status: string): void {
		this.entries.set(compactKey(id), { day, status: compactStatus(status) });
	}

	/** Whether `status` differs from the remembered one, compared the way it is stored. */
	differs(id: string, status: string): boolean {
		const known = this.get(id);
		return known !== undefined && known !== compactStatus(status);
	}

	/** Forgets every record created before `day`; returns how many. */
	forgetBefore(day: string | undefined): number {
		if (day === undefined) return 0;
		let forgotten = 0;
		for (const [key, entry] of this.entries) {
			if (entry.day < day) {
				this.entries.delete(key);
				forgotten++;
			}
		}
		return forgotten;
	}

	/**
	 * Keeps at most `capacity` records by forgetting whole days, oldest first. Returns the first
	 * day still remembered when days were forgotten (the caller then watches only records created
	 * since that day), or undefined when everything fits.
	 */
	trimTo(capacity: number): string | undefined {
		if (this.entries.size <= capacity) return undefined;
		const perDay = new Map<string, number>();
		for (const { day } of this.entries.values()) perDay.set(day, (perDay.get(day) ?? 0) + 1);
		const days = [...perDay.keys()].sort();
		let size = this.entries.size;
		let cut = 0;
		while (cut < days.length && size > capacity) size -= perDay.get(days[cut++]) ?? 0;
		// Every day forgotten: watch from the day after the newest one.
		const floor = cut < days.length ? days[cut] : nextDay(days[days.length - 1]);
		this.forgetBefore(floor);
		return floor;
	}

	toJSON(): StoredSeen {
		const names: string[] = [];
		const index = new Map<string, number>();
		const byDay = new Map<string, Array<[string, string]>>();
		for (const [key, { day, status }] of this.entries) {
			let list = byDay.get(day);
			if (!list) byDay.set(day, (list = []));
			list.push([key, status]);
		}
		const days: Record<string, StoredDay> = {};
		for (const day of [...byDay.keys()].sort()) {
			const list = byDay.get(day) ?? [];
			const idPrefix = commonPrefix(list.map(([key]) => key));
			const stored: StoredDay = { idPrefix, ids: [], statuses: [] };
			for (const [key, status] of list) {
				let code: number | string | undefined = index.get(status);
				if (code === undefined && names.length < MAX_CODES) {
					code = names.push(status) - 1;
					index.set(status, code);
				}
				stored.ids.push(key.slice(idPrefix.length));
				stored.statuses.push(code ?? status);
			}
			days[day] = stored;
		}
		return { statusNames: names, days };
	}
}

function nextDay(day: string): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A bounded list of keys (products currently in a stock alert), compacted like record ids. */
export function boundedKeys(keys: Iterable<string>, capacity: number): string[] {
	const unique = [...new Set([...keys].map(compactKey))];
	return unique.slice(0, capacity);
}

/** Reads a stored key list back, tolerating anything n8n may hand back. */
export function readKeys(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((key): key is string => typeof key === 'string') : [];
}
