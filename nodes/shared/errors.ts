import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { Route } from './routes';

/** What the transport knows about a failed request, without any header or secret. */
export interface FailedRequest {
	route: Route;
	/** e.g. `Order "ORD_20260614_x"`: named in 404 messages. */
	subject?: string;
	host: string;
}

interface HttpFailure {
	status?: number;
	body?: unknown;
	code?: string;
	retryAfter?: string;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** Reads status, body and Retry-After from an n8n/axios request error. */
export function readHttpFailure(error: unknown): HttpFailure {
	const err = asRecord(error) ?? {};
	const cause = asRecord(err.cause) ?? {};
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

function bodyText(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') return body.slice(0, 500);
	try {
		return JSON.stringify(body).slice(0, 500);
	} catch {
		return String(body);
	}
}

const CREDENTIAL_HINT =
	'Check the API Key, Organization ID and Environment in the PharmaOne API credential. An organization owner can create a new key in Manager → Org Settings → Integrations → External API keys.';

const MAY_HAVE_APPLIED =
	'PharmaOne may or may not have applied this request before it failed, and it was not sent again to avoid doing it twice. Check in PharmaOne Manager (or with a Get operation) whether it took effect before running it again.';

/** Translates a PharmaOne failure into a message a workflow builder can act on. */
export function describeFailure(
	failure: HttpFailure,
	request: FailedRequest,
): { message: string; description: string } {
	const body = asRecord(failure.body) ?? {};
	const code = typeof body.error === 'string' ? body.error : undefined;
	const apiMessage = typeof body.message === 'string' ? body.message : undefined;
	const status = failure.status;
	const shop = request.route.auth === 'shopApiKey';

	if (code === 'org_mismatch') {
		return {
			message: 'The Organization ID in the credential does not belong to this API key',
			description: `PharmaOne answered "org_mismatch" (${apiMessage ?? 'Token org_id does not match URL orgId'}). Set the Organization ID of the PharmaOne API credential to the organization the key was created in.`,
		};
	}
	if (code === 'insufficient_scope') {
		const scope = /scope:\s*(\S+)/i.exec(apiMessage ?? '')?.[1] ?? request.route.scope ?? 'unknown';
		return {
			message: `The API key's token lacks the scope "${scope}"`,
			description: `PharmaOne answered "insufficient_scope" (${apiMessage ?? ''}). This operation needs the scope "${scope}"; ask your organization owner for a key that grants it.`,
		};
	}
	if (status === 401) {
		return shop
			? {
					message: 'The shop refused the API key (HTTP 401)',
					description:
						'The API key is wrong or revoked, or belongs to another shop. Check the Shop URL and API Key in the PharmaOne Shop Connector API credential.',
				}
			: {
					message: 'PharmaOne refused the API key (HTTP 401): it is wrong, revoked, or for another environment',
					description: CREDENTIAL_HINT,
				};
	}
	if (status === 404) {
		return {
			message: request.subject ? `${request.subject} was not found` : 'PharmaOne could not find the requested resource (HTTP 404)',
			description: `Check the ID and that it belongs to this organization. ${bodyText(failure.body)}`.trim(),
		};
	}
	if (status === 429) {
		return {
			message: 'PharmaOne is rate limiting requests (HTTP 429)',
			description: `Too many requests were sent. Lower "Parallel Requests", add a Wait node, or run the workflow less often.${failure.retryAfter ? ` PharmaOne asked to wait ${failure.retryAfter} seconds.` : ''}`,
		};
	}
	if (status === 502 && shop) {
		return {
			message: 'The shop could not reach PharmaOne (HTTP 502)',
			description: `${request.route.idempotent ? '' : `${MAY_HAVE_APPLIED} `}Try again later.`,
		};
	}
	const unsafe = !request.route.idempotent;
	if (status !== undefined && status >= 500) {
		return {
			message: `PharmaOne failed to process the request (HTTP ${status})`,
			description: `${unsafe ? `${MAY_HAVE_APPLIED} ` : ''}${bodyText(failure.body)}`.trim(),
		};
	}
	if (status === undefined) {
		return {
			message: `Could not reach PharmaOne at ${request.host}`,
			description: `${failure.code ? `Network error: ${failure.code}. ` : ''}${unsafe ? `${MAY_HAVE_APPLIED} ` : ''}Check the Environment / Base URL in the credential and the network between n8n and PharmaOne.`,
		};
	}
	const detail = [code, apiMessage].filter(Boolean).join(': ');
	return {
		message: `PharmaOne rejected the request (HTTP ${status})${detail ? `: ${detail}` : ''}`,
		description: bodyText(failure.body) || 'PharmaOne sent no details.',
	};
}

/** Network failures that happen before a request reaches the server. */
const NOT_CONNECTED = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

/** The errors of requests PharmaOne certainly did not apply (see `certainlyNotApplied`). */
const notApplied = new WeakSet<object>();

/**
 * Whether an error thrown by the client is for a request PharmaOne certainly did not apply: it
 * answered 4xx (it refused the request), or the connection was never made. A 5xx, a timeout or a
 * connection dropped after sending may have been applied, and so may anything else.
 */
export function certainlyNotApplied(error: unknown): boolean {
	return typeof error === 'object' && error !== null && notApplied.has(error);
}

/**
 * Builds the error the node throws. It is made from the status and response body only, so
 * request headers (API key, JWT) never reach execution data or logs.
 */
export function pharmaOneApiError(
	node: INode,
	error: unknown,
	request: FailedRequest,
	itemIndex?: number,
): NodeApiError {
	const failure = readHttpFailure(error);
	const { message, description } = describeFailure(failure, request);
	const clean: JsonObject = {
		message,
		status: failure.status ?? null,
		body: (failure.body ?? null) as JsonObject,
	};
	const apiError = new NodeApiError(node, clean, {
		message,
		description,
		httpCode: failure.status === undefined ? undefined : String(failure.status),
		itemIndex,
	});
	const refused = failure.status !== undefined && failure.status >= 400 && failure.status < 500;
	if (refused || (failure.status === undefined && NOT_CONNECTED.test(failure.code ?? ''))) notApplied.add(apiError);
	return apiError;
}
