import { readHttpFailure } from './httpFailure';
import type { Route } from './routes';

/** The retry policy of every PharmaOne request. */
export const RETRY = {
	maxAttempts: 4,
	baseDelayMs: 300,
	/** A single wait longer than this (a far Retry-After) fails at once instead. */
	maxSingleWaitMs: 30_000,
	/** What one request may spend waiting in all. */
	maxTotalWaitMs: 60_000,
} as const;

/** Seconds or an HTTP date, as allowed by RFC 9110; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isNetworkError(error: unknown): boolean {
	const { code } = readHttpFailure(error);
	return (
		typeof code === 'string' &&
		/^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|ECONNABORTED|ERR_SOCKET|UND_ERR)/.test(code)
	);
}

/**
 * How long to wait before attempt `attempt + 1`, or undefined when the failure must not be
 * retried: 429 always (the request was refused, not applied), 503 / other 5xx / network
 * errors / an answer cut off after its status line only on routes where a repeat cannot
 * duplicate work.
 */
export function retryDelay(error: unknown, route: Route, attempt: number): number | undefined {
	const { status, retryAfter } = readHttpFailure(error);
	const transient = status === undefined || status >= 500 || status < 400;
	if (status !== 429 && !(transient && route.idempotent)) return undefined;
	if (status === undefined && !isNetworkError(error)) return undefined;
	const hinted = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined;
	const backoff = RETRY.baseDelayMs * 2 ** (attempt - 1);
	const delay = hinted ?? backoff + Math.floor(Math.random() * RETRY.baseDelayMs);
	return delay > RETRY.maxSingleWaitMs ? undefined : delay;
}

/**
 * The wait before attempt `attempt + 1` of a request that has already waited `waited` ms, or
 * undefined when it must fail now: not retryable, out of attempts, or past the total wait.
 */
export function nextWait(error: unknown, route: Route, attempt: number, waited: number): number | undefined {
	const delay = attempt >= RETRY.maxAttempts ? undefined : retryDelay(error, route, attempt);
	return delay === undefined || waited + delay > RETRY.maxTotalWaitMs ? undefined : delay;
}
