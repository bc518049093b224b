import type { IDataObject } from 'n8n-workflow';

import type { PharmaOneClient } from '../../shared/client';
import { pages } from '../../shared/pager';
import type { Route } from '../../shared/routes';
import type { Instant } from './timestamps';
import { compareInstants, isBefore, parseInstant } from './timestamps';

/**
 * Reading a list route (`GET /orders`, `GET /prescriptions`) for the poll trigger.
 *
 * PharmaOne documents no sort order for its lists. The trigger reads every page of the watched
 * window, and stops earlier only when the rows it has read prove that stopping is safe. It knows
 * two plausible orders, newest first by `updated_at` and newest first by `created_at`; the rows
 * read so far are consistent with one, both or neither. Stopping after a page is allowed only
 * when it is safe under every order the rows are consistent with:
 * - end of the window: the rest of the list was created before the window starts. Safe when the
 *   last row was created (newest-created order) and last updated (newest-updated order: a record
 *   is created before it is updated) before the window start;
 * - the watermark: the rest of the list has not changed since the last complete listing. Safe only
 *   in the newest-updated order, so only when the rows already contradict the newest-created one
 *   (a row created after the row before it), and the last row was updated before the watermark
 *   minus WATERMARK_OVERLAP_SECONDS.
 * Rows consistent with neither order mean the whole list is read; so do rows without `updated_at`
 * (prescriptions): they may be sorted by an update time the list does not show, and nothing then
 * proves where the window ends. A listing that n8n's poll time budget cuts short is continued by
 * the next poll.
 */

/**
 * How far before the watermark reading goes on: a change saved with a timestamp slightly older
 * than one already read (clock steps, slow commits) is still read. Re-reading costs nothing more
 * than the rows: an unchanged status is not reported twice.
 */
export const WATERMARK_OVERLAP_SECONDS = 120;
/** Rows re-read when a listing goes on at an offset, in case rows moved up meanwhile. */
export const RESUME_OVERLAP_ROWS = 20;

/** Which newest-first orders the rows read so far are consistent with. */
export class ListOrderEvidence {
	byUpdate = true;

	byCreate = true;

	private lastUpdate: Instant | undefined;

	private lastCreate: Instant | undefined;

	/** The latest `updated_at` seen, as read. */
	latestUpdate: string | undefined;

	private latest: Instant | undefined;

	/**
	 * Only a timestamp later than the one before contradicts an order. A missing one contradicts
	 * nothing: a list may be sorted by a time it does not show (prescriptions show no
	 * `updated_at`), and then no stop is proven, since the last row's timestamp is unreadable.
	 */
	see(row: IDataObject): void {
		const updated = parseInstant(row.updated_at);
		const created = parseInstant(row.created_at);
		if (updated !== undefined) {
			if (this.lastUpdate && compareInstants(updated, this.lastUpdate) > 0) this.byUpdate = false;
			if (this.latest === undefined || compareInstants(updated, this.latest) > 0) {
				this.latest = updated;
				this.latestUpdate = String(row.updated_at);
			}
			this.lastUpdate = updated;
		}
		if (created !== undefined) {
			if (this.lastCreate && compareInstants(created, this.lastCreate) > 0) this.byCreate = false;
			this.lastCreate = created;
		}
	}
}

export interface StopLimits {
	/** First instant of the watched window; undefined when everything is watched. */
	windowStart?: string;
	/** Watermark minus the overlap; undefined on a baseline. */
	unchangedBefore?: string;
}

/** Why reading may stop after `last`, or undefined when the rows do not prove it safe. */
export function provenStop(evidence: ListOrderEvidence, last: IDataObject, limits: StopLimits): 'window' | 'watermark' | undefined {
	if (!evidence.byUpdate && !evidence.byCreate) return undefined;
	const { windowStart, unchangedBefore } = limits;
	if (
		windowStart !== undefined &&
		(!evidence.byUpdate || isBefore(last.updated_at, windowStart)) &&
		(!evidence.byCreate || isBefore(last.created_at, windowStart))
	) {
		return 'window';
	}
	if (unchangedBefore !== undefined && evidence.byUpdate && !evidence.byCreate && isBefore(last.updated_at, unchangedBefore)) {
		return 'watermark';
	}
	return undefined;
}

export interface ListingRequest extends StopLimits {
	route: Route;
	qs: IDataObject;
	startOffset: number;
	/** Epoch milliseconds after which no further page is requested. */
	deadline: number;
	/** Called with each page's rows, in list order. */
	onRows: (rows: IDataObject[]) => void;
}

export interface ListingResult {
	/** `list`: the list ended; `window` / `watermark`: proven safe to stop; `budget`: cut short. */
	end: 'list' | 'window' | 'watermark' | 'budget';
	/** Where a listing cut short goes on. */
	resumeAt: number;
	requests: number;
	rows: number;
	/** Latest `updated_at` read. */
	latestUpdate?: string;
}

export async function readListing(client: PharmaOneClient, request: ListingRequest): Promise<ListingResult> {
	const evidence = new ListOrderEvidence();
	const result: ListingResult = { end: 'list', resumeAt: 0, requests: 0, rows: 0 };
	const pageSize = request.route.maxPageSize ?? 50;
	for await (const page of pages(client, request.route, { qs: request.qs, startOffset: request.startOffset, pageSize })) {
		result.requests++;
		result.rows += page.rows.length;
		for (const row of page.rows) evidence.see(row);
		result.latestUpdate = evidence.latestUpdate;
		request.onRows(page.rows);
		const last = page.rows[page.rows.length - 1];
		const stop = last === undefined ? undefined : provenStop(evidence, last, request);
		if (stop !== undefined) {
			result.end = stop;
			break;
		}
		// A short page is the last one: the listing is complete, however late it is.
		if (Date.now() >= request.deadline && page.rows.length >= pageSize) {
			result.end = 'budget';
			result.resumeAt = Math.max(0, page.offset + page.rows.length - RESUME_OVERLAP_ROWS);
			break;
		}
	}
	return result;
}
