import type { OperationModule } from '../actions/types';

/** The most items a user can send at the same time. */
export const MAX_PARALLEL_REQUESTS = 256;

/**
 * Items in flight by default for operations whose every route is safe to repeat (reads and
 * idempotent writes), chosen from `npm run bench` (bench/results/). Operations that must not be
 * repeated or reordered (stock adjustments, order requests, ...) run one at a time by default.
 */
export const AUTOMATIC_PARALLEL_REQUESTS = 128;

/**
 * Items in flight by default for Set Stock Level: adjustments of different products at once, the items of
 * one product in order (bench/results/2026-12-06-stock-sync.md).
 */
export const STOCK_LEVEL_PARALLEL = 16;

/**
 * Items in flight: the user's Parallel Requests (1 to MAX_PARALLEL_REQUESTS) for every operation;
 * automatic (0, the default) runs operations whose every route is safe to repeat several at a time,
 * and the others, writes that must not be repeated or reordered, one at a time, unless the operation
 * orders its own writes (`automaticParallel`, Set Stock Level).
 */
export function parallelRequests(setting: unknown, operation: OperationModule): number {
	const chosen = Math.floor(Number(setting ?? 0));
	if (Number.isFinite(chosen) && chosen >= 1) return Math.min(MAX_PARALLEL_REQUESTS, chosen);
	if (operation.automaticParallel) return operation.automaticParallel;
	return operation.routes.every((route) => route.idempotent) ? AUTOMATIC_PARALLEL_REQUESTS : 1;
}
