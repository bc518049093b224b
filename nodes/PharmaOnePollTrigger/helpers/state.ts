import type { IDataObject } from 'n8n-workflow';

/**
 * What the poll trigger keeps in `getWorkflowStaticData('node')`. Everything is bounded:
 * - orders: the `updated_at` watermark and the statuses of the ORDER_MEMORY most recently
 *   updated orders;
 * - prescriptions: the statuses of the PRESCRIPTION_MEMORY most recently seen prescriptions and
 *   the window floor;
 * - stock: the ids of at most STOCK_MEMORY products currently in alert.
 * `fp` is the fingerprint of the settings the state belongs to; another fingerprint means the
 * user changed the event or a filter, and the trigger records a new baseline.
 */
export const STATE_VERSION = 1;
export const ORDER_MEMORY = 5000;
export const PRESCRIPTION_MEMORY = 5000;
export const STOCK_MEMORY = 10000;

export interface StoredState {
	v: number;
	fp: string;
	/** Orders: latest `updated_at` seen. */
	wm?: string;
	/** Orders and prescriptions: compact status memory. */
	mem?: unknown;
	/** Prescriptions: oldest `created_at` of a window cut by Max Records. */
	floor?: string;
	/** Stock: products in alert. */
	alert?: string[];
}

/** The stored state when it belongs to these settings; undefined means "record a baseline". */
export function loadState(staticData: IDataObject, fingerprint: string): StoredState | undefined {
	if (staticData.v !== STATE_VERSION || staticData.fp !== fingerprint) return undefined;
	return staticData as unknown as StoredState;
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

/** The size of the stored state in bytes of JSON, as n8n would save it. */
export function stateSize(staticData: IDataObject): number {
	return JSON.stringify(staticData).length;
}
