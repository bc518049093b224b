'use strict';

// Measuring inside one running n8n: create and publish workflows through the REST API (as the editor does),
// call a webhook-started workflow and read each node's executionTime from the saved execution, and send
// signed webhook deliveries with bounded concurrency.

const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const local = require('../scripts/lib/n8n-local');

let ticksPerSecond;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. With
 * `mainThreadOnly`, only its main thread (where JavaScript runs), without libuv's and V8's helper threads.
 */
function processCpuMs(pid, mainThreadOnly = false) {
	try {
		ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
		// Fields after the command name, which is in parentheses and may contain spaces.
		const file = mainThreadOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
		const fields = fs.readFileSync(file, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
	} catch {
		return NaN;
	}
}

const median = (values) => {
	const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
	if (sorted.length === 0) return NaN;
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function expectOk(promise, what) {
	const result = await promise;
	if (result.status !== 200) throw new Error(`${what} answered ${result.status}: ${result.text.slice(0, 400)}`);
	return result.json.data;
}

/**
 * Starts `n8n start` (with `nodeArgs` for Node.js) as ctx.n8n, output to ctx.logFile, waits (bounded) until it is
 * ready at ctx.n8nUrl, then creates the owner and logs in as ctx.rest.
 */
async function startServer(ctx, env, nodeArgs = []) {
	ctx.n8n = local.startBackground(ctx.runtime.node, [...nodeArgs, ctx.runtime.n8n, 'start'], { env, logFile: ctx.logFile });
	await local.waitFor('n8n /healthz/readiness', async () => {
		if (ctx.n8n.exitCode !== null) throw new Error(`n8n exited with ${ctx.n8n.exitCode}; see ${ctx.logFile}`);
		return (await local.fetchWithTimeout(`${ctx.n8nUrl}/healthz/readiness`, {}, 5000)).ok;
	}, { timeoutMs: 180000 });
	ctx.rest = new local.N8nRest(ctx.n8nUrl);
	await ctx.rest.setupOwner();
	await ctx.rest.login();
}

/** POST /rest/credentials: a credential as the editor creates it (token empty, so the first use exchanges). */
function createCredential(rest, name, type, data) {
	return expectOk(rest.request('POST', '/rest/credentials', { name, type, data }), `POST /rest/credentials (${name})`);
}

/** POST /rest/workflows, then POST /rest/workflows/{id}/activate (publish) with its version. */
async function createPublished(rest, workflow) {
	const created = await expectOk(rest.request('POST', '/rest/workflows', workflow), `POST /rest/workflows (${workflow.name})`);
	await expectOk(
		rest.request('POST', `/rest/workflows/${created.id}/activate`, { versionId: created.versionId }),
		`activate ${workflow.name}`,
	);
	return created.id;
}

/** The newest execution of a workflow once it is finished and newer than `afterId`. */
async function newestExecution(ctx, workflowId, afterId) {
	return local.waitFor(`a finished execution of ${workflowId}`, async () => {
		const [latest] = await ctx.rest.executions(workflowId);
		if (!latest || Number(latest.id) <= Number(afterId ?? 0)) return false;
		return ['new', 'running', 'waiting'].includes(latest.status) ? false : latest;
	}, { timeoutMs: 120000, intervalMs: 200 });
}

/**
 * Runs a webhook-started workflow once: POSTs `body`, waits for the answer (the workflow finished), then
 * reads the execution. Returns the summed executionTime of every run of `timedNodes` (a node in a loop runs
 * many times), the client-side wall time, the CPU time n8n's main process used meanwhile, and the item count
 * of the last timed node over all its runs. `afterResponse` runs as soon as the workflow has answered.
 */
async function runWebhookWorkflow(ctx, { workflowId, urlPath, body, timedNodes, expectItems, afterResponse }) {
	const [before] = await ctx.rest.executions(workflowId);
	let response;
	let wallMs;
	let cpuMs;
	// A webhook just published may not be registered yet: a 404 started nothing, so it is safe to repeat.
	for (let attempt = 0; attempt < 60 && (!response || response.status === 404); attempt++) {
		if (attempt > 0) await local.sleep(500);
		const cpuBefore = processCpuMs(ctx.n8n.pid);
		const started = process.hrtime.bigint();
		response = await local.fetchWithTimeout(`${ctx.n8nUrl}${urlPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body ?? {}),
		}, 300000);
		await response.text();
		wallMs = Number(process.hrtime.bigint() - started) / 1e6;
		cpuMs = processCpuMs(ctx.n8n.pid) - cpuBefore;
	}
	if (afterResponse) await afterResponse();
	if (response.status !== 200) throw new Error(`POST ${urlPath} answered ${response.status}`);
	const summary = await newestExecution(ctx, workflowId, before?.id);
	if (summary.status !== 'success') throw new Error(`execution ${summary.id} of ${workflowId} ended ${summary.status}`);
	const execution = await ctx.rest.execution(summary.id, ctx.runtime);
	const runData = execution.data.resultData.runData;
	let nodeMs = 0;
	let items;
	for (const name of timedNodes) {
		const runs = runData[name] ?? [];
		if (runs.length === 0) throw new Error(`node "${name}" did not run in execution ${summary.id}`);
		items = 0;
		for (const run of runs) {
			if (run.error) throw new Error(`node "${name}" failed: ${run.error.message}`);
			nodeMs += run.executionTime;
			items += run.data?.main?.[0]?.length ?? 0;
		}
	}
	if (expectItems !== undefined && items !== expectItems) {
		throw new Error(`node "${timedNodes.at(-1)}" returned ${items} items, expected ${expectItems}`);
	}
	return { nodeMs, wallMs, cpuMs, items, executionId: summary.id };
}

/** Executions of a workflow in n8n's list (count from GET /rest/executions). */
async function executionCount(ctx, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const result = await ctx.rest.request('GET', `/rest/executions?filter=${filter}&limit=1`);
	if (result.status !== 200) throw new Error(`GET /rest/executions answered ${result.status}`);
	const { count, results } = result.json.data;
	const busy = results.some((execution) => ['new', 'running'].includes(execution.status));
	return { count, busy };
}

/**
 * Sends `total` signed deliveries (signed by the sandbox with its signing secret) to `url`, at most
 * `concurrency` at a time. Returns the deliveries answered 2xx per second of wall time.
 */
async function sendDeliveries(sandbox, url, { total, concurrency, orderIds }) {
	let next = 0;
	let accepted = 0;
	const statuses = {};
	const worker = async () => {
		while (next < total) {
			const index = next++;
			const orderId = orderIds[index % orderIds.length];
			const result = await sandbox.deliver({
				url,
				event_type: 'order_status_updated',
				metadata: { order_id: orderId, old_status: 'awaiting_packing', new_status: 'ready_pickup' },
			});
			const status = result.results[0]?.status ?? 0;
			statuses[status] = (statuses[status] ?? 0) + 1;
			if (status >= 200 && status < 300) accepted++;
		}
	};
	const started = process.hrtime.bigint();
	await Promise.all(Array.from({ length: concurrency }, worker));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	return { accepted, seconds, perSecond: accepted / seconds, statuses };
}

/** Waits (bounded) until n8n has finished the executions the deliveries started. */
async function waitForDrain(ctx, workflowId, expected) {
	return local.waitFor(`${expected} executions of ${workflowId} to finish`, async () => {
		const { count, busy } = await executionCount(ctx, workflowId);
		return count >= expected && !busy;
	}, { timeoutMs: 180000, intervalMs: 500 });
}

module.exports = { median, processCpuMs, startServer, createCredential, createPublished, runWebhookWorkflow, sendDeliveries, waitForDrain, executionCount };
