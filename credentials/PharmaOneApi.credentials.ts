import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import {
	PRODUCTION_BASE_URL,
	TOKEN_PROPERTY,
	TOKEN_SOURCE_PROPERTY,
	resolveConnection,
	tokenSource,
} from '../nodes/shared/connection';
import {
	CREDENTIAL_HINT,
	CREDENTIAL_TEST_FORBIDDEN,
	describeFailure,
	tokenExchangeError,
	tokenOrgMismatch,
} from '../nodes/shared/errors';
import { TokenExchangeError } from '../nodes/shared/httpFailure';
import { sleep } from 'n8n-workflow';

import { nextWait } from '../nodes/shared/retry';
import { ROUTES, fillPath } from '../nodes/shared/routes';

interface TokenResponse {
	access_token?: string;
	token_type?: string;
	expires_in?: number;
}

export class PharmaOneApi implements ICredentialType {
	name = 'pharmaOneApi';

	displayName = 'PharmaOne API';

	icon: Icon = { light: 'file:../icons/pharmaone.svg', dark: 'file:../icons/pharmaone.dark.svg' };

	documentationUrl = 'https://docs.pharmaone.io/external-api/authentication/';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: PRODUCTION_BASE_URL,
				},
				{
					name: 'Custom (Sandbox)',
					value: 'custom',
					description: 'A sandbox or other Manager URL provided by your pharmacy contact',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://manager.sandbox.example.com',
			description: 'The Manager base URL, without a path. Trailing slashes are ignored.',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'org1',
			description:
				'Your PharmaOne organization ID, as used in API paths (/api/v2/public/orgs/{orgId}/…). It must be the organization the API key belongs to.',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'An organization API key. An organization owner creates it in Manager → Org Settings → Integrations → External API keys; it is shown only once.',
			required: true,
		},
		{
			displayName: 'Access Token',
			name: TOKEN_PROPERTY,
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Token Source',
			name: TOKEN_SOURCE_PROPERTY,
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Exchanges the API key for a 1-hour JWT. n8n calls this when the stored token is empty,
	 * when the credential is tested, and after a request was answered with 401; the returned
	 * token is stored (encrypted) with the credential and shared by every execution. A 429, 503 or
	 * network failure is retried here as the retry policy allows (a repeated exchange only issues
	 * another token); a final failure is translated by the same error translator as data routes,
	 * so a wrong key or another organization's ID reads the same in the credential test and in a
	 * workflow.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const { baseUrl, orgId } = resolveConnection(credentials);
		const route = ROUTES.auth.token;
		const request = {
			method: route.method,
			url: `${baseUrl}${fillPath(route, {}, orgId)}`,
			headers: { apikey: String(credentials.apiKey ?? '').trim(), Accept: 'application/json' },
			json: true,
		};
		let response: TokenResponse;
		let waited = 0;
		for (let attempt = 1; ; attempt++) {
			try {
				response = (await this.helpers.httpRequest(request)) as TokenResponse;
				break;
			} catch (error) {
				const delay = nextWait(error, route, attempt, waited);
				if (delay === undefined) throw tokenExchangeError(error, baseUrl);
				waited += delay;
				await sleep(delay);
			}
		}
		const accessToken = typeof response?.access_token === 'string' ? response.access_token : '';
		if (accessToken === '') {
			throw new TokenExchangeError(
				{},
				{
					message: 'PharmaOne answered the token exchange without an access token',
					description: `POST ${route.path} at ${baseUrl} returned no "access_token". ${CREDENTIAL_HINT}`,
				},
			);
		}
		// The token's org_id claim must equal the URL's orgId (API reference §3.2): checked here, so
		// another organization's ID fails at the exchange with the org_mismatch message.
		const tokenOrgId = jwtOrgId(accessToken);
		if (tokenOrgId !== undefined && tokenOrgId !== orgId) throw tokenOrgMismatch(tokenOrgId, orgId);
		return { [TOKEN_PROPERTY]: accessToken, [TOKEN_SOURCE_PROPERTY]: tokenSource(credentials) };
	}

	/**
	 * Sets the Bearer token, and only a token issued for the credential's current settings: after
	 * the credential was edited, the old token is not sent, PharmaOne answers 401 and n8n exchanges
	 * the current key. (Routes that take the raw API key get it from the node's client.)
	 */
	authenticate: IAuthenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers = { ...(requestOptions.headers ?? {}) };
		delete headers.Authorization;
		if (credentials[TOKEN_SOURCE_PROPERTY] === tokenSource(credentials)) {
			headers.Authorization = `Bearer ${String(credentials[TOKEN_PROPERTY] ?? '')}`;
		}
		return { ...requestOptions, headers };
	};

	/**
	 * Exchanges the key (preAuthentication, whose failures are translated there) and lists the
	 * organization's shops. n8n's tester shows only a status for a refused request, so the two
	 * refusals it can meet here get the translator's wording.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === "custom" ? String($credentials.baseUrl).trim().replace(/\\/+$/, "") : "${PRODUCTION_BASE_URL}" }}`,
			url: `=${ROUTES.shop.getAll.path.replace('{orgId}', '{{ encodeURIComponent(String($credentials.organizationId).trim()) }}')}`,
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: describeFailure({ status: 401 }, { route: ROUTES.shop.getAll, host: PRODUCTION_BASE_URL }).message,
				},
			},
			{ type: 'responseCode', properties: { value: 403, message: CREDENTIAL_TEST_FORBIDDEN } },
		],
	};
}

/** The `org_id` claim of a JWT, or undefined when the token is not a readable JWT. */
function jwtOrgId(token: string): string | undefined {
	const claims = token.split('.')[1];
	if (claims === undefined) return undefined;
	try {
		const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { org_id?: unknown };
		return typeof parsed.org_id === 'string' && parsed.org_id.trim() !== '' ? parsed.org_id.trim() : undefined;
	} catch {
		return undefined;
	}
}
