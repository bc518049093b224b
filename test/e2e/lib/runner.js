'use strict';

// Running an end-to-end suite: named checks and steps, the suite's folder, and the script's exit code.
// Used by fuzz.js, queue.js, demo.js, install.js and aiStandalone.js (run.js has its own runner).

const fs = require('node:fs');
const path = require('node:path');
const local = require('../../../scripts/lib/n8n-local');

/**
 * `test(name, fn)` runs one check and prints `ok` or `FAILED` with its time; `step(name, fn)` is a check whose
 * failure stops the suite (it throws `stopping: …`) and which returns fn's value. `results` counts both.
 */
function createRunner() {
	const results = { passed: 0, failed: 0 };
	const test = async (name, fn) => {
		const started = Date.now();
		try {
			await fn();
		} catch (error) {
			results.failed++;
			console.log(`FAILED ${name} (${Date.now() - started} ms)\n       ${String(error?.message ?? error).split('\n').join('\n       ')}`);
			return false;
		}
		results.passed++;
		console.log(`ok     ${name} (${Date.now() - started} ms)`);
		return true;
	};
	const step = async (name, fn) => {
		let value;
		if (!(await test(name, async () => { value = await fn(); }))) throw new Error(`stopping: "${name}" failed`);
		return value;
	};
	return { results, test, step };
}

/** Removes the `<prefix>-<pid>` folders of `runsDir` whose process is gone (kept by earlier failed runs). */
function removeOldRuns(runsDir, prefix) {
	if (!fs.existsSync(runsDir)) return;
	for (const name of fs.readdirSync(runsDir)) {
		const pid = Number(new RegExp(`^${prefix}-(\\d+)$`).exec(name)?.[1]);
		if (!pid) continue;
		try {
			process.kill(pid, 0);
		} catch {
			fs.rmSync(path.join(runsDir, name), { recursive: true, force: true });
		}
	}
}

/**
 * Runs a suite: `main(ctx, { test, step })` (a failed step stops it; an unexpected error counts as a failure),
 * then always `stop(ctx)`. Removes `folder` when everything passed, else keeps it for inspection (`kept` names
 * what is in it).
 */
async function runSuite(label, ctx, folder, main, stop, kept = 'n8n.log, database') {
	const started = Date.now();
	const { results, test, step } = createRunner();
	try {
		await main(ctx, { test, step });
	} catch (error) {
		if (/^stopping: /.test(error.message)) console.log(`# ${error.message}`);
		else {
			results.failed++;
			console.log(`FAILED unexpected error\n       ${error.stack}`);
		}
	} finally {
		await stop(ctx);
	}
	if (results.failed === 0) fs.rmSync(folder, { recursive: true, force: true });
	else console.log(`# kept ${path.relative(process.cwd(), folder)} (${kept}) for inspection`);
	console.log(`# ${label} took ${Math.round((Date.now() - started) / 1000)} s`);
	return results;
}

/** Runs a suite as a script: stops every child on Ctrl-C, prints `N passed, M failed`, sets the exit code. */
function runStandalone(suite) {
	const onSignal = (signal) => {
		local.killAllChildren();
		console.log(`# ${signal}: stopped every process started here`);
		console.log('0 passed, 1 failed');
		process.exit(130);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	suite().then((results) => {
		local.killAllChildren();
		console.log(`${results.passed} passed, ${results.failed} failed`);
		process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
	});
}

module.exports = { createRunner, removeOldRuns, runSuite, runStandalone };
