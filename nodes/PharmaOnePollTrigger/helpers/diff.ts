import type { IDataObject } from 'n8n-workflow';

import { compactKey, StatusMemory } from './memory';
import { compareTimestamps, laterTimestamp } from './timestamps';

/**
 * Pure snapshot comparison for the poll trigger: given what the trigger remembers and the rows
 * one poll fetched, say what changed and update the memory. No I/O, no clock.
 */

export type RecordEventType =
	| 'order_created'
	| 'order_status_updated'
	| 'prescription_created'
	| 'prescription_status_updated';

export type StockEventType = 'low_stock' | 'out_of_stock';

export interface StatusChange {
	eventType: RecordEventType;
	id: string;
	/** null for a new record, and for a record the trigger did not remember (forgotten or never seen). */
	oldStatus: string | null;
	newStatus: string;
	row: IDataObject;
}

export interface StockChange {
	eventType: StockEventType;
	id: string;
	stock: number;
	row: IDataObject;
}

/** A record id as text, or undefined when the row has none. */
export function recordId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value.trim();
	return undefined;
}

/** A status as text ('' when missing, so a record without one is still tracked). */
export function statusOf(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return '';
}

/** A stock quantity, from `stockquantity` (inventory list) or `stock_quantity` (product views). */
export function stockOf(row: IDataObject): number | undefined {
	const raw = row.stockquantity ?? row.stock_quantity;
	if (raw === null || raw === undefined || raw === '') return undefined;
	const value = Number(raw);
	return Number.isFinite(value) ? value : undefined;
}

/**
 * Whether an order row was last updated before the watermark: such rows, and every row after
 * them in a list sorted by `updated_at` descending, were already seen. A row without a readable
 * `updated_at` is never "older" (paging then ends by the Max Records bound instead).
 */
export function isOlderThan(row: IDataObject, watermark: string | undefined): boolean {
	if (watermark === undefined) return false;
	const comparison = compareTimestamps(row.updated_at, watermark);
	return comparison !== undefined && comparison < 0;
}

export interface OrderSnapshot {
	memory: StatusMemory;
	/** Latest `updated_at` seen so far; undefined before any order was seen. */
	watermark: string | undefined;
	/** True on the first poll: remember everything, report nothing. */
	baseline: boolean;
}

/**
 * Compares the orders one poll fetched (newest `updated_at` first, as the API lists them) with
 * the remembered statuses. Rows older than the watermark are skipped. Rows are processed oldest
 * first, so changes come out in the order they happened and the memory keeps the most recently
 * updated orders when it is full. A remembered order missing from the rows (deleted, filtered,
 * or simply unchanged) is left alone.
 */
export function diffOrders(
	snapshot: OrderSnapshot,
	rowsNewestFirst: IDataObject[],
): { changes: StatusChange[]; watermark: string | undefined } {
	const { memory, baseline } = snapshot;
	const changes: StatusChange[] = [];
	let watermark = snapshot.watermark;
	for (let index = rowsNewestFirst.length - 1; index >= 0; index--) {
		const row = rowsNewestFirst[index];
		if (row === null || typeof row !== 'object' || isOlderThan(row, snapshot.watermark)) continue;
		const id = recordId(row.id);
		if (id === undefined) continue;
		const status = statusOf(row.status);
		watermark = laterTimestamp(watermark, row.updated_at);
		if (!baseline) {
			const known = memory.get(id);
			if (known === undefined) {
				// Unknown: new if created since the last watermark, else an older order whose status
				// the trigger no longer (or never) remembered, reported with old_status null.
				const created = snapshot.watermark === undefined ? undefined : compareTimestamps(row.created_at, snapshot.watermark);
				const isNew = created === undefined || created >= 0;
				changes.push({
					eventType: isNew ? 'order_created' : 'order_status_updated',
					id,
					oldStatus: null,
					newStatus: status,
					row,
				});
			} else if (memory.differs(id, status)) {
				changes.push({ eventType: 'order_status_updated', id, oldStatus: known, newStatus: status, row });
			}
		}
		memory.set(id, status);
	}
	return { changes, watermark };
}

export interface PrescriptionSnapshot {
	memory: StatusMemory;
	/**
	 * Oldest `created_at` of the last poll's window when that window was cut by Max Records;
	 * an unknown prescription created before it is an old one that slid into the window (for
	 * example after a deletion), not a new one. Undefined when the last window was complete.
	 */
	floor: string | undefined;
	baseline: boolean;
}

/**
 * Compares the first pages of prescriptions with the remembered statuses. The list documents no
 * `updated_at`, so every poll re-reads the same window of most recent prescriptions and compares
 * each status with the remembered one.
 */
export function diffPrescriptions(snapshot: PrescriptionSnapshot, rows: IDataObject[]): StatusChange[] {
	const { memory, baseline, floor } = snapshot;
	const changes: StatusChange[] = [];
	for (let index = rows.length - 1; index >= 0; index--) {
		const row = rows[index];
		if (row === null || typeof row !== 'object') continue;
		const id = recordId(row.id);
		if (id === undefined) continue;
		const status = statusOf(row.status);
		if (!baseline) {
			const known = memory.get(id);
			if (known === undefined) {
				const beforeFloor = floor !== undefined && (compareTimestamps(row.created_at, floor) ?? 0) < 0;
				if (!beforeFloor) {
					changes.push({ eventType: 'prescription_created', id, oldStatus: null, newStatus: status, row });
				}
			} else if (memory.differs(id, status)) {
				changes.push({ eventType: 'prescription_status_updated', id, oldStatus: known, newStatus: status, row });
			}
		}
		memory.set(id, status);
	}
	return changes;
}

export interface StockSnapshot {
	/** Products currently in alert (compact keys): reported once, re-armed when stock recovers. */
	alerted: Set<string>;
	baseline: boolean;
	eventType: StockEventType;
	/** For low_stock: alert when stock is at or below this number. */
	threshold: number;
	/** Only these product ids (as text); empty for all. */
	products: Set<string>;
}

/** Whether a stock level is in alert for the event. */
export function inAlert(eventType: StockEventType, stock: number, threshold: number): boolean {
	return eventType === 'out_of_stock' ? stock <= 0 : stock <= threshold;
}

/**
 * Edge-triggered stock alerts: a product is reported when it enters the alert condition
 * (low: stock ≤ threshold; out: stock ≤ 0), once, and re-armed when it leaves it. Products no
 * longer in the inventory are forgotten. A row whose stock cannot be read keeps its state.
 */
export function diffStock(
	snapshot: StockSnapshot,
	rows: IDataObject[],
): { changes: StockChange[]; alerted: string[] } {
	const changes: StockChange[] = [];
	const next: string[] = [];
	for (const row of rows) {
		if (row === null || typeof row !== 'object') continue;
		const id = recordId(row.p1_id);
		if (id === undefined) continue;
		if (snapshot.products.size > 0 && !snapshot.products.has(id)) continue;
		const key = compactKey(id);
		const stock = stockOf(row);
		if (stock === undefined) {
			if (snapshot.alerted.has(key)) next.push(key);
			continue;
		}
		if (!inAlert(snapshot.eventType, stock, snapshot.threshold)) continue;
		if (!snapshot.baseline && !snapshot.alerted.has(key)) {
			changes.push({ eventType: snapshot.eventType, id, stock, row });
		}
		next.push(key);
	}
	return { changes, alerted: next };
}
