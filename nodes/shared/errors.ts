import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { FailedRequest, HttpFailure } from './httpFailure';
import { TokenExchangeError, asRecord, readHttpFailure } from './httpFailure';
import { ROUTES } from './routes';
import { isMarkedNotApplied, markNotApplied } from './processMemory';

function bodyText(body: unknown): string {
	if (body === undefined || body === null || body === '') return '';
	if (typeof body === 'string') return body.slice(0, 500);
	try {
		return JSON.stringify(body).slice(0, 500);
	} catch {
		return String(body);
	}
}

export const CREDENTIAL_HINT =
	'Check the API Key, Organization ID and Environment in the PharmaOne API credential. An organization owner can create a new key in Manager → Org Settings → Integrations → External API keys.';

const MAY_HAVE_APPLIED =
	'PharmaOne may or may not have applied this request before it failed, and it was not sent again to avoid doing it twice. Check in PharmaOne Manager (or with a Get operation) whether it took effect before running it again.';

/**
 * Network error codes meaning the request never reached the server (no connection, no name,
 * no TLS handshake). Any other code with no HTTP status means the connection broke after the
 * request went out.
 */
const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|EADDRNOTAVAIL|ERR_INVALID_URL|ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/;

/** "wait 1 second", "wait 7 seconds", or "wait until <HTTP date>". */
function waitText(retryAfter: string): string {
	const value = retryAfter.trim();
	if (!/^\d+$/.test(value)) return `wait until ${value}`;
	return `wait ${value} ${value === '1' ? 'second' : 'seconds'}`;
}

/** The message of the org_mismatch answer, also used when a token's org_id shows the mismatch. */
export const ORG_MISMATCH_MESSAGE = 'The Organization ID in the credential does not belong to this API key';

/** The credential test's message for a 403 on its shop list, where the body is not available. */
export const CREDENTIAL_TEST_FORBIDDEN =
	'PharmaOne refused the shop list (HTTP 403): the Organization ID in the credential does not belong to this API key, or the key lacks the scope products.read';

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
	const unsafe = !request.route.idempotent;
	const server = shop ? `the shop at ${request.host}` : `PharmaOne at ${request.host}`;
	const checkHost = shop
		? 'Check the Shop URL in the PharmaOne Shop Connector API credential and the network between n8n and the shop.'
		: 'Check the Environment / Base URL in the credential and the network between n8n and PharmaOne.';

	if (code === 'org_mismatch') {
		return {
			message: ORG_MISMATCH_MESSAGE,
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
	if (status === 401 || (status === 403 && shop)) {
		return shop
			? {
					message: `The shop refused the API key (HTTP ${status})`,
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
			description: `Too many requests were sent. Lower "Parallel Requests", add a Wait node, or run the workflow less often.${failure.retryAfter ? ` PharmaOne asked to ${waitText(failure.retryAfter)}.` : ''}`,
		};
	}
	if (status === 502 && shop) {
		return {
			message: 'The shop could not reach PharmaOne (HTTP 502)',
			description: `${unsafe ? `${MAY_HAVE_APPLIED} ` : ''}Try again later.`,
		};
	}
	if (status !== undefined && status >= 500) {
		return {
			message: `PharmaOne failed to process the request (HTTP ${status})`,
			description: `${unsafe ? `${MAY_HAVE_APPLIED} ` : ''}${bodyText(failure.body)}`.trim(),
		};
	}
	if (status !== undefined && status < 400) {
		// The status line arrived, then the connection broke before the whole answer did.
		return {
			message: `The connection broke while ${shop ? 'the shop' : 'PharmaOne'} was sending its answer (HTTP ${status})`,
			description: unsafe
				? `${shop ? 'The shop' : 'PharmaOne'} answered HTTP ${status}, so the request was most likely applied, but the rest of the answer was lost${failure.code ? ` (${failure.code})` : ''}. It was not sent again to avoid doing it twice: check in PharmaOne Manager (or with a Get operation) before running it again.`
				: `The rest of the answer was lost${failure.code ? ` (${failure.code})` : ''}. Nothing was changed; run the workflow again. ${checkHost}`,
		};
	}
	if (status === undefined) {
		const network = failure.code ? `Network error: ${failure.code}. ` : '';
		if (failure.code === undefined || NOT_SENT.test(failure.code)) {
			return { message: `Could not reach ${server}`, description: `${network}${checkHost}` };
		}
		return {
			message: `The connection to ${server} broke before an answer arrived`,
			description: `${network}${unsafe ? `${MAY_HAVE_APPLIED} ` : ''}${checkHost}`,
		};
	}
	const detail = [code, apiMessage].filter(Boolean).join(': ');
	return {
		message: `PharmaOne rejected the request (HTTP ${status})${detail ? `: ${detail}` : ''}`,
		description: bodyText(failure.body) || 'PharmaOne sent no details.',
	};
}

/** The translated error of a failed token exchange at `host` (for the credential's preAuthentication). */
export function tokenExchangeError(error: unknown, host: string): TokenExchangeError {
	const failure = readHttpFailure(error);
	return new TokenExchangeError(failure, describeFailure(failure, { route: ROUTES.auth.token, host }));
}

/** A token whose `org_id` claim is another organization than the credential's. */
export function tokenOrgMismatch(tokenOrgId: string, orgId: string): TokenExchangeError {
	return new TokenExchangeError(
		{ body: { error: 'org_mismatch' } },
		{
			message: ORG_MISMATCH_MESSAGE,
			description: `The API key belongs to the organization "${tokenOrgId}" (the org_id of the token PharmaOne issued for it), not "${orgId}". Set the Organization ID of the PharmaOne API credential to "${tokenOrgId}", or use a key of "${orgId}".`,
		},
	);
}

/** Network failures that happen before a request reaches the server. */
const NOT_CONNECTED = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/;

/**
 * Whether an error thrown by the client is for a request PharmaOne certainly did not apply: it
 * answered 4xx (it refused the request), or the connection was never made. A 5xx, a timeout or a
 * connection dropped after sending may have been applied, and so may anything else.
 */
export function certainlyNotApplied(error: unknown): boolean {
	return isMarkedNotApplied(error);
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
	return apiError(node, failure, { message, description }, itemIndex);
}

/**
 * The error of a request whose token exchange failed: the credential already translated it, so
 * its message and description are kept (n8n 1.x does not keep the TokenExchangeError itself).
 */
export function tokenExchangeFailed(node: INode, error: unknown, itemIndex?: number): NodeApiError {
	const failure = readHttpFailure(error);
	const { message, description } = (asRecord(error) ?? {}) as { message?: unknown; description?: unknown };
	const text =
		typeof message === 'string' && message !== ''
			? { message, description: typeof description === 'string' ? description : '' }
			: describeFailure(failure, { route: ROUTES.auth.token, host: 'PharmaOne' });
	return apiError(node, failure, text, itemIndex);
}

function apiError(
	node: INode,
	failure: HttpFailure,
	{ message, description }: { message: string; description: string },
	itemIndex?: number,
): NodeApiError {
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
	if (refused || (failure.status === undefined && NOT_CONNECTED.test(failure.code ?? ''))) markNotApplied(apiError);
	return apiError;
}
