/**
 * The failure reader: what a failed request's error says (status, body, network code, Retry-After),
 * read without any header or secret. The message translator lives in errors.ts.
 */
import type { Route } from './routes';

/** What the transport knows about a failed request, without any header or secret. */
export interface FailedRequest {
	route: Route;
	/** e.g. `Order "ORD_20260614_x"`: named in 404 messages. */
	subject?: string;
	host: string;
}

export interface HttpFailure {
	status?: number;
	body?: unknown;
	code?: string;
	retryAfter?: string;
	/** The failure of the token exchange (read from a TokenExchangeError). */
	fromExchange?: boolean;
}

/** The value as a plain object, or undefined if it is not one (null, array, primitive). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/**
 * The error the credential's preAuthentication throws when the API key cannot be exchanged for a
 * token: already translated, and carrying the failure under a key n8n's NodeApiError does not
 * search for a status code, so n8n keeps this message (in executions and in the credential test)
 * instead of replacing it with its generic text for the status.
 */
export class TokenExchangeError extends Error {
	readonly description: string;

	readonly exchange: HttpFailure;

	constructor(exchange: HttpFailure, text: { message: string; description: string }) {
		super(text.message);
		this.name = 'TokenExchangeError';
		this.description = text.description;
		this.exchange = exchange;
	}
}

/** Reads status, body and Retry-After from an n8n/axios request error (or a TokenExchangeError it wraps). */
export function readHttpFailure(error: unknown): HttpFailure {
	const err = asRecord(error) ?? {};
	const cause = asRecord(err.cause) ?? {};
	const exchange = asRecord(err.exchange) ?? asRecord(cause.exchange);
	if (exchange) return { ...exchange, fromExchange: true };
	const response = asRecord(err.response) ?? asRecord(cause.response) ?? {};
	const context = asRecord(err.context) ?? {};
	const statusValue = response.status ?? err.httpCode ?? err.statusCode;
	const status = statusValue === undefined || statusValue === null ? undefined : Number(statusValue);
	const headers = asRecord(response.headers) ?? {};
	// n8n 1.x keeps only the error code (e.g. ECONNREFUSED) in httpCode, not the original error.
	const codeInHttpCode = typeof err.httpCode === 'string' && !/^\d+$/.test(err.httpCode) ? err.httpCode : undefined;
	const retryAfter = headers['retry-after'] ?? headers['Retry-After'];
	return {
		status: Number.isFinite(status) ? status : undefined,
		body: response.data ?? context.data,
		code: (err.code ?? cause.code ?? codeInHttpCode) as string | undefined,
		retryAfter: retryAfter === undefined ? undefined : String(retryAfter),
	};
}

/** The message of anything thrown: an Error's message, or the value as text. */
export function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
