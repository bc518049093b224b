'use strict';

// Authentication as the gateway and the API answer it: the API key (header `apikey` / `X-API-Key` or `?apikey=`),
// the token exchange (HS256 JWTs with the documented claims), Bearer tokens with their scopes, and revocation.

const crypto = require('node:crypto');
const jwt = require('./jwt');
const { ALL_SCOPES } = require('./routes');
const { HttpError } = require('./util');

/** How the API answers a valid key used with another organization's ID (the docs do not say). */
const KEY_ORG_MISMATCH = ['token-401', 'token-403', 'route-403'];

const kong401 = () =>
	new HttpError(401, { message: 'Unauthorized', request_id: crypto.randomBytes(16).toString('hex') });
const invalidToken = (message) => new HttpError(401, { error: 'invalid_token', message });
const orgMismatch = () => new HttpError(403, { error: 'org_mismatch', message: 'Token org_id does not match URL orgId' });

/**
 * The sandbox's keys and tokens, from its options (apiKey, jwtSecret, orgId, scopes, keyOrgMismatch). A token
 * lives `faults.current.tokenTtlSeconds` (default 3600 s) unless the caller says otherwise.
 */
function createAuth(opts, faults) {
	if (!KEY_ORG_MISMATCH.includes(opts.keyOrgMismatch)) {
		throw new Error(`keyOrgMismatch must be one of ${KEY_ORG_MISMATCH.join(', ')}`);
	}
	let keyRevoked = false;
	let tokenScopes = [...opts.scopes];
	const issuedJtis = new Set();

	function issueToken({ scopes = tokenScopes, orgId = opts.orgId, ttlSeconds } = {}) {
		const ttl = ttlSeconds ?? faults.current.tokenTtlSeconds ?? 3600;
		const iat = Math.floor(Date.now() / 1000);
		const claims = { org_id: orgId, scopes: [...scopes], iss: 'pharmaone-integration', sub: 'integration', iat, exp: iat + ttl, jti: crypto.randomUUID() };
		issuedJtis.add(claims.jti);
		return { token: jwt.sign(claims, opts.jwtSecret), ttl };
	}

	function apiKeyFrom(req, url) {
		return req.headers.apikey || req.headers['x-api-key'] || url.searchParams.get('apikey') || null;
	}

	/** Throws the HttpError the API answers a request to `route` with when it may not pass; returns otherwise. */
	function authorize(route, params, req, url) {
		if (route.auth === 'token' || route.auth === 'apikey' || route.auth === 'connector') {
			if (keyRevoked || apiKeyFrom(req, url) !== opts.apiKey) throw kong401();
			if (route.auth !== 'connector' && params.orgId !== opts.orgId) {
				// 'route-403': the token is issued for the key's own organization, and routes refuse it.
				if (opts.keyOrgMismatch === 'route-403' && route.auth === 'token') return;
				if (opts.keyOrgMismatch === 'token-401') throw new HttpError(401, { error: 'Invalid or missing API key' });
				throw orgMismatch();
			}
			return;
		}
		const header = req.headers.authorization || '';
		const m = /^Bearer\s+(\S+)$/i.exec(header);
		if (!m) throw invalidToken('Missing bearer token');
		const result = jwt.verify(m[1], opts.jwtSecret);
		if (!result.ok) throw invalidToken(result.reason);
		if (!issuedJtis.has(result.claims.jti)) throw invalidToken('Token has been revoked');
		if (result.claims.org_id !== params.orgId) throw orgMismatch();
		const scopes = Array.isArray(result.claims.scopes) ? result.claims.scopes : [];
		if (route.scope && !scopes.includes(route.scope)) {
			throw new HttpError(403, { error: 'insufficient_scope', message: `Missing scope: ${route.scope}` });
		}
	}

	return {
		issueToken,
		authorize,
		/** The scopes of tokens issued from now on (null: all). */
		setTokenScopes(scopes) {
			tokenScopes = scopes ? [...scopes] : [...ALL_SCOPES];
		},
		revokeTokens() {
			issuedJtis.clear();
		},
		/** The organization owner revokes the API key (and so every token); `restoreKey()` undoes it. */
		revokeKey() {
			keyRevoked = true;
			issuedJtis.clear();
		},
		restoreKey() {
			keyRevoked = false;
		},
	};
}

module.exports = { createAuth };
