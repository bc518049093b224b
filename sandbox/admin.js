'use strict';

// Sandbox-only admin API under /__sandbox/ (NOT part of PharmaOne). No auth, no faults, not counted in stats.

const { HttpError, isObject, notFound } = require('./util');

function bodyObject(body) {
	if (!isObject(body)) throw new HttpError(400, { error: 'validation_error', message: 'Body must be a JSON object' });
	return body;
}

/** Returns { status, body } for an admin request, or null when the path is not an admin route. */
async function handleAdmin(sandbox, method, pathname, body) {
	const path = pathname.replace(/\/+$/, '');
	const route = `${method} ${path.replace(/^\/__sandbox/, '')}`;
	if (route === 'GET ' || route === 'GET /info') {
		return { status: 200, body: sandbox.info() };
	}
	if (route === 'GET /subscriptions') {
		return { status: 200, body: { data: sandbox.webhooks.subscriptions } };
	}
	if (route === 'POST /subscriptions') {
		const b = bodyObject(body);
		try {
			return { status: 201, body: sandbox.addSubscription(b) };
		} catch (err) {
			throw new HttpError(400, { error: 'validation_error', message: err.message });
		}
	}
	const sub = /^DELETE \/subscriptions\/([^/]+)$/.exec(route);
	if (sub) {
		if (!sandbox.webhooks.unsubscribe(decodeURIComponent(sub[1]))) throw notFound('Subscription not found');
		return { status: 200, body: { status: 'ok' } };
	}
	const status = /^POST \/orders\/([^/]+)\/status$/.exec(route);
	if (status) {
		const result = sandbox.changeOrderStatus(decodeURIComponent(status[1]), bodyObject(body));
		return { status: 200, body: result };
	}
	if (route === 'GET /faults') return { status: 200, body: sandbox.getFaults() };
	if (route === 'POST /faults') return { status: 200, body: sandbox.setFaults(bodyObject(body)) };
	if (route === 'DELETE /faults') return { status: 200, body: sandbox.clearFaults() };
	if (route === 'GET /behaviour') return { status: 200, body: sandbox.getBehaviour() };
	if (route === 'POST /behaviour') return { status: 200, body: sandbox.setBehaviour(bodyObject(body)) };
	if (route === 'POST /duplicate-external-reference') {
		sandbox.setDuplicateExternalReference(bodyObject(body).mode);
		return { status: 200, body: { mode: bodyObject(body).mode } };
	}
	if (route === 'POST /revoke-tokens') {
		sandbox.revokeTokens();
		return { status: 200, body: { status: 'ok' } };
	}
	if (route === 'POST /revoke-key' || route === 'POST /restore-key') {
		if (route === 'POST /revoke-key') sandbox.revokeKey();
		else sandbox.restoreKey();
		return { status: 200, body: { status: 'ok' } };
	}
	if (route === 'GET /stats') return { status: 200, body: sandbox.stats() };
	if (route === 'POST /reset-stats') {
		sandbox.resetStats();
		return { status: 200, body: sandbox.stats() };
	}
	if (route === 'POST /deliver') {
		return { status: 200, body: await sandbox.deliver(bodyObject(body)) };
	}
	if (route === 'GET /deliveries') return { status: 200, body: { data: sandbox.webhooks.log } };
	throw notFound(`Unknown sandbox admin route ${method} ${pathname}`);
}

module.exports = { handleAdmin };
