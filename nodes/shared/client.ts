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

import { CREDENTIAL_TYPES, normalizeBaseUrl, resolveConnection, tokenSource } from './connection';
import { pharmaOneApiError, tokenExchangeFailed } from './errors';
import { errorMessage, readHttpFailure } from './httpFailure';
import { nextWait } from './retry';
import { fillPath, fillSubject } from './routes';
import type { Route } from './routes';
import { GateFailure, TokenGate } from './tokenGate';
import type { FullResponse } from './tokenGate';

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
	itemIndex?: number;
	/** Retry 429 / 503 / transient failures where safe (default: the client's policy). */
	retry?: boolean;
}

export interface ClientOptions {
	/** Whether requests are retried (Request Options → Retry); default true. */
	retry?: boolean;
	/**
	 * The routes the caller declared (an operation's `routes`): a request to any other route is a
	 * programming error and fails before anything is sent, so a test of the operation fails too.
	 */
	routes?: readonly Route[];
}

interface CredentialSettings {
	baseUrl: string;
	orgId: string;
	shopUrl: string;
	/** The token source a token issued for these settings carries. */
	tokenSource: string;
}

/** Whether an answer is a success (anything else becomes a failure read like n8n's request errors). */
function succeeded(answer: FullResponse): boolean {
	return answer.statusCode >= 200 && answer.statusCode < 300;
}

/**
 * One client per execution (or per poll, webhook call, list search), created by the caller and
 * passed down. It holds what the requests of one run share: the credentials, read and decrypted
 * once (n8n writes a new token into this object when it exchanges the key); the retry policy;
 * the pause after a 429, which holds back every request in flight; and, per credential, the token
 * gate (tokenGate.ts) that lets one request at a time make n8n exchange the key.
 */
export class PharmaOneClient {
	private readonly credentialReads = new Map<string, Promise<ICredentialDataDecryptedObject>>();

	/** The token side of each credential object read in this run. */
	private readonly gates = new WeakMap<ICredentialDataDecryptedObject, TokenGate>();

	/** What each credential's settings give, worked out once per run. */
	private readonly settingsOf = new WeakMap<ICredentialDataDecryptedObject, CredentialSettings>();

	private readonly decryptedOf = new WeakMap<ICredentialDataDecryptedObject, ICredentialsDecrypted>();

	/** Epoch milliseconds before which no request is sent (after a 429). */
	private resumeAt = 0;

	readonly retry: boolean;

	private readonly declared: readonly Route[] | undefined;

	constructor(
		readonly context: PharmaOneContext,
		options: ClientOptions = {},
	) {
		this.retry = options.retry !== false;
		this.declared = options.routes;
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

	/**
	 * The one function every PharmaOne request goes through. Every answer comes back with its
	 * status and headers (n8n is asked not to throw on a status), so what the retry policy and the
	 * error translator read never depends on how an n8n version wraps its errors.
	 */
	async request(route: Route, request: PharmaOneRequest = {}): Promise<unknown> {
		if (this.declared && !this.declared.includes(route)) {
			throw new NodeOperationError(this.context.getNode(), `This operation sent ${route.method} ${route.path}, a route it does not declare`, {
				itemIndex: request.itemIndex,
				description: 'A bug in the PharmaOne node: add the route to the operation\'s `routes`.',
			});
		}
		const credentialType = route.auth === 'shopApiKey' ? CREDENTIAL_TYPES.shop : CREDENTIAL_TYPES.manager;
		const credentials = await this.credentials(credentialType);
		const settings = this.settings(credentials);
		const host = route.auth === 'shopApiKey' ? settings.shopUrl : settings.baseUrl;
		let path: string;
		try {
			path = fillPath(route, request.pathParams ?? {}, settings.orgId);
		} catch (error) {
			throw new NodeOperationError(this.context.getNode(), errorMessage(error), { itemIndex: request.itemIndex });
		}
		const headers: IDataObject = { Accept: 'application/json' };
		// The raw key where the route table says so; Bearer routes get their token from the credential.
		if (route.auth !== 'jwt') headers.apikey = String(credentials.apiKey ?? '').trim();
		const options: IHttpRequestOptions = {
			method: route.method,
			url: `${host}${path}`,
			headers,
			json: true,
			returnFullResponse: true,
		};
		if (request.qs && Object.keys(request.qs).length > 0) options.qs = request.qs;
		if (request.body !== undefined && route.method !== 'GET') options.body = request.body;

		const { helpers } = this.context;
		const send =
			route.auth === 'jwt'
				? async () =>
						await this.gate(credentials, settings).send(async (refreshOn401) => {
							const sent = { ...options, ignoreHttpStatusErrors: !refreshOn401 };
							const authentication = { credentialsDecrypted: this.decrypted(credentialType, credentials) };
							return await helpers.httpRequestWithAuthentication.call(this.context, credentialType, sent, authentication);
						})
				: async () => (await helpers.httpRequest({ ...options, ignoreHttpStatusErrors: true })) as FullResponse;

		const retry = request.retry ?? this.retry;
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			const pause = this.resumeAt - Date.now();
			if (pause > 0) await sleep(pause);
			let failure: unknown;
			try {
				const answer = await send();
				if (succeeded(answer)) return answer.body;
				failure = { response: { status: answer.statusCode, headers: answer.headers ?? {}, data: answer.body } };
			} catch (error) {
				if (error instanceof GateFailure && error.exchange) {
					throw tokenExchangeFailed(this.context.getNode(), error.error, request.itemIndex);
				}
				failure = error instanceof GateFailure ? error.error : error;
			}
			const delay = retry ? nextWait(failure, route, attempt, waited) : undefined;
			if (delay === undefined) {
				throw pharmaOneApiError(this.context.getNode(), failure, { route, subject: fillSubject(route, [request.pathParams, request.qs, request.body]), host }, request.itemIndex);
			}
			waited += delay;
			if (readHttpFailure(failure).status === 429) {
				this.resumeAt = Math.max(this.resumeAt, Date.now() + delay);
			} else {
				await sleep(delay);
			}
		}
	}

	private gate(credentials: ICredentialDataDecryptedObject, settings: CredentialSettings): TokenGate {
		let gate = this.gates.get(credentials);
		if (!gate) {
			gate = new TokenGate(credentials, settings.tokenSource);
			this.gates.set(credentials, gate);
		}
		return gate;
	}

	/**
	 * The credential as n8n's httpRequestWithAuthentication takes it when the caller has already
	 * read it (its `credentialsDecrypted` option), so n8n does not read and decrypt it per request.
	 */
	private decrypted(type: string, data: ICredentialDataDecryptedObject): ICredentialsDecrypted {
		let found = this.decryptedOf.get(data);
		if (!found) {
			const reference = this.context.getNode().credentials?.[type];
			found = { id: reference?.id ?? '', name: reference?.name ?? '', type, data };
			this.decryptedOf.set(data, found);
		}
		return found;
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
}
