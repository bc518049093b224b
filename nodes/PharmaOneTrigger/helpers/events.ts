import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import { SIGNATURE_HEADER } from './signature';

/** The Events value that accepts every event, including ones PharmaOne adds later. */
export const ALL_EVENTS = '*';

const EVENT_HEADER = 'x-pharmaone-event';
export const DELIVERY_ID_HEADER = 'x-pharmaone-delivery-id';

/** How many delivery ids the trigger remembers to drop repeated deliveries. */
export const DELIVERY_MEMORY = 1000;

const STATIC_DATA_KEY = 'deliveryIds';

/** Every webhook event PharmaOne documents; custom names cover the rest. */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{ name: 'All Events', value: ALL_EVENTS, description: 'Every event the subscription sends, including new ones' },
	{ name: 'Low Stock', value: 'low_stock', description: 'A product fell below its stock alert level' },
	{ name: 'Order Created', value: 'order_created', description: 'A new order' },
	{ name: 'Order Deleted', value: 'order_deleted', description: 'An order was deleted' },
	{ name: 'Order Marked Paid', value: 'order_marked_paid', description: 'An order payment was marked paid' },
	{
		name: 'Order Status Updated',
		value: 'order_status_updated',
		description: 'Order status or flags changed, including through the external API',
	},
	{ name: 'Order Updated', value: 'order_updated', description: 'Order fields were updated' },
	{ name: 'Out of Stock', value: 'out_of_stock', description: 'A product ran out of stock' },
	{
		name: 'Paperless Signature Completed',
		value: 'paperless_signature_completed',
		description: 'A qualified electronic signature (QES) was completed',
	},
	{
		name: 'Prescription Approved',
		value: 'prescription_approved',
		description: 'A prescription was approved in the workflow',
	},
];

type HeaderValue = string | string[] | undefined;
export type Headers = Record<string, HeaderValue>;

/** The first non-empty value of a header (a repeated header arrives as an array). */
export function headerValue(headers: Headers, name: string): string | undefined {
	const raw = headers[name];
	const values = Array.isArray(raw) ? raw : [raw];
	for (const value of values) {
		if (typeof value === 'string' && value.trim() !== '') return value.trim();
	}
	return undefined;
}

/** The delivery's event: the body's `event_type`, else the `X-PharmaOne-Event` header. */
export function readEventType(body: IDataObject, headers: Headers): string | undefined {
	const fromBody = body.event_type;
	if (typeof fromBody === 'string' && fromBody.trim() !== '') return fromBody.trim();
	return headerValue(headers, EVENT_HEADER);
}

/**
 * Whether an event is among the selected ones. Names are compared case-insensitively; an
 * event without a name only passes when All Events is selected.
 */
export function isEventSelected(eventType: string | undefined, selected: string[]): boolean {
	const wanted = selected.map((name) => name.trim().toLowerCase());
	if (wanted.includes(ALL_EVENTS)) return true;
	return eventType !== undefined && wanted.includes(eventType.toLowerCase());
}

function metadataOf(body: IDataObject): IDataObject {
	const metadata = body.metadata;
	return metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
		? (metadata as IDataObject)
		: {};
}

/**
 * The "Only New Status" filter: applies to `order_status_updated` only, and passes when
 * `metadata.new_status` is one of the listed statuses (any status when the list is empty).
 */
export function passesStatusFilter(eventType: string | undefined, body: IDataObject, statuses: string[]): boolean {
	if (statuses.length === 0 || eventType?.toLowerCase() !== 'order_status_updated') return true;
	const newStatus = metadataOf(body).new_status;
	return typeof newStatus === 'string' && statuses.includes(newStatus.trim().toLowerCase());
}

/**
 * The order to fetch for "Fetch Full Order": order events (`order_…`) carrying
 * `metadata.order_id`. Not for `order_deleted`, whose order no longer exists.
 */
export function orderIdToFetch(eventType: string | undefined, body: IDataObject): string | undefined {
	const event = eventType?.toLowerCase() ?? '';
	if (!event.startsWith('order_') || event === 'order_deleted') return undefined;
	const orderId = metadataOf(body).order_id;
	if (typeof orderId === 'number' && Number.isFinite(orderId)) return String(orderId);
	return typeof orderId === 'string' && orderId.trim() !== '' ? orderId.trim() : undefined;
}

/** Headers for the output item: never the signature, nor credentials a proxy may have added. */
export function headersForOutput(headers: Headers): IDataObject {
	const hidden = new Set([SIGNATURE_HEADER, 'authorization', 'proxy-authorization', 'cookie']);
	const output: IDataObject = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value !== undefined && !hidden.has(name.toLowerCase())) output[name] = value;
	}
	return output;
}

export function rememberedIds(staticData: IDataObject): string[] {
	const ids = staticData[STATIC_DATA_KEY];
	return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/**
 * Remembers a delivery id, keeping only the most recent `DELIVERY_MEMORY` ids. The array is
 * replaced rather than mutated so n8n notices the change and saves the static data.
 */
export function rememberDelivery(staticData: IDataObject, deliveryId: string, limit = DELIVERY_MEMORY): void {
	const ids = rememberedIds(staticData).filter((id) => id !== deliveryId);
	ids.push(deliveryId);
	staticData[STATIC_DATA_KEY] = ids.slice(-limit);
}
