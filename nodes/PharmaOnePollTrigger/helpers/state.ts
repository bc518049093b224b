import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { isStoredSeen } from './memory';
import type { Settings } from './settings';

/**
 * What the poll trigger keeps in `getWorkflowStaticData('node')`. Everything is bounded:
 * - orders and prescriptions: the ids seen in the watched window with their statuses, by
 *   creation day (the window forgets old days; MAX_SEEN is the hard limit), the `updated_at`
 *   watermark of the last complete listing, and where a listing cut short goes on;
 * - stock: the ids of at most STOCK_MEMORY products currently in alert.
 * `settingsHash` is the fingerprint of the settings the state belongs to; another one means the
 * user changed the event, a filter or the window, and the trigger records a new baseline.
 *
 * Version 2, the first shape saved workflows hold, had the same content under terse keys; it is
 * read by {@link readVersion2} and replaced by this shape at the next save.
 */
export const STATE_VERSION = 3;
export const MAX_SEEN = 50_000;
export const STOCK_MEMORY = 50_000;

/** A listing the poll time budget cut short: the next poll goes on from `offset`. */
export interface ResumePoint {
	offset: number;
	/** Latest `updated_at` read so far in this listing. */
	latestUpdate?: string;
	/** The listing is the baseline: what it reads is recorded, not reported. */
	baseline?: boolean;
}

export interface PollState {
	version: number;
	settingsHash: string;
	/** Orders and prescriptions: seen ids by creation day (SeenMemory's JSON). */
	seen?: unknown;
	/** Latest `updated_at` of the last complete listing. */
	watermark?: string;
	resume?: ResumePoint;
	/** First creation day still watched after the memory outgrew MAX_SEEN. */
	watchedFrom?: string;
	/** Stock: products in alert. */
	inAlert?: string[];
	/** Stock: more products were in alert than STOCK_MEMORY. */
	tooManyAlerts?: boolean;
}

/** A short, stable fingerprint of the settings a state belongs to (event, filters, window). */
export function settingsHash(settings: Settings): string {
	const fields: Record<string, unknown> = {
		event: settings.event,
		shopId: settings.shopId,
		newStatuses: settings.newStatuses,
		threshold: settings.threshold,
		products: [...settings.products].sort(),
		watchDays: settings.watchDays ?? 'all',
	};
	const sorted = Object.keys(fields)
		.sort()
		.map((key) => [key, fields[key]]);
	return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** Renames the keys of an object; anything else is returned as it is (and later found damaged). */
function renamed(value: unknown, names: Record<string, string>): unknown {
	if (!isObject(value)) return value;
	return Object.fromEntries(Object.entries(value).map(([key, field]) => [names[key] ?? key, field]));
}

/** The version 2 state's terse keys, at each level, and their names now. */
const V2_STATE = { v: 'version', fp: 'settingsHash', wm: 'watermark', scan: 'resume', floor: 'watchedFrom', alert: 'inAlert', over: 'tooManyAlerts' };
const V2_RESUME = { o: 'offset', wm: 'latestUpdate', base: 'baseline' };
const V2_SEEN = { c: 'statusNames', d: 'days' };
const V2_DAY = { p: 'idPrefix', k: 'ids', s: 'statuses' };

/** Reads a version 2 state (same content, terse keys) as version 3; its shape is checked afterwards. */
export function readVersion2(data: IDataObject): IDataObject {
	const state = renamed(data, V2_STATE) as IDataObject;
	state.version = STATE_VERSION;
	if (state.resume !== undefined) state.resume = renamed(state.resume, V2_RESUME) as IDataObject;
	if (state.seen !== undefined) {
		const seen = renamed(state.seen, V2_SEEN);
		if (isObject(seen) && isObject(seen.days)) {
			const days = Object.entries(seen.days).map(([day, stored]) => [day, renamed(stored, V2_DAY)]);
			seen.days = Object.fromEntries(days) as IDataObject;
		}
		state.seen = seen as IDataObject;
	}
	return state;
}

const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);
const isText = (value: unknown) => typeof value === 'string';
const isFlag = (value: unknown) => typeof value === 'boolean';

function isResumePoint(value: unknown): boolean {
	if (!isObject(value)) return false;
	const { offset, latestUpdate, baseline } = value as Partial<ResumePoint>;
	return Number.isInteger(offset) && (offset as number) >= 0 && optional(latestUpdate, isText) && optional(baseline, isFlag);
}

/** Whether every field of a stored state has its shape; a damaged state means a new baseline. */
function isWellFormed(data: IDataObject): boolean {
	return (
		optional(data.seen, isStoredSeen) &&
		optional(data.resume, isResumePoint) &&
		optional(data.watermark, isText) &&
		optional(data.watchedFrom, isText) &&
		optional(data.inAlert, Array.isArray) &&
		optional(data.tooManyAlerts, isFlag)
	);
}

/**
 * The stored state when it belongs to the settings with fingerprint `hash`, or undefined, which
 * means "record a baseline": no state, another version, other settings or a damaged field.
 * Nothing throws.
 */
export function loadState(staticData: IDataObject, hash: string): PollState | undefined {
	const data = staticData.v === 2 ? readVersion2(staticData) : staticData;
	if (data.version !== STATE_VERSION || data.settingsHash !== hash || !isWellFormed(data)) return undefined;
	return data as unknown as PollState;
}

/**
 * Replaces the stored state, and returns whether anything changed. Keys are deleted and
 * assigned (not the object replaced), because n8n hands out the node's static data object and
 * watches it for changes; an unchanged state is not touched, so n8n does not save the workflow
 * after a poll that saw nothing new.
 */
export function saveState(staticData: IDataObject, state: PollState): boolean {
	const next = Object.fromEntries(Object.entries(state).filter(([, value]) => value !== undefined)) as IDataObject;
	if (JSON.stringify(next) === JSON.stringify(staticData)) return false;
	for (const key of Object.keys(staticData)) delete staticData[key];
	Object.assign(staticData, next);
	return true;
}
