import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { StatusChange, StockChange } from './diff';

/** The Event parameter's values are the `event_type` of the items the trigger emits. */
export type PollEvent =
	| 'order_created'
	| 'order_status_updated'
	| 'prescription_created'
	| 'prescription_status_updated'
	| 'low_stock'
	| 'out_of_stock';

export const ORDER_EVENTS: PollEvent[] = ['order_created', 'order_status_updated'];
export const PRESCRIPTION_EVENTS: PollEvent[] = ['prescription_created', 'prescription_status_updated'];
export const STOCK_EVENTS: PollEvent[] = ['low_stock', 'out_of_stock'];
export const STATUS_EVENTS: PollEvent[] = ['order_status_updated', 'prescription_status_updated'];

export const POLL_EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'New Order',
		value: 'order_created',
		description: 'An order appeared in PharmaOne (emits "order_created")',
	},
	{
		name: 'New Prescription',
		value: 'prescription_created',
		description: 'A prescription appeared among the most recent ones (emits "prescription_created")',
	},
	{
		name: 'Order Status Changed',
		value: 'order_status_updated',
		description: 'An order got another status, e.g. ready_pickup (emits "order_status_updated")',
	},
	{
		name: 'Out of Stock',
		value: 'out_of_stock',
		description: 'A product in the organization inventory reached 0 (emits "out_of_stock")',
	},
	{
		name: 'Prescription Status Changed',
		value: 'prescription_status_updated',
		description: 'A recent prescription got another status, e.g. approved (emits "prescription_status_updated")',
	},
	{
		name: 'Stock Below Threshold',
		value: 'low_stock',
		description: 'A product\'s stock fell to the threshold or lower (emits "low_stock")',
	},
];

/**
 * An order event, shaped like the PharmaOne Trigger's webhook items (`event_type`,
 * `metadata.order_id/old_status/new_status`) plus the order row as `order`, so a workflow can
 * switch between the two triggers without rewiring.
 */
export function orderEventItem(change: StatusChange, detectedAt: string): IDataObject {
	return {
		event_type: change.eventType,
		metadata: { order_id: change.id, old_status: change.oldStatus, new_status: change.newStatus },
		order: change.row,
		detected_at: detectedAt,
	};
}

export function prescriptionEventItem(change: StatusChange, detectedAt: string): IDataObject {
	const orderId = change.row.order_id;
	return {
		event_type: change.eventType,
		metadata: {
			prescription_id: change.id,
			order_id: typeof orderId === 'string' || typeof orderId === 'number' ? orderId : null,
			old_status: change.oldStatus,
			new_status: change.newStatus,
		},
		prescription: change.row,
		detected_at: detectedAt,
	};
}

/** Stock events carry the metadata keys the PharmaOne webhooks use for low_stock / out_of_stock. */
export function stockEventItem(change: StockChange, threshold: number, detectedAt: string): IDataObject {
	const metadata: IDataObject = {
		p1_id: change.row.p1_id ?? change.id,
		name: change.row.name ?? null,
		stock_quantity: change.stock,
	};
	if (change.eventType === 'low_stock') metadata.threshold = threshold;
	return { event_type: change.eventType, metadata, product: change.row, detected_at: detectedAt };
}

/** Whether a status change passes the "Only New Statuses" filter (case-insensitive; empty = all). */
export function passesNewStatus(change: StatusChange, statuses: string[]): boolean {
	if (statuses.length === 0 || !STATUS_EVENTS.includes(change.eventType)) return true;
	return statuses.includes(change.newStatus.toLowerCase());
}
