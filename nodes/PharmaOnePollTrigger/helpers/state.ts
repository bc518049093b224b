import type { IDataObject } from 'n8n-workflow';

import { compactKey, isCompactSeen } from './memory';

/**
 * What the poll trigger keeps in `getWorkflowStaticData('node')`. Everything is bounded:
 * - orders and prescriptions: the ids seen in the watched window with their statuses, by
 *   creation day (the window forgets old days; MAX_SEEN is the hard limit), the `updated_at`
 *   watermark of the last complete listing, and where a listing cut short goes on;
 * - stock: the ids of at most STOCK_MEMORY products currently in alert.
 * `fp` is the fingerprint of the settings the state belongs to; another fingerprint means the
 * user changed the event, a filter or the window, and the trigger records a new baseline.
 *
 * Version 1 (before the watched window) kept `mem` (the statuses of the most recently updated
 * records, without creation days) and `wm`; see {@link LegacyState}.
 */
export const STATE_VERSION = 2;
export const MAX_SEEN = 50_000;
export const STOCK_MEMORY = 50_000;

/** A listing the poll time budget cut short: the next poll goes on from offset `o`. */
export interface ScanProgress {
	o: number;
	/** Latest `updated_at` read so far in this listing. */
	wm?: string;
	/** The listing is the baseline: what it reads is recorded, not reported. */
	base?: boolean;
}

export interface StoredState {
	v: number;
	fp: string;
	/** Orders and prescriptions: seen ids by creation day (SeenMemory's JSON). */
	seen?: unknown;
	/** Latest `updated_at` of the last complete listing. */
	wm?: string;
	scan?: ScanProgress;
	/** First creation day still watched after the memory outgrew MAX_SEEN. */
	floor?: string;
	/** Stock: products in alert. */
	alert?: string[];
	/** Stock: more products were in alert than STOCK_MEMORY. */
	over?: boolean;
}

/** What a version 1 state tells about orders and prescriptions: the last seen statuses. */
export interface LegacyState {
	statuses: Map<string, string>;
}

export interface LoadedState {
	/** The stored state when it belongs to these settings; undefined means "record a baseline". */
	stored?: StoredState;
	/** A version 1 state of the same settings, read once to carry its statuses over. */
	legacy?: LegacyState;
}

function readLegacyStatuses(value: unknown): Map<string, string> {
	const statuses = new Map<string, string>();
	if (value === null || typeof value !== 'object') return statuses;
	const { k, s, c } = value as { k?: unknown; s?: unknown; c?: unknown };
	if (!Array.isArray(k) || !Array.isArray(s)) return statuses;
	const codes = Array.isArray(c) ? c : [];
	k.forEach((key, index) => {
		const code: unknown = s[index];
		const status: unknown = typeof code === 'number' ? codes[code] : code;
		if (typeof key === 'string' && typeof status === 'string') statuses.set(compactKey(key), status);
	});
	return statuses;
}

const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isText = (value: unknown) => typeof value === 'string';

function isProgress(value: unknown): boolean {
	if (value === null || typeof value !== 'object') return false;
	const { o, wm, base } = value as Partial<ScanProgress>;
	return Number.isInteger(o) && (o as number) >= 0 && optional(wm, isText) && optional(base, (b) => typeof b === 'boolean');
}

/** Whether every field of a stored state has its shape; a damaged state means a new baseline. */
function isWellFormed(data: IDataObject): boolean {
	return (
		optional(data.seen, isCompactSeen) &&
		optional(data.scan, isProgress) &&
		optional(data.wm, isText) &&
		optional(data.floor, isText) &&
		optional(data.alert, Array.isArray) &&
		optional(data.over, (over) => typeof over === 'boolean')
	);
}

/**
 * Reads the stored state. `legacyFingerprint` is the fingerprint version 1 computed for the same
 * settings: a version 1 stock state is taken over as it is (same format), a version 1 order or
 * prescription state becomes a baseline that still reports what changed since its last poll.
 * Anything else (another version, other settings, a damaged field) means a new baseline; nothing throws.
 */
export function loadState(staticData: IDataObject, fingerprint: string, legacyFingerprint: string): LoadedState {
	if (staticData.v === STATE_VERSION && staticData.fp === fingerprint) {
		return isWellFormed(staticData) ? { stored: staticData as unknown as StoredState } : {};
	}
	if (staticData.v !== 1 || staticData.fp !== legacyFingerprint) return {};
	if (Array.isArray(staticData.alert)) {
		return { stored: { v: STATE_VERSION, fp: fingerprint, alert: staticData.alert as string[] } };
	}
	return { legacy: { statuses: readLegacyStatuses(staticData.mem) } };
}

function compact(state: StoredState): IDataObject {
	const output: IDataObject = {};
	for (const [key, value] of Object.entries(state)) {
		if (value !== undefined) output[key] = value as IDataObject[string];
	}
	return output;
}

/**
 * Replaces the stored state, and returns whether anything changed. Keys are deleted and
 * assigned (not the object replaced), because n8n hands out the node's static data object and
 * watches it for changes; an unchanged state is not touched, so n8n does not save the workflow
 * after a poll that saw nothing new.
 */
export function saveState(staticData: IDataObject, state: StoredState): boolean {
	const next = compact(state);
	if (JSON.stringify(next) === JSON.stringify(staticData)) return false;
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, next);
	return true;
}
