import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const PRODUCTION_BASE_URL = 'https://manager.prod.pharmaone.shop';

/** n8n credential type names: the organization API key, and the telemedicine shop connector key. */
export const CREDENTIAL_TYPES = { manager: 'pharmaOneApi', shop: 'pharmaOneShopApi' } as const;

/** The credential property that holds the 1-hour JWT filled by preAuthentication. */
export const TOKEN_PROPERTY = 'accessToken';

/** The credential property that records which key, organization and host the JWT was issued for. */
export const TOKEN_SOURCE_PROPERTY = 'tokenSource';

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
 * A one-way digest of what a token was issued for (host, organization and API key). n8n keeps a
 * cached token after the user edits the credential; comparing this digest tells that the token
 * belongs to the old key, so it is exchanged again instead of being used.
 */
export function tokenSource(credentials: ICredentialDataDecryptedObject): string {
	const { baseUrl, orgId } = resolveConnection(credentials);
	const apiKey = String(credentials.apiKey ?? '').trim();
	return createHash('sha256').update(`${baseUrl}\n${orgId}\n${apiKey}`).digest('hex').slice(0, 32);
}
