'use strict';

// One request to the sandbox's emulated API, from the socket to the answer: the admin routes (/__sandbox/, manager
// host only), then latency, counting, injected faults, routing, authorization, the token exchange or the route's
// handler, and a lost answer after a write.

const { URL } = require('node:url');
const { match } = require('./routes');
const { handleAdmin } = require('./admin');
const { readBody, parseJson, send } = require('./http');
const { HttpError } = require('./util');

/**
 * A request listener for a server that serves `routes` (MANAGER_ROUTES or SHOP_ROUTES; `isManager` adds the admin
 * routes). `deps`: opts (latencyMs, connectorInvalidStatus), core (what handlers read), auth, faults, counters,
 * and sandbox (the admin routes' target).
 */
function createListener(deps, routes, isManager) {
	const { opts, core, auth, faults, counters, sandbox } = deps;

	async function handleApi(req, url, raw) {
		if (isManager && (url.pathname === '/__sandbox' || url.pathname.startsWith('/__sandbox/'))) {
			const body = parseJson(raw);
			return handleAdmin(sandbox, req.method, url.pathname, body);
		}
		counters.totalRequests++;
		const delay = faults.current.latencyMs ?? opts.latencyMs;
		if (delay > 0) await new Promise((r) => setTimeout(r, delay));
		const { route, params } = match(routes, req.method, url.pathname);
		const key = route ? route.key : 'unmatched';
		counters.requests[key] = (counters.requests[key] || 0) + 1;
		const fault = faults.injected();
		if (fault) throw fault;
		if (!route) throw new HttpError(404, { error: 'not_found', message: `No route for ${req.method} ${url.pathname}` });
		auth.authorize(route, params, req, url);
		const body = parseJson(raw);
		if (route.auth === 'token') {
			counters.tokenExchanges++;
			const { token, ttl } = auth.issueToken();
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
		const lost = req.method === 'GET' ? null : faults.lostAnswer();
		if (lost) throw lost;
		return { status: 200, body: result };
	}

	return (req, res) => {
		readBody(req)
			.then((raw) => {
				const url = new URL(req.url, 'http://sandbox.local');
				return handleApi(req, url, raw);
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

module.exports = { createListener };
