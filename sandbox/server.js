'use strict';

// PharmaOne sandbox: a zero-dependency local emulation of the PharmaOne partner API.
// Manager host (v2 + v1 order requests + /__sandbox admin API) and a shop host (telemedicine connector).
// This file puts the parts together and is the sandbox's control API (server.d.ts): options and seed data here,
// one request in api.js, keys and tokens in auth.js, faults in faults.js, webhooks in webhooks.js.

const http = require('node:http');
const { seedState } = require('./data');
const { createClock } = require('./clock');
const { createCounters } = require('./stats');
const { createFaults } = require('./faults');
const { createAuth } = require('./auth');
const { createListener } = require('./api');
const { listen, close } = require('./http');
const { DEFAULT_BEHAVIOUR, mergeBehaviour } = require('./behaviour');
const { WebhookDispatcher, withTestMetadata } = require('./webhooks');
const { ALL_SCOPES, MANAGER_ROUTES, SHOP_ROUTES } = require('./routes');
const { changeStatus } = require('./orders');
const { HttpError } = require('./util');

const DUPLICATE_MODES = ['create', 'return', 'reject'];

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
	const stats = createCounters();
	const { counters } = stats;
	const faults = createFaults(counters);
	const auth = createAuth(opts, faults);
	const state = seedState(opts);
	const { clock, now } = createClock(state.anchor);

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

	let behaviour = mergeBehaviour(DEFAULT_BEHAVIOUR, {
		listOrder: opts.listOrder,
		upsertCreatedAt: opts.upsertCreatedAt,
		adjustAnswer: opts.adjustAnswer,
	});
	let duplicateExternalReference = 'create';

	/** What route handlers read and call. */
	const core = {
		state,
		get faults() {
			return faults.current;
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
		getFaults: () => faults.snapshot(),
		setFaults: (partial) => faults.set(partial),
		clearFaults: () => faults.clear(),
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
		setTokenScopes: (scopes) => auth.setTokenScopes(scopes),
		issueToken: (o) => auth.issueToken(o).token,
		revokeTokens: () => auth.revokeTokens(),
		revokeKey: () => auth.revokeKey(),
		restoreKey: () => auth.restoreKey(),
		addSubscription(sub) {
			return webhooks.subscribe(sub || {});
		},
		changeOrderStatus(orderId, newStatus) {
			const body = typeof newStatus === 'string' ? { status: newStatus } : { ...newStatus };
			return changeStatus(core, orderId, body, 'Manager');
		},
		deliver: (spec) => webhooks.deliverOnce(withTestMetadata(state.orders.byId.values(), spec || {})),
		flushWebhooks: () => webhooks.flush(),
		stats: () => stats.snapshot(),
		resetStats: () => void stats.reset(),
	};

	const deps = { opts, core, auth, faults, counters, sandbox };
	const managerServer = http.createServer(createListener(deps, MANAGER_ROUTES, true));
	const shopServer = http.createServer(createListener(deps, SHOP_ROUTES, false));
	if (options.faults) sandbox.setFaults(options.faults);
	sandbox.setDuplicateExternalReference(opts.duplicateExternalReference);
	return sandbox;
}

module.exports = { createSandbox, ALL_SCOPES };
