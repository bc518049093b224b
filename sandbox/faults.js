'use strict';

// Fault injection (sandbox/README.md, "Faults"): latency, 429 with Retry-After, 5xx, short token lifetimes,
// ignored paging, failed requests and writes whose answer is lost. Deterministic: faults count the requests
// since they were set.

const crypto = require('node:crypto');
const { HttpError } = require('./util');

const FAULT_KEYS = ['latencyMs', 'rateLimit', 'serverError', 'tokenTtlSeconds', 'ignorePaging', 'failNextRequests', 'failAfterApplying'];

/** The faults in force and the errors they answer with; every injected fault is counted in `counters`. */
function createFaults(counters) {
	let faults = {};
	let requestCount = 0;

	function faultError(status, retryAfter) {
		counters.faultsInjected++;
		const headers = retryAfter !== undefined && retryAfter !== null ? { 'Retry-After': String(retryAfter) } : {};
		const body =
			status === 429
				? { message: 'API rate limit exceeded', request_id: crypto.randomBytes(16).toString('hex') }
				: { error: 'sandbox_fault', message: `Injected sandbox fault (HTTP ${status})` };
		return new HttpError(status, body, headers);
	}

	return {
		/** The faults in force (read by handlers: ignorePaging, and by the token exchange: tokenTtlSeconds). */
		get current() {
			return faults;
		},
		/** A copy of the faults in force. */
		snapshot: () => JSON.parse(JSON.stringify(faults)),
		/** Sets (or, with null, false or undefined, clears) the named faults; 400 on an unknown one. */
		set(partial = {}) {
			const next = { ...faults };
			for (const [k, v] of Object.entries(partial || {})) {
				if (!FAULT_KEYS.includes(k)) throw new HttpError(400, { error: 'validation_error', message: `Unknown fault ${k}` });
				if (v === null || v === undefined || v === false) delete next[k];
				else next[k] = typeof v === 'object' ? { ...v } : v;
			}
			faults = next;
			requestCount = 0;
			return JSON.parse(JSON.stringify(faults));
		},
		clear() {
			faults = {};
			requestCount = 0;
			return {};
		},
		/** Counts one API request; returns the HttpError to answer it with, or null. */
		injected() {
			requestCount++;
			const n = requestCount;
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
		},
		/** failAfterApplying: a write is applied, then its answer is lost (an HTTP error, or the connection drops). */
		lostAnswer() {
			const fail = faults.failAfterApplying;
			if (!fail || !(fail.count > 0)) return null;
			fail.count--;
			if (!fail.drop) return faultError(fail.status || 502);
			counters.faultsInjected++;
			return Object.assign(new HttpError(0, null), { drop: true });
		},
	};
}

module.exports = { createFaults };
