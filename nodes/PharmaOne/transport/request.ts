import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { normalizeBaseUrl, resolveConnection } from './connection';
import { executionState } from './executionState';
import type { ExecutionState } from './executionState';
import { pharmaOneApiError, readHttpFailure } from './errors';
import type { Route } from './routes';

export type PharmaOneContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IWebhookFunctions
	| IHookFunctions;

export interface PharmaOneRequest {
	/** Values for `{placeholders}` in the route path (orgId comes from the credential). */
	pathParams?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject;
	/** Named in a 404 message, e.g. `Order "ORD_1"`. */
	subject?: string;
	itemIndex?: number;
	/** Retry 429 / 503 / transient failures where safe (default: the node's Request Options). */
	retry?: boolean;
}

export const CREDENTIAL_TYPES = { manager: 'pharmaOneApi', shop: 'pharmaOneShopApi' } as const;

const MAX_ATTEMPTS = 4;
const BASE_DELAY_MS = 300;
const MAX_SINGLE_WAIT_MS = 30_000;
const MAX_TOTAL_WAIT_MS = 60_000;

function fillPath(context: PharmaOneContext, route: Route, params: Record<string, string>): string {
	return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
		const value = params[name];
		if (value === undefined || value === '') {
			throw new NodeOperationError(context.getNode(), `Missing value for "${name}" in ${route.path}`);
		}
		return encodeURIComponent(value);
	});
}

/** Seconds or an HTTP date, as allowed by RFC 9110; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * How long to wait before attempt `attempt + 1`, or undefined when the failure must not be
 * retried: 429 always (the request was refused, not applied), 503 / other 5xx / network
 * errors only on routes where a repeat cannot duplicate work.
 */
export function retryDelay(error: unknown, route: Route, attempt: number): number | undefined {
	const { status, retryAfter } = readHttpFailure(error);
	const transient = status === undefined || status >= 500;
	if (status !== 429 && !(transient && route.idempotent)) return undefined;
	if (status === undefined && !isNetworkError(error)) return undefined;
	const hinted = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined;
	const backoff = BASE_DELAY_MS * 2 ** (attempt - 1);
	const delay = hinted ?? backoff + Math.floor(Math.random() * BASE_DELAY_MS);
	return delay > MAX_SINGLE_WAIT_MS ? undefined : delay;
}

function isNetworkError(error: unknown): boolean {
	const { code } = readHttpFailure(error);
	return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|ECONNABORTED|ERR_SOCKET|UND_ERR)/.test(code);
}

/**
 * The credential of this execution, decrypted once and shared by every item: n8n would otherwise
 * read and decrypt it from its database twice per request. A failed read is not kept.
 */
async function executionCredentials(
	context: PharmaOneContext,
	shared: ExecutionState,
	credentialType: string,
): Promise<ICredentialDataDecryptedObject> {
	let pending = shared.credentials.get(credentialType);
	if (!pending) {
		pending = context.getCredentials(credentialType);
		shared.credentials.set(credentialType, pending);
		pending.catch(() => shared.credentials.delete(credentialType));
	}
	return await pending;
}

/** The one function every PharmaOne request goes through. */
export async function pharmaOneApiRequest(
	this: PharmaOneContext,
	route: Route,
	request: PharmaOneRequest = {},
): Promise<unknown> {
	const credentialType = route.auth === 'shopApiKey' ? CREDENTIAL_TYPES.shop : CREDENTIAL_TYPES.manager;
	const shared = executionState(this);
	const credentials = await executionCredentials(this, shared, credentialType);
	let host: string;
	let path: string;
	if (route.auth === 'shopApiKey') {
		host = normalizeBaseUrl(credentials.shopUrl);
		path = fillPath(this, route, request.pathParams ?? {});
	} else {
		const connection = resolveConnection(credentials);
		host = connection.baseUrl;
		path = fillPath(this, route, { ...request.pathParams, orgId: connection.orgId });
	}

	const options: IHttpRequestOptions = {
		method: route.method,
		url: `${host}${path}`,
		headers: { Accept: 'application/json' },
		json: true,
	};
	if (request.qs && Object.keys(request.qs).length > 0) options.qs = request.qs;
	if (request.body !== undefined && route.method !== 'GET') options.body = request.body;

	const retry = request.retry ?? shared.retry;
	const reference = this.getNode().credentials?.[credentialType];
	const credentialsDecrypted = {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: credentialType,
		data: credentials,
	};
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		const pause = shared.resumeAt - Date.now();
		if (pause > 0) await sleep(pause);
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this, credentialType, options, {
				credentialsDecrypted,
			});
		} catch (error) {
			const delay = !retry || attempt >= MAX_ATTEMPTS ? undefined : retryDelay(error, route, attempt);
			if (delay === undefined || waited + delay > MAX_TOTAL_WAIT_MS) {
				throw pharmaOneApiError(this.getNode(), error, { route, subject: request.subject, host }, request.itemIndex);
			}
			waited += delay;
			if (readHttpFailure(error).status === 429) {
				shared.resumeAt = Math.max(shared.resumeAt, Date.now() + delay);
			} else {
				await sleep(delay);
			}
		}
	}
}

export interface PageRequest extends PharmaOneRequest {
	returnAll: boolean;
	/** Maximum rows when returnAll is false. */
	limit: number;
}

function rowsOf(response: unknown): IDataObject[] {
	if (Array.isArray(response)) return response as IDataObject[];
	const data = (response as IDataObject | undefined)?.data;
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

function paginationOf(response: unknown): IDataObject {
	const pagination = (response as IDataObject | undefined)?.pagination;
	return pagination !== null && typeof pagination === 'object' ? (pagination as IDataObject) : {};
}

const MAX_PAGES = 10_000;

/**
 * Fetches rows from a paged route: the largest page the route allows when returning all,
 * never a page beyond the user's limit, and always ending, even against a server that ignores
 * the paging parameters (a repeated or empty page stops the loop).
 */
export async function pharmaOneApiRequestAllItems(
	this: PharmaOneContext,
	route: Route,
	request: PageRequest,
): Promise<IDataObject[]> {
	const wanted = request.returnAll ? Infinity : Math.max(0, request.limit);
	if (route.paging === 'none') {
		return rowsOf(await pharmaOneApiRequest.call(this, route, request)).slice(0, wanted);
	}
	const maxPage = route.maxPageSize ?? 50;
	const rows: IDataObject[] = [];
	const pageSize = route.paging === 'page' ? Math.min(maxPage, wanted) : maxPage;
	let previousFirst: string | undefined;

	for (let pageIndex = 0; rows.length < wanted && pageIndex < MAX_PAGES; pageIndex++) {
		const size = route.paging === 'offset' ? Math.min(maxPage, wanted - rows.length) : pageSize;
		const qs: IDataObject =
			route.paging === 'page'
				? { ...request.qs, limit: size, page: pageIndex + 1 }
				: { ...request.qs, limit: size, offset: rows.length };
		const response = await pharmaOneApiRequest.call(this, route, { ...request, qs });
		const page = rowsOf(response);
		if (page.length === 0) break;

		const first = JSON.stringify(page[0]);
		if (pageIndex > 0 && first === previousFirst) break;
		previousFirst = first;

		rows.push(...page.slice(0, wanted - rows.length));
		const pagination = paginationOf(response);
		if (page.length < size) break;
		if (route.paging === 'page') {
			const totalPages = Number(pagination.totalPages);
			if (Number.isFinite(totalPages) && pageIndex + 1 >= totalPages) break;
		} else {
			const total = Number(pagination.total);
			if (pagination.total !== undefined && Number.isFinite(total) && rows.length >= total) break;
		}
	}
	return rows;
}
