'use strict';

// What the sandbox counts (GET /__sandbox/stats): requests per route, token exchanges, injected faults, webhooks.

function createCounters() {
	const counters = {};
	const reset = () =>
		Object.assign(counters, {
			requests: {},
			totalRequests: 0,
			tokenExchanges: 0,
			faultsInjected: 0,
			webhooksSent: 0,
			webhooksFailed: 0,
			webhookAttempts: 0,
		});
	reset();
	/** A copy of the counts, in the shape of SandboxStats (server.d.ts). */
	const snapshot = () => ({
		requests: { ...counters.requests },
		totalRequests: counters.totalRequests,
		tokenExchanges: counters.tokenExchanges,
		faultsInjected: counters.faultsInjected,
		webhooks: { sent: counters.webhooksSent, failed: counters.webhooksFailed, attempts: counters.webhookAttempts },
	});
	return { counters, reset, snapshot };
}

module.exports = { createCounters };
