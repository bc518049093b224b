import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { PharmaOneClient } from '../../shared/client';
import { fetchRows } from '../../shared/pager';
import { ROUTES } from '../../shared/routes';
import type { StockEventType } from './diff';
import { RecordDiff, diffStock } from './diff';
import { passesNewStatus, stockEventItem } from './events';
import type { ListingResult } from './listing';
import { WATERMARK_OVERLAP_SECONDS, readListing } from './listing';
import { SeenMemory, boundedKeys, readKeys } from './memory';
import type { RecordKind, Settings } from './settings';
import type { PollState } from './state';
import { MAX_SEEN, STOCK_MEMORY } from './state';
import { daysBefore, laterTimestamp, secondsBefore, startOfDay } from './timestamps';

/* How each poll event reads PharmaOne and turns what changed into items. */

/** Share of n8n's poll budget a poll may spend paging before it stops and leaves the rest. */
const BUDGET_SHARE = 0.5;
const DEFAULT_BUDGET_MS = 5 * 60 * 1000;
const LOG_PREFIX = 'PharmaOne Poll Trigger:';

/** When this poll should stop fetching further pages (half of n8n's poll budget, where known). */
function pagingDeadline(context: IPollFunctions): number {
	// getPollBudgetMs exists from n8n 2.x on; older hosts get the default budget.
	const host = context as IPollFunctions & { getPollBudgetMs?: () => number };
	const budget = typeof host.getPollBudgetMs === 'function' ? host.getPollBudgetMs() : DEFAULT_BUDGET_MS;
	return Date.now() + (Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_BUDGET_MS) * BUDGET_SHARE;
}

/** The first creation day watched: the window's, or a later one set when the memory outgrew MAX_SEEN. */
function firstWatchedDay(settings: Settings, stored: PollState | undefined): { fromDay?: string; watchedFrom?: string } {
	const windowDay = settings.watchDays === undefined ? undefined : daysBefore(Date.now(), settings.watchDays);
	// A limit set when the memory outgrew MAX_SEEN holds until the window passes it.
	const limit = stored?.watchedFrom;
	const watchedFrom = limit !== undefined && (windowDay === undefined || limit > windowDay) ? limit : undefined;
	return { fromDay: watchedFrom ?? windowDay, watchedFrom };
}

/** Records where the listing ended: the watermark when it completed, where to go on when cut short. */
function recordProgress(stored: PollState | undefined, listing: ListingResult, baseline: boolean, next: PollState): boolean {
	const latest = laterTimestamp(stored?.resume?.latestUpdate, listing.latestUpdate);
	if (listing.end !== 'budget') {
		next.watermark = laterTimestamp(stored?.watermark, latest);
		return false;
	}
	next.watermark = stored?.watermark;
	next.resume = { offset: listing.resumeAt, latestUpdate: latest, baseline: baseline ? true : undefined };
	return true;
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
	stored: PollState | undefined,
	next: PollState,
): Promise<IDataObject[]> {
	const startOffset = stored?.resume?.offset ?? 0;
	const baseline = stored === undefined || stored.resume?.baseline === true;
	const memory = SeenMemory.fromJSON(stored?.seen);
	const { fromDay, watchedFrom } = firstWatchedDay(settings, stored);
	memory.forgetBefore(fromDay);

	const diff = new RecordDiff({ memory, baseline, fromDay, created: kind.created, statusChanged: kind.statusChanged });
	const watermark = baseline ? undefined : stored?.watermark;
	const listing = await readListing(client, {
		route: kind.route,
		qs: kind.qs(settings),
		startOffset,
		deadline: pagingDeadline(context),
		windowStart: fromDay === undefined ? undefined : startOfDay(fromDay),
		unchangedBefore: watermark === undefined ? undefined : secondsBefore(watermark, WATERMARK_OVERLAP_SECONDS),
		onRows: (rows) => diff.add(rows),
	});
	const { label } = kind;
	context.logger.debug(`${LOG_PREFIX} read ${listing.rows} ${label} in ${listing.requests} requests from offset ${startOffset} (end: ${listing.end})`);
	if (recordProgress(stored, listing, baseline, next)) {
		context.logger.warn(
			`${LOG_PREFIX} read ${listing.rows} ${label} before half of n8n's poll time was spent; the next check goes on from ${label} ${listing.resumeAt + 1} onwards, so changes further down the list are reported one check later. A shorter watched window (Days) makes each check complete.`,
		);
	}

	const remembered = memory.size;
	const cut = memory.trimTo(MAX_SEEN);
	next.watchedFrom = cut ?? watchedFrom;
	if (cut !== undefined) {
		context.logger.warn(
			`${LOG_PREFIX} the watched window holds ${remembered} ${label}, more than the ${MAX_SEEN} this trigger remembers; from now on only ${label} created on or after ${cut} are watched. Choose fewer Days (or a Shop) to watch a window that fits.`,
		);
	}
	if (diff.undated > 0) context.logger.warn(`${LOG_PREFIX} ${diff.undated} ${label} without a readable created_at are not watched.`);
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
	stored: PollState | undefined,
	next: PollState,
): Promise<IDataObject[]> {
	const rows = await fetchRows(client, ROUTES.inventory.getAll, { returnAll: true, limit: 0 });
	const { changes, alerted } = diffStock(
		{
			alerted: new Set(readKeys(stored?.inAlert)),
			baseline: stored === undefined,
			eventType: settings.event as StockEventType,
			threshold: settings.threshold,
			products: new Set(settings.products),
			incomplete: stored?.tooManyAlerts === true,
		},
		rows,
	);
	next.inAlert = boundedKeys(alerted, STOCK_MEMORY);
	if (alerted.length > STOCK_MEMORY) {
		next.tooManyAlerts = true;
		context.logger.warn(
			`${LOG_PREFIX} ${alerted.length} products are in alert, more than the ${STOCK_MEMORY} this trigger remembers; products newly in alert are not reported until fewer are. Use Product IDs or a lower Threshold.`,
		);
	}
	const detectedAt = new Date().toISOString();
	return changes.map((change) => stockEventItem(change, settings.threshold, detectedAt));
}
