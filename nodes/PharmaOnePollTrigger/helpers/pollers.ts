import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PharmaOneClient } from '../../shared/client';
import { fetchRows, pages, readRows } from '../../shared/pager';
import { ROUTES } from '../../shared/routes';
import { locatorValue, splitList } from '../../shared/values';
import type { StatusChange, StockEventType } from './diff';
import { diffOrders, diffPrescriptions, diffStock, inAlert, isOlderThan, recordId, statusOf, stockOf } from './diff';
import type { PollEvent } from './events';
import {
	ORDER_EVENTS,
	POLL_EVENT_OPTIONS,
	PRESCRIPTION_EVENTS,
	STATUS_EVENTS,
	STOCK_EVENTS,
	orderEventItem,
	passesNewStatus,
	prescriptionEventItem,
	stockEventItem,
} from './events';
import { StatusMemory, boundedKeys, readKeys } from './memory';
import type { StoredState } from './state';
import { ORDER_MEMORY, PRESCRIPTION_MEMORY, STOCK_MEMORY } from './state';
import { earlierTimestamp } from './timestamps';

/* How each poll event reads PharmaOne and turns what changed into items. */

export const DEFAULT_MAX_RECORDS = 1000;
/** Share of n8n's poll budget a poll may spend paging before it stops and leaves the rest. */
const BUDGET_SHARE = 0.5;
const DEFAULT_BUDGET_MS = 5 * 60 * 1000;

export interface Settings {
	event: PollEvent;
	shopId: string;
	newStatuses: string[];
	threshold: number;
	products: string[];
	maxRecords: number;
}

export function readSettings(context: IPollFunctions): Settings {
	const event = context.getNodeParameter('event') as PollEvent;
	if (!POLL_EVENT_OPTIONS.some((option) => option.value === event)) {
		throw new NodeOperationError(context.getNode(), `Unknown event "${String(event)}"`, {
			description: 'Choose one of the events in the Event list.',
		});
	}
	const isOrder = ORDER_EVENTS.includes(event);
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const maxRecords = Math.floor(Number(options.maxRecords ?? DEFAULT_MAX_RECORDS));
	const threshold = event === 'low_stock' ? Number(context.getNodeParameter('threshold', 5)) : 0;
	if (!Number.isFinite(threshold)) {
		throw new NodeOperationError(context.getNode(), 'Threshold must be a number', {
			description: 'Set Threshold to the stock level at or below which a product is reported, e.g. 5.',
		});
	}
	return {
		event,
		shopId: isOrder ? locatorValue(context.getNodeParameter('shopId', '', { extractValue: true })) : '',
		newStatuses: STATUS_EVENTS.includes(event) ? splitList(context.getNodeParameter('newStatuses', '')) : [],
		threshold,
		products: STOCK_EVENTS.includes(event)
			? [...new Set(String(context.getNodeParameter('productIds', '') ?? '').split(',').map((id) => id.trim()).filter(Boolean))]
			: [],
		maxRecords: Number.isFinite(maxRecords) && maxRecords >= 1 ? maxRecords : DEFAULT_MAX_RECORDS,
	};
}

/** When this poll should stop fetching further pages (half of n8n's poll budget, where known). */
function pagingDeadline(context: IPollFunctions): number {
	// getPollBudgetMs exists from n8n 2.x on; older hosts get the default budget.
	const host = context as IPollFunctions & { getPollBudgetMs?: () => number };
	const budget = typeof host.getPollBudgetMs === 'function' ? host.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	return Date.now() + (Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_BUDGET_MS) * BUDGET_SHARE;
}

/**
 * Pages `GET /orders` (newest `updated_at` first) until a page reaches rows older than the
 * watermark, the list ends, Max Records rows were read, or the poll budget is half spent.
 */
async function fetchRecentOrders(
	context: IPollFunctions,
	client: PharmaOneClient,
	settings: Settings,
	watermark: string | undefined,
	baseline: boolean,
): Promise<{ rows: IDataObject[]; complete: boolean }> {
	const rows: IDataObject[] = [];
	const deadline = pagingDeadline(context);
	const qs: IDataObject = settings.shopId === '' ? {} : { shop_id: settings.shopId };
	for await (const page of pages(client, ROUTES.order.getAll, { qs, maxRows: settings.maxRecords })) {
		rows.push(...page.rows);
		if (!baseline && watermark !== undefined && page.rows.some((row) => isOlderThan(row, watermark))) {
			return { rows, complete: true };
		}
		if (Date.now() >= deadline) return { rows, complete: false };
	}
	return { rows, complete: rows.length < settings.maxRecords };
}

export async function pollOrders(
	context: IPollFunctions,
	client: PharmaOneClient,
	settings: Settings,
	stored: StoredState | undefined,
	next: StoredState,
): Promise<IDataObject[]> {
	const baseline = stored === undefined;
	const memory = StatusMemory.fromJSON(stored?.mem, ORDER_MEMORY);
	const watermark = typeof stored?.wm === 'string' ? stored.wm : undefined;
	const { rows, complete } = await fetchRecentOrders(context, client, settings, watermark, baseline);
	const result = diffOrders({ memory, watermark, baseline }, rows);
	if (!complete && !baseline) {
		context.logger.warn(
			`PharmaOne Poll Trigger: stopped after ${rows.length} orders (Max Records or the poll time budget) before reaching the orders seen last time; changes to older orders since the last poll are not reported. Raise "Max Records per Poll" or poll more often.`,
		);
	}
	next.wm = result.watermark;
	next.mem = memory.toJSON();
	const detectedAt = new Date().toISOString();
	return result.changes
		.filter((change) => change.eventType === settings.event && passesNewStatus(change, settings.newStatuses))
		.map((change) => orderEventItem(change, detectedAt));
}

export async function pollPrescriptions(
	client: PharmaOneClient,
	settings: Settings,
	stored: StoredState | undefined,
	next: StoredState,
): Promise<IDataObject[]> {
	const baseline = stored === undefined;
	const memory = StatusMemory.fromJSON(stored?.mem, PRESCRIPTION_MEMORY);
	// The window never exceeds the memory, so an unknown id inside it is a new prescription.
	const window = Math.min(settings.maxRecords, PRESCRIPTION_MEMORY);
	const rows = await fetchRows(client, ROUTES.prescription.getAll, {
		returnAll: false,
		limit: window,
	});
	const floor = typeof stored?.floor === 'string' ? stored.floor : undefined;
	const changes = diffPrescriptions({ memory, floor, baseline }, rows);
	next.mem = memory.toJSON();
	next.floor =
		rows.length >= window ? rows.reduce<string | undefined>((oldest, row) => earlierTimestamp(oldest, row.created_at), undefined) : undefined;
	const detectedAt = new Date().toISOString();
	return changes
		.filter((change) => change.eventType === settings.event && passesNewStatus(change, settings.newStatuses))
		.map((change) => prescriptionEventItem(change, detectedAt));
}

export async function pollStock(
	client: PharmaOneClient,
	settings: Settings,
	stored: StoredState | undefined,
	next: StoredState,
): Promise<IDataObject[]> {
	const rows = readRows(await client.request(ROUTES.inventory.getAll));
	const { changes, alerted } = diffStock(
		{
			alerted: new Set(readKeys(stored?.alert)),
			baseline: stored === undefined,
			eventType: settings.event as StockEventType,
			threshold: settings.threshold,
			products: new Set(settings.products),
		},
		rows,
	);
	next.alert = boundedKeys(alerted, STOCK_MEMORY);
	const detectedAt = new Date().toISOString();
	return changes.map((change) => stockEventItem(change, settings.threshold, detectedAt));
}

/** "Fetch Test Event": one real recent record, shaped like an event, without touching the state. */
/** A record shown as a change with an unknown previous status (the test event). */
function sampleChange(settings: Settings, row: IDataObject): StatusChange {
	return {
		eventType: settings.event as StatusChange['eventType'],
		id: recordId(row.id) ?? '',
		oldStatus: null,
		newStatus: statusOf(row.status),
		row,
	};
}

export async function sampleEvent(context: IPollFunctions, client: PharmaOneClient, settings: Settings): Promise<IDataObject> {
	const detectedAt = new Date().toISOString();
	const none = (what: string, hint: string) =>
		new NodeOperationError(context.getNode(), `PharmaOne returned no ${what} to show as a test event`, {
			description: hint,
		});

	if (ORDER_EVENTS.includes(settings.event)) {
		const qs: IDataObject = { limit: 1, offset: 0 };
		if (settings.shopId !== '') qs.shop_id = settings.shopId;
		const row = readRows(await client.request(ROUTES.order.getAll, { qs }))[0];
		if (row === undefined) throw none('orders', 'Create an order in PharmaOne (or clear the Shop filter) and fetch again.');
		return orderEventItem(sampleChange(settings, row), detectedAt);
	}

	if (PRESCRIPTION_EVENTS.includes(settings.event)) {
		const row = readRows(
			await client.request(ROUTES.prescription.getAll, { qs: { limit: 1, offset: 0 } }),
		)[0];
		if (row === undefined) throw none('prescriptions', 'Create a prescription in PharmaOne and fetch again.');
		return prescriptionEventItem(sampleChange(settings, row), detectedAt);
	}

	const eventType = settings.event as StockEventType;
	const products = new Set(settings.products);
	const rows = readRows(await client.request(ROUTES.inventory.getAll)).filter((row) => {
		const id = recordId(row.p1_id);
		return id !== undefined && (products.size === 0 || products.has(id));
	});
	const row =
		rows.find((candidate) => {
			const stock = stockOf(candidate);
			return stock !== undefined && inAlert(eventType, stock, settings.threshold);
		}) ?? rows[0];
	if (row === undefined) {
		throw none('inventory rows', 'Add products to the organization inventory (or check the Product IDs filter) and fetch again.');
	}
	return stockEventItem(
		{ eventType, id: recordId(row.p1_id) ?? '', stock: stockOf(row) ?? 0, row },
		settings.threshold,
		detectedAt,
	);
}

