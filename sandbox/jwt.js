'use strict';

// Minimal HS256 JSON Web Tokens built on node:crypto (no dependencies).

const crypto = require('node:crypto');

const HEADER = { alg: 'HS256', typ: 'JWT' };

function base64url(input) {
	const buffer = Buffer.isBuffer(input) ? input : Buffer.from(String(input), 'utf8');
	return buffer.toString('base64url');
}

function hmac(secret, data) {
	return crypto.createHmac('sha256', secret).update(data).digest();
}

function sign(claims, secret) {
	const head = base64url(JSON.stringify(HEADER));
	const body = base64url(JSON.stringify(claims));
	const signature = base64url(hmac(secret, `${head}.${body}`));
	return `${head}.${body}.${signature}`;
}

/**
 * Verifies signature and expiry. Returns { ok: true, claims } or { ok: false, reason }.
 * `nowSeconds` can be injected for tests.
 */
function verify(token, secret, nowSeconds = Math.floor(Date.now() / 1000)) {
	if (typeof token !== 'string') return { ok: false, reason: 'Token is missing' };
	const parts = token.split('.');
	if (parts.length !== 3) return { ok: false, reason: 'Token is malformed' };
	const [head, body, signature] = parts;
	let header;
	let claims;
	try {
		header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
		claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
	} catch {
		return { ok: false, reason: 'Token is malformed' };
	}
	if (!header || header.alg !== 'HS256') return { ok: false, reason: 'Unsupported token algorithm' };
	const expected = hmac(secret, `${head}.${body}`);
	const given = Buffer.from(signature, 'base64url');
	if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'Token signature is invalid' };
	}
	if (!claims || typeof claims !== 'object') return { ok: false, reason: 'Token is malformed' };
	if (typeof claims.exp !== 'number' || nowSeconds >= claims.exp) {
		return { ok: false, reason: 'Token has expired' };
	}
	return { ok: true, claims };
}

module.exports = { sign, verify, base64url };
