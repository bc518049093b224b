import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { CREDENTIAL_TYPES, TOKEN_PROPERTY, TOKEN_SOURCE_PROPERTY, normalizeBaseUrl, resolveConnection, tokenSource } from './connection';
import { pharmaOneApiError, readHttpFailure, tokenExchangeFailed } from './errors';
import { RETRY, retryDelay } from './retry';
import { ROUTES } from './routes';
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
	/** Retry 429 / 503 / transient failures where safe (default: the client's policy). */
	retry?: boolean;
}

export interface ClientOptions {
	/** Whether requests are retried (Request Options → Retry); default true. */
	retry?: boolean;
}

/** What a request passes to n8n's httpRequestWithAuthentication (the option is n8n 2.x's; 1.x ignores it). */
interface AuthenticationOptions {
	credentialsDecrypted: ICredentialsDecrypted;
	preAuthenticationRetryStatusCode: number[];
}

interface CredentialSettings {
	baseUrl: string;
	orgId: string;
	shopUrl: string;
	/** The token source a token issued for these settings carries. */
	tokenSource: string;
}

/**
 * n8n exchanges a new token by itself after a 401 unless told otherwise; this client does it
 * instead, once for all requests in flight. (Hosts before n8n 2.x ignore the setting and
 * refresh per request, as they always did.)
 */
const N8N_REFRESH_ON_STATUS: number[] = [];

/**
 * One client per execution (or per poll, webhook call, list search), created by the caller and
 * passed down. It holds what the requests of one run share: the credentials, read and decrypted
 * once (n8n updates this object in place when it exchanges the key for a new token); the retry
 * policy; the pause after a 429, which holds back every request in flight; and the one pending
 * token exchange that every request waits for.
 */
export class PharmaOneClient {
	private readonly credentialReads = new Map<string, Promise<ICredentialDataDecryptedObject>>();

	private readonly authentications = new Map<string, AuthenticationOptions>();

	/** What each credential's settings give, worked out once per run (only its token changes). */
	private readonly settingsOf = new WeakMap<ICredentialDataDecryptedObject, CredentialSettings>();

	/** Epoch milliseconds before which no request is sent (after a 429). */
	private resumeAt = 0;

	/** The request that is exchanging the API key for a token, if one is. */
	private tokenExchange: Promise<unknown> | undefined;

	readonly retry: boolean;

	constructor(
		readonly context: PharmaOneContext,
		options: ClientOptions = {},
	) {
		this.retry = options.retry !== false;
	}

	/** The decrypted credential of this run; a failed read is not kept. */
	async credentials(type: string): Promise<ICredentialDataDecryptedObject> {
		let pending = this.credentialReads.get(type);
		if (!pending) {
			pending = this.context.getCredentials(type);
			this.credentialReads.set(type, pending);
			pending.catch(() => this.credentialReads.delete(type));
		}
		return await pending;
	}

	/** The one function every PharmaOne request goes through. */
	async request(route: Route, request: PharmaOneRequest = {}): Promise<unknown> {
		const credentialType = route.auth === 'shopApiKey' ? CREDENTIAL_TYPES.shop : CREDENTIAL_TYPES.manager;
		const credentials = await this.credentials(credentialType);
		const { host, path } = this.target(route, credentials, request.pathParams ?? {});
		const options: IHttpRequestOptions = {
			method: route.method,
			url: `${host}${path}`,
			headers: { Accept: 'application/json' },
			json: true,
		};
		if (request.qs && Object.keys(request.qs).length > 0) options.qs = request.qs;
		if (request.body !== undefined && route.method !== 'GET') options.body = request.body;

		const authentication = this.authentication(credentialType, credentials);
		// n8n only sets the abort signal on these options and drops an empty GET body; the
		// credential's authenticate() returns a copy with the auth header, so a retry can reuse them.
		const send = async () =>
			await this.context.helpers.httpRequestWithAuthentication.call(this.context, credentialType, options, authentication);
		const retry = request.retry ?? this.retry;
		let waited = 0;
		let refusedToken: string | undefined;
		for (let attempt = 1; ; attempt++) {
			const pause = this.resumeAt - Date.now();
			if (pause > 0) await sleep(pause);
			const sent = { token: '' };
			try {
				return route.auth === 'jwt' ? await this.withToken(credentials, send, refusedToken, sent) : await send();
			} catch (error) {
				const status = readHttpFailure(error).status;
				// A stored token PharmaOne refused (expired or revoked): exchange the key once, send again.
				if (status === 401 && route.auth === 'jwt' && refusedToken === undefined && sent.token !== '') {
					refusedToken = sent.token;
					continue;
				}
				// n8n exchanges the key before any request with an empty token and stores the new one in
				// `credentials`: a token still empty now means the exchange failed and the request was
				// never sent, so it is judged (retry, message) as the token exchange.
				const exchangeFailed = route.auth !== 'shopApiKey' && String(credentials[TOKEN_PROPERTY] ?? '') === '';
				const failed = exchangeFailed ? ROUTES.auth.token : route;
				const delay = !retry || attempt >= RETRY.maxAttempts ? undefined : retryDelay(error, failed, attempt);
				if (delay === undefined || waited + delay > RETRY.maxTotalWaitMs) {
					throw exchangeFailed
						? tokenExchangeFailed(this.context.getNode(), error, request.itemIndex)
						: pharmaOneApiError(this.context.getNode(), error, { route, subject: request.subject, host }, request.itemIndex);
				}
				waited += delay;
				if (status === 429) {
					this.resumeAt = Math.max(this.resumeAt, Date.now() + delay);
				} else {
					await sleep(delay);
				}
			}
		}
	}

	/**
	 * What n8n needs to authenticate a request with the already decrypted credential, built once
	 * per credential type (getNode() deep-copies the node on every call).
	 */
	private authentication(type: string, data: ICredentialDataDecryptedObject): AuthenticationOptions {
		let found = this.authentications.get(type);
		if (!found) {
			const reference = this.context.getNode().credentials?.[type];
			found = {
				credentialsDecrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type, data },
				preAuthenticationRetryStatusCode: N8N_REFRESH_ON_STATUS,
			};
			this.authentications.set(type, found);
		}
		return found;
	}

	/**
	 * Sends a Bearer request. A missing token, a token issued for other credential settings, or the
	 * token PharmaOne just refused is exchanged by exactly one request: it is sent with the token
	 * emptied, which makes n8n run the credential's preAuthentication and store the new token.
	 * Every other request waits for that one and then uses the new token.
	 */
	private async withToken(
		credentials: ICredentialDataDecryptedObject,
		send: () => Promise<unknown>,
		refusedToken: string | undefined,
		sent: { token: string },
	): Promise<unknown> {
		while (this.tokenExchange) await this.tokenExchange.catch(() => undefined);
		const token = String(credentials[TOKEN_PROPERTY] ?? '');
		const source = this.settings(credentials).tokenSource;
		if (token !== '' && token !== refusedToken && credentials[TOKEN_SOURCE_PROPERTY] === source) {
			sent.token = token;
			return await send();
		}
		credentials[TOKEN_PROPERTY] = '';
		const exchange = send();
		this.tokenExchange = exchange;
		try {
			return await exchange;
		} finally {
			if (this.tokenExchange === exchange) this.tokenExchange = undefined;
		}
	}

	private settings(credentials: ICredentialDataDecryptedObject): CredentialSettings {
		let found = this.settingsOf.get(credentials);
		if (!found) {
			const { baseUrl, orgId } = resolveConnection(credentials);
			found = { baseUrl, orgId, shopUrl: normalizeBaseUrl(credentials.shopUrl), tokenSource: tokenSource(credentials) };
			this.settingsOf.set(credentials, found);
		}
		return found;
	}

	private target(
		route: Route,
		credentials: ICredentialDataDecryptedObject,
		params: Record<string, string>,
	): { host: string; path: string } {
		const { baseUrl, orgId, shopUrl } = this.settings(credentials);
		if (route.auth === 'shopApiKey') return { host: shopUrl, path: this.fillPath(route, params) };
		return { host: baseUrl, path: this.fillPath(route, params, orgId) };
	}

	/** The route's path with its placeholders filled; `{orgId}` comes from the credential. */
	private fillPath(route: Route, params: Record<string, string>, orgId?: string): string {
		return route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
			const value = name === 'orgId' && orgId !== undefined ? orgId : params[name];
			if (value === undefined || value === '') {
				throw new NodeOperationError(this.context.getNode(), `Missing value for "${name}" in ${route.path}`);
			}
			return encodeURIComponent(value);
		});
	}
}
