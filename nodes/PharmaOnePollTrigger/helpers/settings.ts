import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Route } from '../../shared/routes';
import { ROUTES } from '../../shared/routes';
import { locatorValue, splitList } from '../../shared/values';
import type { RecordEventType, StatusChange } from './diff';
import type { PollEvent } from './events';
import {
	ORDER_EVENTS,
	POLL_EVENT_OPTIONS,
	STATUS_EVENTS,
	STOCK_EVENTS,
	orderEventItem,
	prescriptionEventItem,
} from './events';

/* The poll trigger's settings, read and checked once per poll, and the kinds of record it watches. */

export const DEFAULT_WATCH_DAYS = 90;

export interface Settings {
	event: PollEvent;
	shopId: string;
	newStatuses: string[];
	threshold: number;
	products: string[];
	/** Orders / prescriptions created in the last this many days are watched; undefined: all. */
	watchDays?: number;
}

/** Orders and prescriptions: the list route, its filters, the event types and the item shape. */
export interface RecordKind {
	label: 'orders' | 'prescriptions';
	route: Route;
	created: RecordEventType;
	statusChanged: RecordEventType;
	qs: (settings: Settings) => IDataObject;
	item: (change: StatusChange, detectedAt: string) => IDataObject;
}

const ORDERS: RecordKind = {
	label: 'orders',
	route: ROUTES.order.getAll,
	created: 'order_created',
	statusChanged: 'order_status_updated',
	qs: (settings) => (settings.shopId === '' ? {} : { shop_id: settings.shopId }),
	item: orderEventItem,
};

const PRESCRIPTIONS: RecordKind = {
	label: 'prescriptions',
	route: ROUTES.prescription.getAll,
	created: 'prescription_created',
	statusChanged: 'prescription_status_updated',
	qs: () => ({}),
	item: prescriptionEventItem,
};

/** The kind of record an event watches; undefined for stock events. */
export function recordKind(event: PollEvent): RecordKind | undefined {
	if (ORDER_EVENTS.includes(event)) return ORDERS;
	return STOCK_EVENTS.includes(event) ? undefined : PRESCRIPTIONS;
}

export function readSettings(context: IPollFunctions): Settings {
	const node = context.getNode();
	const event = context.getNodeParameter('event') as PollEvent;
	if (!POLL_EVENT_OPTIONS.some((option) => option.value === event)) {
		throw new NodeOperationError(node, `Unknown event "${String(event)}"`, {
			description: 'Choose one of the events in the Event list.',
		});
	}
	const threshold = event === 'low_stock' ? Number(context.getNodeParameter('threshold', 5)) : 0;
	if (!Number.isFinite(threshold)) {
		throw new NodeOperationError(node, 'Threshold must be a number', {
			description: 'Set Threshold to the stock level at or below which a product is reported, e.g. 5.',
		});
	}
	let watchDays: number | undefined;
	if (recordKind(event) !== undefined && context.getNodeParameter('watch', 'recent') !== 'all') {
		watchDays = Number(context.getNodeParameter('watchDays', DEFAULT_WATCH_DAYS));
		if (!Number.isInteger(watchDays) || watchDays < 1) {
			throw new NodeOperationError(node, `Days must be a whole number of at least 1, not "${String(watchDays)}"`, {
				description: `Set Days to how far back records are watched (default ${DEFAULT_WATCH_DAYS}), or set Watch to All.`,
			});
		}
	}
	return {
		event,
		shopId: ORDER_EVENTS.includes(event) ? locatorValue(context.getNodeParameter('shopId', '', { extractValue: true })) : '',
		newStatuses: STATUS_EVENTS.includes(event) ? splitList(context.getNodeParameter('newStatuses', '')) : [],
		threshold,
		products: STOCK_EVENTS.includes(event)
			? [...new Set(String(context.getNodeParameter('productIds', '') ?? '').split(',').map((id) => id.trim()).filter(Boolean))]
			: [],
		watchDays,
	};
}
