import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PharmaOneClient } from '../../../shared/client';
import { certainlyNotApplied } from '../../../shared/errors';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import { sendAdjust } from './adjust.operation';

/**
 * What Set Stock Level knows about stock levels while it runs.
 *
 * Per execution (one PharmaOneClient each, see router.ts): the organization inventory, read once with
 * GET /inventory and shared by every item. Per n8n process: every adjustment Set Stock Level sends,
 * stamped on one logical clock with the moments it was sent and answered, and every inventory read
 * stamped with the moments it was sent and answered. Adjustments of one product are sent one at a time
 * (the caller holds a per-product lock), so when an item computes its difference, the level of its
 * product is the row of the read plus the adjustments the read certainly missed: those sent after the
 * read was answered, and applied. An adjustment that may or may not be in the read (sent while the read
 * was in flight, or failed with an unknown outcome) makes the read stale for that product, and the item
 * reads the inventory again instead of sending a difference computed from it.
 */

let clock = 0;
const tick = () => ++clock;

interface Touch {
	sent: number;
	done?: number;
	/** Applied (true), certainly not applied (deltas set to 0, true), or unknown (false). */
	ok?: boolean;
	delta_on_hand: number;
	delta_incoming: number;
}

/** Adjustments kept per product, and products kept; anything older is forgotten (and forces a new read). */
const KEEP_PER_PRODUCT = 32;
const KEEP_PRODUCTS = 20000;
const touches = new Map<string, Touch[]>();
/** Every adjustment answered at or before this moment may have been forgotten. */
let forgotten = 0;

const forget = (touch: Touch) => (forgotten = Math.max(forgotten, touch.done ?? clock));

function remember(key: string, touch: Touch) {
	const list = touches.get(key) ?? [];
	touches.delete(key);
	touches.set(key, list);
	list.push(touch);
	while (list.length > KEEP_PER_PRODUCT) forget(list.shift() as Touch);
	for (const [oldest, entries] of touches) {
		if (touches.size <= KEEP_PRODUCTS) break;
		entries.forEach(forget);
		touches.delete(oldest);
	}
}

export interface Snapshot {
	start: number;
	end: number;
	rows: Map<string, IDataObject>;
}

interface Read {
	start: number;
	snapshot: Promise<Snapshot>;
}

interface RunState {
	latest?: Read;
	total: number;
	done: number;
	adjusted: number;
}

const runs = new WeakMap<PharmaOneClient, RunState>();

function read(client: PharmaOneClient, i: number): Read {
	const start = tick();
	const snapshot = fetchRows(client, ROUTES.inventory.getAll, { returnAll: true, limit: 0, itemIndex: i }).then((rows) => ({
		start,
		end: tick(),
		rows: new Map(rows.map((row) => [String(row.p1_id), row])),
	}));
	snapshot.catch(() => undefined); // items that need it get the error; none may be waiting yet
	return { start, snapshot };
}

function runOf(ctx: IExecuteFunctions, client: PharmaOneClient): RunState {
	let run = runs.get(client);
	if (!run) {
		run = { total: ctx.getInputData().length, done: 0, adjusted: 0 };
		runs.set(client, run);
	}
	return run;
}

/** The changes the read certainly missed, or undefined when it may or may not contain one of them. */
function missed(snapshot: Snapshot, key: string) {
	if (forgotten >= snapshot.start) return undefined;
	const changes = { on_hand: 0, incoming: 0, entries: 0 };
	for (const touch of touches.get(key) ?? []) {
		if (touch.done !== undefined && touch.done < snapshot.start) continue;
		if (!touch.ok || touch.done === undefined || touch.sent < snapshot.end) return undefined;
		changes.on_hand += touch.delta_on_hand;
		changes.incoming += touch.delta_incoming;
		if (touch.delta_on_hand !== 0 || touch.delta_incoming !== 0) changes.entries++;
	}
	return changes;
}

export interface Current {
	row?: IDataObject;
	/** Changes this process made since the read (on hand, incoming, log entries). */
	since: { on_hand: number; incoming: number; entries: number };
	/** Whether the first read was stale for this product, so the inventory was read again. */
	readAgain: boolean;
}

/**
 * The inventory row of `p1Id` as of now, as far as this process can tell. Call it holding the
 * product's lock (`key`), so no adjustment of this product by this process is in flight.
 */
export async function currentRow(ctx: IExecuteFunctions, client: PharmaOneClient, key: string, p1Id: string, i: number): Promise<Current> {
	const run = runOf(ctx, client);
	const first = run.latest ?? read(client, i);
	run.latest = first;
	let snapshot = await first.snapshot;
	let since = missed(snapshot, key);
	if (since) return { row: snapshot.rows.get(p1Id), since, readAgain: false };
	const lastDone = Math.max(forgotten, ...(touches.get(key) ?? []).map((touch) => touch.done ?? clock));
	const latest = run.latest && run.latest.start > lastDone ? run.latest : read(client, i);
	run.latest = latest;
	snapshot = await latest.snapshot;
	since = missed(snapshot, key) ?? { on_hand: 0, incoming: 0, entries: 0 };
	return { row: snapshot.rows.get(p1Id), since, readAgain: true };
}

/** POST /inventory/adjust, recorded on the process clock for the reads of other items and executions. */
export async function adjustRecorded(
	client: PharmaOneClient,
	key: string,
	body: IDataObject,
	deltas: { delta_on_hand: number; delta_incoming: number },
	i: number,
): Promise<IDataObject> {
	const touch: Touch = { sent: tick(), ...deltas };
	remember(key, touch);
	// The outcome is recorded before the caller goes on (and releases the product's lock).
	return await sendAdjust(client, body, i).then(
		(answer) => {
			Object.assign(touch, { ok: true, done: tick() });
			return answer;
		},
		async (error: unknown) => {
			const applied = certainlyNotApplied(error) ? { ok: true, delta_on_hand: 0, delta_incoming: 0 } : { ok: false };
			Object.assign(touch, applied, { done: tick() });
			return await Promise.reject(error);
		},
	);
}

/** Counts a finished item, and logs progress of large runs through n8n's logger. */
export function itemDone(ctx: IExecuteFunctions, client: PharmaOneClient, adjusted: boolean) {
	const run = runOf(ctx, client);
	run.done++;
	if (adjusted) run.adjusted++;
	const every = Math.max(100, Math.ceil(run.total / 10));
	if (run.total >= 100 && (run.done % every === 0 || run.done === run.total)) {
		ctx.logger.info(`PharmaOne Set Stock Level: ${run.done} of ${run.total} items done, ${run.adjusted} adjusted`, {
			node: ctx.getNode().name,
		});
	}
}
