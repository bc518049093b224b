import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PharmaOneClient } from '../../shared/client';
import { fetchRows } from '../../shared/pager';
import type { Route } from '../../shared/routes';
import { ROUTES } from '../../shared/routes';
import { locatorValue, splitList } from '../../shared/values';
import type { RecordEventType, StatusChange, StockEventType } from './diff';
import { RecordDiff, diffStock } from './diff';
import type { PollEvent } from './events';
import {
	ORDER_EVENTS,
	POLL_EVENT_OPTIONS,
	STATUS_EVENTS,
	STOCK_EVENTS,
	orderEventItem,
	passesNewStatus,
	prescriptionEventItem,
	stockEventItem,
} from './events';
import { WATERMARK_OVERLAP_SECONDS, readListing } from './listing';
import { SeenMemory, boundedKeys, readKeys } from './memory';
import type { LoadedState, StoredState } from './state';
import { MAX_SEEN, STOCK_MEMORY } from './state';
import { daysBefore, laterTimestamp, secondsBefore, startOfDay } from './timestamps';

/* How each poll event reads PharmaOne and turns what changed into items. */

export const DEFAULT_WATCH_DAYS = 90;
/** Share of n8n's poll budget a poll may spend paging before it stops and leaves the rest. */
const BUDGET_SHARE = 0.5;
const DEFAULT_BUDGET_MS = 5 * 60 * 1000;
const LOG_PREFIX = 'PharmaOne Poll Trigger:';

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

/** When this poll should stop fetching further pages (half of n8n's poll budget, where known). */
function pagingDeadline(context: IPollFunctions): number {
	// getPollBudgetMs exists from n8n 2.x on; older hosts get the default budget.
	const host = context as IPollFunctions & { getPollBudgetMs?: () => number };
	const budget = typeof host.getPollBudgetMs === 'function' ? host.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	return Date.now() + (Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_BUDGET_MS) * BUDGET_SHARE;
}

/**
 * Orders and prescriptions: reads the watched window (see listing.ts for when reading stops),
 * reports unseen ids as new and changed statuses, and remembers what it read.
 */
export async function pollRecords(
	context: IPollFunctions,
	client: PharmaOneClient,
	settings: Settings,
	kind: RecordKind,
	loaded: LoadedState,
	next: StoredState,
): Promise<IDataObject[]> {
	const { stored, legacy } = loaded;
	const resume = stored?.scan;
	const baseline = stored === undefined || resume?.base === true;
	const memory = SeenMemory.fromJSON(stored?.seen);
	const windowDay = settings.watchDays === undefined ? undefined : daysBefore(Date.now(), settings.watchDays);
	// A floor set when the memory outgrew its limit holds until the window passes it.
	const floor = stored?.floor !== undefined && (windowDay === undefined || stored.floor > windowDay) ? stored.floor : undefined;
	const fromDay = floor ?? windowDay;
	memory.forgetBefore(fromDay);

	const diff = new RecordDiff({ memory, baseline, fromDay, created: kind.created, statusChanged: kind.statusChanged, legacy: legacy?.statuses });
	const watermark = baseline ? undefined : stored?.wm;
	const listing = await readListing(client, {
		route: kind.route,
		qs: kind.qs(settings),
		startOffset: resume?.o ?? 0,
		deadline: pagingDeadline(context),
		windowStart: fromDay === undefined ? undefined : startOfDay(fromDay),
		unchangedBefore: watermark === undefined ? undefined : secondsBefore(watermark, WATERMARK_OVERLAP_SECONDS),
		onRows: (rows) => diff.add(rows),
	});
	diff.finishLegacy();
	context.logger.debug(
		`${LOG_PREFIX} read ${listing.rows} ${kind.label} in ${listing.requests} requests from offset ${resume?.o ?? 0} (end: ${listing.end})`,
	);

	const latest = laterTimestamp(resume?.wm, listing.latestUpdate);
	if (listing.end === 'budget') {
		next.wm = stored?.wm;
		next.scan = { o: listing.resumeAt, wm: latest, base: baseline ? true : undefined };
		context.logger.warn(
			`${LOG_PREFIX} read ${listing.rows} ${kind.label} before half of n8n's poll time was spent; the next check goes on from ${kind.label} ${listing.resumeAt + 1} onwards, so changes further down the list are reported one check later. A shorter watched window (Days) makes each check complete.`,
		);
	} else {
		next.wm = laterTimestamp(stored?.wm, latest);
	}
	const remembered = memory.size;
	const cut = memory.trimTo(MAX_SEEN);
	next.floor = cut ?? floor;
	if (cut !== undefined) {
		context.logger.warn(
			`${LOG_PREFIX} the watched window holds ${remembered} ${kind.label}, more than the ${MAX_SEEN} this trigger remembers; from now on only ${kind.label} created on or after ${cut} are watched. Choose fewer Days (or a Shop) to watch a window that fits.`,
		);
	}
	if (diff.undated > 0) {
		context.logger.warn(`${LOG_PREFIX} ${diff.undated} ${kind.label} without a readable created_at are not watched.`);
	}
	next.seen = memory.toJSON();

	const detectedAt = new Date().toISOString();
	return diff
		.ordered()
		.filter((change) => change.eventType === settings.event && passesNewStatus(change, settings.newStatuses))
		.map((change) => kind.item(change, detectedAt));
}

export async function pollStock(
	context: IPollFunctions,
	client: PharmaOneClient,
	settings: Settings,
	stored: StoredState | undefined,
	next: StoredState,
): Promise<IDataObject[]> {
	const rows = await fetchRows(client, ROUTES.inventory.getAll, { returnAll: true, limit: 0 });
	const { changes, alerted } = diffStock(
		{
			alerted: new Set(readKeys(stored?.alert)),
			baseline: stored === undefined,
			eventType: settings.event as StockEventType,
			threshold: settings.threshold,
			products: new Set(settings.products),
			incomplete: stored?.over === true,
		},
		rows,
	);
	next.alert = boundedKeys(alerted, STOCK_MEMORY);
	if (alerted.length > STOCK_MEMORY) {
		next.over = true;
		context.logger.warn(
			`${LOG_PREFIX} ${alerted.length} products are in alert, more than the ${STOCK_MEMORY} this trigger remembers; products newly in alert are not reported until fewer are. Use Product IDs or a lower Threshold.`,
		);
	}
	const detectedAt = new Date().toISOString();
	return changes.map((change) => stockEventItem(change, settings.threshold, detectedAt));
}
