'use strict';

const local = require('../../scripts/lib/n8n-local');

// The named checks of an end-to-end suite (run.js, stock-sync.js): each prints `ok` or `FAILED` with its time.
// For development, E2E_ONLY=<regex> runs only the checks whose name matches (checks marked `always` still run).

/** `test(name, fn)` runs one named check; a failure is counted and printed, and the suite goes on. */
function createChecks() {
	const results = { passed: 0, failed: 0 };
	const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;
	async function test(name, fn, { always = false } = {}) {
		if (only && !always && !only.test(name)) return true;
		const started = Date.now();
		try {
			await fn();
			results.passed++;
			console.log(`ok     ${name} (${Date.now() - started} ms)`);
			return true;
		} catch (error) {
			results.failed++;
			console.log(`FAILED ${name} (${Date.now() - started} ms)\n       ${String(error && error.stack ? error.message : error).split('\n').join('\n       ')}`);
			return false;
		}
	}
	return { results, test };
}

/** On SIGINT or SIGTERM: kills every process started here, says what was kept, runs `before` and exits 130. */
function exitOnSignals(keptFolder, before = () => {}) {
	const onSignal = (signal) => {
		before();
		local.killAllChildren();
		console.log(`# ${signal}: stopped every process started here; kept ${keptFolder()}`);
		process.exit(130);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

/** Stops what a suite started: n8n (ctx.n8n) and its process group by PID, any other child, the sandbox. */
async function stopAll(ctx) {
	await local.stopProcess(ctx.n8n).catch(() => {});
	local.killAllChildren();
	if (ctx.sandbox) await ctx.sandbox.stop().catch(() => {});
}

module.exports = { createChecks, exitOnSignals, stopAll };
