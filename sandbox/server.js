'use strict';

// PharmaOne sandbox: a zero-dependency local emulation of the PharmaOne partner API.
// Manager host (v2 + v1 order requests + /__sandbox admin API) and a shop host (telemedicine connector).

const crypto = require('node:crypto');
const http = require('node:http');
const { URL } = require('node:url');
const jwt = require('./jwt');
const { seedState, isoMicros } = require('./data');
const { DEFAULT_BEHAVIOUR, mergeBehaviour } = require('./behaviour');
const { WebhookDispatcher, withTestMetadata } = require('./webhooks');
const { ALL_SCOPES, MANAGER_ROUTES, SHOP_ROUTES, match } = require('./routes');
const { changeStatus } = require('./orders');
const { handleAdmin } = require('./admin');
const { HttpError } = require('./util');

const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** How the API answers a valid key used with another organization's ID (the docs do not say). */
const KEY_ORG_MISMATCH = ['token-401', 'token-403', 'route-403'];
const FAULT_KEYS = ['latencyMs', 'rateLimit', 'serverError', 'tokenTtlSeconds', 'ignorePaging', 'failNextRequests', 'failAfterApplying'];
const DUPLICATE_MODES = ['create', 'return', 'reject'];

const kong401 = () =>
	new HttpError(401, { message: 'Unauthorized', request_id: crypto.randomBytes(16).toString('hex') });
const invalidToken = (message) => new HttpError(401, { error: 'invalid_token', message });

function createSandbox(options = {}) {
	const opts = {
		host: '127.0.0.1',
		port: 0,
		shopPort: 0,
		orgId: 'org1',
		apiKey: 'dummy-sandbox-api-key',
		jwtSecret: 'dummy-sandbox-jwt-key',
		signingSecret: 'dummy-sandbox-signing-secret',
		seed: 1,
		orderCount: 60,
		scopes: ALL_SCOPES,
		connectorShopId: 'shop1',
		lowStockThreshold: 5,
		webhookUrls: [],
		// Where the docs are silent, which plausible behaviour to emulate (sandbox/README.md, "Switchable").
		keyOrgMismatch: 'token-401',
		connectorInvalidStatus: 400,
		duplicateExternalReference: 'create',
		...options,
	};
	if (!KEY_ORG_MISMATCH.includes(opts.keyOrgMismatch)) {
		throw new Error(`keyOrgMismatch must be one of ${KEY_ORG_MISMATCH.join(', ')}`);
	}
	const state = seedState(opts);
	const anchorMs = Date.parse(state.anchor);
	// Mutations never get a timestamp older than the seeded data, even with a clock before the anchor date.
	const clockOffsetMs = Math.max(0, anchorMs - Date.now());
	let lastMicros = 0;
	const clock = () => Date.now() + clockOffsetMs;
	const now = () => {
		let micros = Math.floor((performance.timeOrigin + performance.now()) * 1000) + clockOffsetMs * 1000;
		if (micros <= lastMicros) micros = lastMicros + 1;
		lastMicros = micros;
		return isoMicros(micros / 1000, micros % 1000);
	};

	const counters = {};
	const resetCounters = () =>
		Object.assign(counters, {
			requests: {},
			totalRequests: 0,
			tokenExchanges: 0,
			faultsInjected: 0,
			webhooksSent: 0,
			webhooksFailed: 0,
			webhookAttempts: 0,
		});
	resetCounters();

	const webhooks = new WebhookDispatcher({
		orgId: opts.orgId,
		defaultSecret: opts.signingSecret,
		clock: now,
		counters,
		timeoutMs: opts.webhookTimeoutMs,
		retryDelaysMs: opts.webhookRetryDelaysMs,
	});
	state.subscriptions = webhooks.subscriptions;
	for (const url of opts.webhookUrls || []) webhooks.subscribe({ url });

	let faults = {};
	let keyRevoked = false;
	let faultCounter = 0;
	let behaviour = mergeBehaviour(DEFAULT_BEHAVIOUR, {
		listOrder: opts.listOrder,
		upsertCreatedAt: opts.upsertCreatedAt,
		adjustAnswer: opts.adjustAnswer,
	});
	let tokenScopes = [...opts.scopes];
	let duplicateExternalReference = 'create';
	const issuedJtis = new Set();

	const core = {
		state,
		get faults() {
			return faults;
		},
		get behaviour() {
			return behaviour;
		},
		clock,
		now,
		lowStockThreshold: opts.lowStockThreshold,
		get duplicateExternalReference() {
			return duplicateExternalReference;
		},
		connectorShopId: opts.connectorShopId,
		emit: (type, description, metadata) => webhooks.emit(type, description, metadata),
	};

	function issueToken({ scopes = tokenScopes, orgId = opts.orgId, ttlSeconds } = {}) {
		const ttl = ttlSeconds ?? faults.tokenTtlSeconds ?? 3600;
		const iat = Math.floor(Date.now() / 1000);
		const claims = { org_id: orgId, scopes: [...scopes], iss: 'pharmaone-integration', sub: 'integration', iat, exp: iat + ttl, jti: crypto.randomUUID() };
		issuedJtis.add(claims.jti);
		return { token: jwt.sign(claims, opts.jwtSecret), ttl };
	}

	function apiKeyFrom(req, url) {
		return req.headers.apikey || req.headers['x-api-key'] || url.searchParams.get('apikey') || null;
	}

	function authorize(route, params, req, url) {
		if (route.auth === 'token' || route.auth === 'apikey' || route.auth === 'connector') {
			if (keyRevoked || apiKeyFrom(req, url) !== opts.apiKey) throw kong401();
			if (route.auth !== 'connector' && params.orgId !== opts.orgId) {
				// 'route-403': the token is issued for the key's own organization, and routes refuse it.
				if (opts.keyOrgMismatch === 'route-403' && route.auth === 'token') return;
				if (opts.keyOrgMismatch === 'token-401') throw new HttpError(401, { error: 'Invalid or missing API key' });
				throw new HttpError(403, { error: 'org_mismatch', message: 'Token org_id does not match URL orgId' });
			}
			return;
		}
		const header = req.headers.authorization || '';
		const m = /^Bearer\s+(\S+)$/i.exec(header);
		if (!m) throw invalidToken('Missing bearer token');
		const result = jwt.verify(m[1], opts.jwtSecret);
		if (!result.ok) throw invalidToken(result.reason);
		if (!issuedJtis.has(result.claims.jti)) throw invalidToken('Token has been revoked');
		if (result.claims.org_id !== params.orgId) {
			throw new HttpError(403, { error: 'org_mismatch', message: 'Token org_id does not match URL orgId' });
		}
		const scopes = Array.isArray(result.claims.scopes) ? result.claims.scopes : [];
		if (route.scope && !scopes.includes(route.scope)) {
			throw new HttpError(403, { error: 'insufficient_scope', message: `Missing scope: ${route.scope}` });
		}
	}

	/** Deterministic fault injection; returns an HttpError to answer with, or null. */
	function injectedFault() {
		faultCounter++;
		const n = faultCounter;
		const fail = faults.failNextRequests;
		if (fail && fail.count > 0) {
			fail.count--;
			return faultError(fail.status || 500, fail.retryAfterSeconds);
		}
		const rate = faults.rateLimit;
		if (rate && rate.everyN > 0 && n % rate.everyN === 0) return faultError(429, rate.retryAfterSeconds ?? 1);
		const err = faults.serverError;
		if (err && err.everyN > 0 && n % err.everyN === 0) return faultError(err.status || 500, err.retryAfterSeconds);
		return null;
	}

	/** failAfterApplying: a write is applied, then its answer is lost (an HTTP error, or the connection drops). */
	function lostAnswer() {
		const fail = faults.failAfterApplying;
		if (!fail || !(fail.count > 0)) return null;
		fail.count--;
		if (!fail.drop) return faultError(fail.status || 502);
		counters.faultsInjected++;
		return Object.assign(new HttpError(0, null), { drop: true });
	}

	function faultError(status, retryAfter) {
		counters.faultsInjected++;
		const headers = retryAfter !== undefined && retryAfter !== null ? { 'Retry-After': String(retryAfter) } : {};
		const body =
			status === 429
				? { message: 'API rate limit exceeded', request_id: crypto.randomBytes(16).toString('hex') }
				: { error: 'sandbox_fault', message: `Injected sandbox fault (HTTP ${status})` };
		return new HttpError(status, body, headers);
	}

	async function handleApi(req, res, url, raw, routes, isManager) {
		if (isManager && (url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/'))) {
			const body = parseJson(raw);
			return handleAdmin(sandbox, req.method, url.pathname, body);
		}
		counters.totalRequests++;
		const delay = faults.latencyMs ?? opts.latencyMs;
		if (delay > 0) await new Promise((r) => setTimeout(r, delay));
		const { route, params } = match(routes, req.method, url.pathname);
		const key = route ? route.key : 'unmatched';
		counters.requests[key] = (counters.requests[key] || 0) + 1;
		const fault = injectedFault();
		if (fault) throw fault;
		if (!route) throw new HttpError(404, { error: 'not_found', message: `No route for ${req.method} ${url.pathname}` });
		authorize(route, params, req, url);
		const body = parseJson(raw);
		if (route.auth === 'token') {
			counters.tokenExchanges++;
			const { token, ttl } = issueToken();
			return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: ttl } };
		}
		const channel = route.auth === 'apikey' ? 'v1' : undefined;
		let result;
		try {
			result = await route.handler({ core, params, query: url.searchParams, body, channel });
		} catch (err) {
			// The connector's status for an invalid order: 400 or 422 (the docs do not say).
			if (route.auth === 'connector' && err instanceof HttpError && err.status === 400) err.status = opts.connectorInvalidStatus;
			throw err;
		}
		const lost = req.method === 'GET' ? null : lostAnswer();
		if (lost) throw lost;
		return { status: 200, body: result };
	}

	function listener(routes, isManager) {
		return (req, res) => {
			readBody(req)
				.then((raw) => {
					const url = new URL(req.url, 'http://sandbox.local');
					return handleApi(req, res, url, raw, routes, isManager);
				})
				.then(
					(out) => send(res, out.status, out.body, out.headers),
					(err) => {
						if (err && err.drop) res.socket?.destroy();
						else if (err instanceof HttpError) send(res, err.status, err.body, err.headers);
						else send(res, 500, { error: 'internal_error', message: String(err && err.message) });
					},
				);
		};
	}

	const managerServer = http.createServer(listener(MANAGER_ROUTES, true));
	const shopServer = http.createServer(listener(SHOP_ROUTES, false));
	let urls = null;

	const sandbox = {
		state,
		webhooks,
		options: opts,
		async start() {
			await listen(managerServer, opts.port, opts.host);
			await listen(shopServer, opts.shopPort, opts.host);
			const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
			urls = {
				baseUrl: `http://${hostForUrl}:${managerServer.address().port}`,
				shopUrl: `http://${hostForUrl}:${shopServer.address().port}`,
			};
			return { ...urls };
		},
		async stop() {
			webhooks.stop();
			await Promise.all([close(managerServer), close(shopServer)]);
		},
		info() {
			return { ...urls, orgId: opts.orgId, apiKey: opts.apiKey, signingSecret: opts.signingSecret, anchor: state.anchor, behaviour: { ...behaviour } };
		},
		getFaults: () => JSON.parse(JSON.stringify(faults)),
		setFaults(partial = {}) {
			const next = { ...faults };
			for (const [k, v] of Object.entries(partial || {})) {
				if (!FAULT_KEYS.includes(k)) throw new HttpError(400, { error: 'validation_error', message: `Unknown fault ${k}` });
				if (v === null || v === undefined || v === false) delete next[k];
				else next[k] = typeof v === 'object' ? { ...v } : v;
			}
			faults = next;
			faultCounter = 0;
			return sandbox.getFaults();
		},
		clearFaults() {
			faults = {};
			faultCounter = 0;
			return {};
		},
		getBehaviour: () => ({ ...behaviour }),
		setBehaviour(partial = {}) {
			behaviour = mergeBehaviour(behaviour, partial);
			return sandbox.getBehaviour();
		},
		/** What a repeated external_reference gets: 'create' (another request), 'return' (the first) or 'reject' (409). */
		setDuplicateExternalReference(mode) {
			if (!DUPLICATE_MODES.includes(mode)) {
				throw new HttpError(400, { error: 'validation_error', message: `duplicateExternalReference must be one of ${DUPLICATE_MODES.join(', ')}` });
			}
			duplicateExternalReference = mode;
		},
		setTokenScopes(scopes) {
			tokenScopes = scopes ? [...scopes] : [...ALL_SCOPES];
		},
		issueToken: (o) => issueToken(o).token,
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
		addSubscription(sub) {
			return webhooks.subscribe(sub || {});
		},
		changeOrderStatus(orderId, newStatus) {
			const body = typeof newStatus === 'string' ? { status: newStatus } : { ...newStatus };
			return changeStatus(core, orderId, body, 'Manager');
		},
		deliver: (spec) => webhooks.deliverOnce(withTestMetadata(state.orders.byId.values(), spec || {})),
		flushWebhooks: () => webhooks.flush(),
		stats() {
			return {
				requests: { ...counters.requests },
				totalRequests: counters.totalRequests,
				tokenExchanges: counters.tokenExchanges,
				faultsInjected: counters.faultsInjected,
				webhooks: { sent: counters.webhooksSent, failed: counters.webhooksFailed, attempts: counters.webhookAttempts },
			};
		},
		resetStats: () => void resetCounters(),
	};
	if (options.faults) sandbox.setFaults(options.faults);
	sandbox.setDuplicateExternalReference(opts.duplicateExternalReference);
	return sandbox;

}

function parseJson(raw) {
	if (!raw.length) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new HttpError(400, { error: 'invalid_json' });
	}
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new HttpError(413, { error: 'payload_too_large', message: 'Request body is too large' }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function send(res, status, body, headers = {}) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body ?? {});
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function close(server) {
	return new Promise((resolve) => {
		if (!server.listening) return resolve();
		server.close(() => resolve());
		server.closeAllConnections?.();
	});
}

module.exports = { createSandbox, ALL_SCOPES, readBody };
