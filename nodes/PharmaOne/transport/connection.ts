import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const PRODUCTION_BASE_URL = 'https://manager.prod.pharmaone.shop';

/** The credential property that holds the 1-hour JWT filled by preAuthentication. */
export const TOKEN_PROPERTY = 'accessToken';

export interface PharmaOneConnection {
	/** Manager base URL without trailing slash, e.g. https://manager.prod.pharmaone.shop */
	baseUrl: string;
	/** Organization id, trimmed, e.g. org1 */
	orgId: string;
}

/** Removes surrounding whitespace and trailing slashes from a URL typed by a user. */
export function normalizeBaseUrl(value: unknown): string {
	return String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** Reads the Manager base URL and organization id from a `pharmaOneApi` credential. */
export function resolveConnection(credentials: ICredentialDataDecryptedObject): PharmaOneConnection {
	const baseUrl =
		credentials.environment === 'custom'
			? normalizeBaseUrl(credentials.baseUrl)
			: PRODUCTION_BASE_URL;
	return { baseUrl, orgId: String(credentials.organizationId ?? '').trim() };
}

/**
 * Routes authenticated with the raw API key instead of the JWT: the token exchange itself and
 * the v1 order-request route. Everything else under /api/v2 takes `Authorization: Bearer`.
 */
export function usesApiKeyHeader(url: string): boolean {
	return /\/api\/v1\/public\/orgs\/[^/]+\/order-requests\/?(\?|$)/.test(url) || /\/auth\/token\/?(\?|$)/.test(url);
}
