import type { IDataObject } from 'n8n-workflow';

import type { SeenMemory } from './memory';
import { compactKey } from './memory';
import { compareTimestamps, dayKey } from './timestamps';

/**
 * Pure comparison for the poll trigger: given what the trigger remembers and the rows one poll
 * read, say what changed and update the memory. No I/O, no clock.
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
	/** null for a new record. */
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

export interface RecordSnapshot {
	memory: SeenMemory;
	/** True while recording a baseline: remember everything, report nothing. */
	baseline: boolean;
	/** First creation day watched; undefined when every record is watched. */
	fromDay?: string;
	/** The event types of this kind of record. */
	created: RecordEventType;
	statusChanged: RecordEventType;
}

/**
 * Compares rows with the remembered records, page by page. A record is new when its id was never
 * seen in the window (whatever its timestamps say); a remembered record whose status differs
 * changed. Rows created before the window (or without a readable `created_at`) are not watched,
 * and counted. A record changed and changed back between two polls looks unchanged.
 */
export class RecordDiff {
	readonly changes: StatusChange[] = [];

	/** Rows not watched because they were created before the window. */
	outside = 0;

	/** Rows not watched because their `created_at` is unreadable. */
	undated = 0;

	constructor(private readonly snapshot: RecordSnapshot) {}

	add(rows: IDataObject[]): void {
		const { memory, baseline, fromDay } = this.snapshot;
		for (const row of rows) {
			const id = recordId(row.id);
			if (id === undefined) continue;
			const day = dayKey(row.created_at);
			if (day === undefined) {
				this.undated++;
				continue;
			}
			if (fromDay !== undefined && day < fromDay) {
				this.outside++;
				continue;
			}
			const status = statusOf(row.status);
			const known = memory.get(id);
			// A baseline records every row and reports none.
			if (!baseline && known === undefined) {
				this.changes.push({ eventType: this.snapshot.created, id, oldStatus: null, newStatus: status, row });
			} else if (!baseline && memory.differs(id, status)) {
				this.changes.push({ eventType: this.snapshot.statusChanged, id, oldStatus: known ?? null, newStatus: status, row });
			}
			memory.set(id, day, status);
		}
	}

	/** The changes, oldest first (by `updated_at`, else `created_at`; list order reversed on ties). */
	ordered(): StatusChange[] {
		const at = (change: StatusChange) => change.row.updated_at ?? change.row.created_at;
		return [...this.changes].reverse().sort((a, b) => compareTimestamps(at(a), at(b)) ?? 0);
	}
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
	/** The remembered alerts were cut at the limit: an unremembered product in alert is not reported. */
	incomplete: boolean;
}

/** Whether a stock level is in alert for the event. */
export function inAlert(eventType: StockEventType, stock: number, threshold: number): boolean {
	return eventType === 'out_of_stock' ? stock <= 0 : stock <= threshold;
}

/**
 * Edge-triggered stock alerts: a product is reported when it enters the alert condition
 * (low: stock ≤ threshold; out: stock ≤ 0), once, and re-armed when it leaves it. A product that
 * leaves and re-enters it between two polls looks unchanged. Products no longer in the inventory
 * are forgotten. A row whose stock cannot be read keeps its state.
 */
export function diffStock(
	snapshot: StockSnapshot,
	rows: IDataObject[],
): { changes: StockChange[]; alerted: string[] } {
	const changes: StockChange[] = [];
	const next: string[] = [];
	for (const row of rows) {
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
		if (!snapshot.baseline && !snapshot.incomplete && !snapshot.alerted.has(key)) {
			changes.push({ eventType: snapshot.eventType, id, stock, row });
		}
		next.push(key);
	}
	return { changes, alerted: next };
}
