#!/usr/bin/env node
'use strict';

// n8n queue mode end to end (npm run test:queue; standalone `node test/e2e/queue.js` or `run()`).
//
// Starts Redis and PostgreSQL from Debian's packages (installed with apt-get when missing), each on a free loopback
// port (Redis without persistence, PostgreSQL as a throw-away cluster; QUEUE_DB=sqlite uses the SQLite file of the
// user folder instead), then three n8n 2.41.1 processes sharing one user folder (.n8n-e2e/queue-<pid>/) and that
// database, each with its own task-broker port: `n8n start` (main, EXECUTIONS_MODE=queue, production webhooks off),
// `n8n worker` and `n8n webhook` (the webhook processor). The example "order ready → customer notification" is
// published; QUEUE_BURST (default 200) signed order_status_updated → ready_pickup deliveries with unique delivery ids
// go to the webhook processor's production URL (16 in flight), then QUEUE_REPLAYS (default 50) of them again with the
// same delivery id. The manual example workflows run through the main's REST API and are executed by the worker.
// Asserts every event was processed exactly once (executions counted by event id), no replay started anything, the
// examples succeeded, no process logged a database lock error and all three processes still run. Then Skip Already
// Sent races (test/e2e/once.js): QUEUE_RACE_ROUNDS (default 5) rounds of the same QUEUE_RACE_KEYS (default 10) order
// requests from two executions on the worker at the same moment (each must reach PharmaOne once), and as many from
// one execution on the worker and one in an `n8n execute` process (measured and printed).
// Prints `N passed, M failed` last; exits non-zero on any failure.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const { runSuite, runStandalone, removeOldRuns } = require('./lib/runner');
const { pool, countBy } = require('./lib/batch');
const { settledExecutions, executedEventIds } = require('./lib/executions');
const { startRedis, startPostgres } = require('./queueServices');
const { RACE_ID, raceWorkflow, startBarrier, race } = require('./once');

const BURST = Number(process.env.QUEUE_BURST || 200);
const REPLAYS = Number(process.env.QUEUE_REPLAYS || 50);
const RACE_ROUNDS = Number(process.env.QUEUE_RACE_ROUNDS || 5);
const CONCURRENCY = 16;
const NOTIFY = 'p1ExOrderNotify1';
const TRIGGER_NAME = 'Order ready for pickup';

/** Starts main, worker and webhook processor; waits until each is ready. */
async function startCluster(ctx, test) {
	const [mainPort, hookPort, workerPort] = [await local.freePort(), await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${mainPort}`;
	ctx.hookUrl = `http://127.0.0.1:${hookPort}`;
	const queue = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(ctx.redisPort),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		WEBHOOK_URL: `${ctx.hookUrl}/`,
		GENERIC_TIMEZONE: 'UTC',
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(workerPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		...ctx.db,
	};
	const env = async (port, extra = {}) => local.n8nEnv(ctx.runtime, {
		userFolder: ctx.userFolder, port, brokerPort: await local.freePort(), encryptionKey: 'dummy-queue-encryption-key', extra: { ...queue, ...extra },
	});
	const processes = [
		['main', 'start', await env(mainPort, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' }), `${ctx.n8nUrl}/healthz/readiness`],
		['worker', 'worker', await env(mainPort), `http://127.0.0.1:${workerPort}/healthz/readiness`],
		['webhook', 'webhook', await env(hookPort), `${ctx.hookUrl}/healthz/readiness`],
	];
	ctx.procs = {};
	for (const [name, command, processEnv, readyUrl] of processes) {
		const ok = await test(`n8n ${command} (${name}) starts in queue mode and answers ${new URL(readyUrl).pathname}`, async () => {
			const logFile = path.join(ctx.userFolder, `${name}.log`);
			const child = local.startN8nCommand(ctx.runtime, processEnv, logFile, command, name === 'worker' ? ['--concurrency=10'] : []);
			ctx.procs[name] = child;
			await local.waitFor(`${name} ready`, async () => {
				if (child.exitCode !== null) throw new Error(`n8n ${command} exited with ${child.exitCode}; see ${logFile}`);
				return (await local.fetchWithTimeout(readyUrl, {}, 5000)).ok;
			}, { timeoutMs: 180000 });
		});
		if (!ok) throw new Error(`stopping: n8n ${command} did not start`);
	}
}

/** A manual example run through the main's REST API (executed by the worker); returns the finished execution. */
async function runManualExample(ctx, workflow) {
	const manual = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const started = await ctx.rest.request('POST', `/rest/workflows/${workflow.id}/run`, { triggerToStartFrom: { name: manual.name } });
	if (started.status !== 200) throw new Error(`POST /rest/workflows/${workflow.id}/run answered ${started.status}: ${started.text.slice(0, 300)}`);
	const executionId = started.json.data.executionId;
	return local.waitFor(`execution ${executionId} of ${workflow.id}`, async () => {
		const execution = await ctx.rest.execution(executionId, ctx.runtime);
		return ['new', 'running', 'waiting'].includes(execution.status) ? false : execution;
	}, { timeoutMs: 120000, intervalMs: 1000 });
}

async function main(ctx, { test, step }) {
	const verbose = process.env.E2E_VERBOSE === '1';
	ctx.runtime = await step('n8n 2.41.1 and Node.js 24 are installed (cached)', () => local.ensureRuntime({ echo: verbose }));
	await step('the package is packed and installed into a fresh n8n user folder', () =>
		local.installPackage(ctx.userFolder, { echo: verbose, skipBuild: process.env.E2E_SKIP_BUILD === '1' }));
	await step('redis-server (Debian package) runs on a free 127.0.0.1 port, without persistence', () => startRedis(ctx));
	if (process.env.QUEUE_DB !== 'sqlite') {
		await step('PostgreSQL (Debian package): a throw-away cluster on a free 127.0.0.1 port', () => startPostgres(ctx));
	}

	ctx.sandbox = createSandbox({ now: new Date().toISOString(), orderCount: Math.max(60, BURST), webhookTimeoutMs: 60000 });
	ctx.sandboxUrls = await ctx.sandbox.start();
	const importDir = path.join(ctx.userFolder, 'import', 'workflows');
	fs.mkdirSync(importDir, { recursive: true });
	ctx.examples = local.readExamples();
	for (const { file, workflow } of ctx.examples) fs.writeFileSync(path.join(importDir, file), JSON.stringify(workflow));
	ctx.barrier = await startBarrier();
	const raceFlow = raceWorkflow(ctx.barrier.url);
	fs.writeFileSync(path.join(importDir, 'e2e-send-once-race.json'), JSON.stringify(raceFlow));
	const credentialsFile = path.join(ctx.userFolder, 'import', 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(local.sandboxCredentials({ ...ctx.sandboxUrls, ...ctx.sandbox.options })));
	await setCliEnv(ctx);
	await step('n8n imports the credentials and example workflows and publishes the trigger example', async () => {
		await local.n8nCli(ctx.runtime, ctx.cliEnv, ['import:credentials', `--input=${credentialsFile}`]);
		await local.n8nCli(ctx.runtime, ctx.cliEnv, ['import:workflow', '--separate', `--input=${importDir}`]);
		await local.n8nCli(ctx.runtime, ctx.cliEnv, ['publish:workflow', `--id=${NOTIFY}`]);
	});
	await startCluster(ctx, test);
	const notify = ctx.examples.find(({ workflow }) => workflow.id === NOTIFY).workflow;
	ctx.webhookUrl = local.triggerWebhookUrl(ctx.hookUrl, notify);
	ctx.workflowId = NOTIFY;
	await step('the webhook processor serves the published trigger (unsigned POST → 401); the owner logs in on main', async () => {
		await local.waitFor(`the webhook ${ctx.webhookUrl}`, async () => (await local.fetchWithTimeout(ctx.webhookUrl, {
			method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}',
		})).status === 401, { timeoutMs: 120000 });
		ctx.rest = new local.N8nRest(ctx.n8nUrl);
		await ctx.rest.setupOwner();
		await ctx.rest.login();
	});

	// The burst: each delivery its own order, event id and delivery id.
	const orders = [...ctx.sandbox.state.orders.byId.values()];
	const delivered = [];
	const deliver = (order, deliveryId) => ctx.sandbox.deliver({
		url: ctx.webhookUrl, event_type: 'order_status_updated', deliveryId,
		metadata: { order_id: order.id, old_status: 'awaiting_packing', new_status: 'ready_pickup' },
	});
	const burstStarted = Date.now();
	await pool(Array.from({ length: BURST }, (_, i) => async () => {
		const order = orders[i % orders.length];
		const result = await deliver(order, crypto.randomUUID());
		delivered.push({ order, deliveryId: result.delivery_id, eventId: result.event.id, status: result.results[0].status });
	}), CONCURRENCY, Date.now() + 180000);
	const burstMs = Date.now() - burstStarted;
	console.log(`# burst: ${delivered.length} deliveries in ${(burstMs / 1000).toFixed(1)} s; statuses ${JSON.stringify(countBy(delivered, (d) => d.status))}`);
	await test(`all ${BURST} signed deliveries were acknowledged (200) by the webhook processor`, () => {
		const bad = delivered.filter((d) => d.status !== 200);
		if (delivered.length !== BURST || bad.length) throw new Error(`${delivered.length} sent, ${bad.length} not 200: ${JSON.stringify(countBy(bad, (d) => d.status))}`);
	});
	const afterBurst = await settledExecutions(ctx, BURST, { timeoutMs: 240000 }).catch(async (error) => {
		console.log(`# ${error.message}`);
		return local.listAllExecutions(ctx.rest, NOTIFY);
	});
	const drainMs = Date.now() - burstStarted;

	// Replays: the same delivery (same delivery id, a fresh envelope as a PharmaOne retry would carry).
	const replayed = [];
	await pool(delivered.slice(0, REPLAYS).map((d) => async () => {
		const result = await deliver(d.order, d.deliveryId);
		replayed.push({ ...d, replayStatus: result.results[0].status, replayEventId: result.event.id });
	}), CONCURRENCY, Date.now() + 120000);
	const all = await settledExecutions(ctx, afterBurst.length, { timeoutMs: 120000 }).catch(() => local.listAllExecutions(ctx.rest, NOTIFY));
	const ids = await executedEventIds(ctx, all, TRIGGER_NAME);
	const perId = countBy(ids, (id) => id);
	const burstIds = new Set(delivered.map((d) => d.eventId));
	const replayIds = new Set(replayed.map((r) => r.replayEventId));
	const missing = [...burstIds].filter((id) => !perId[id]);
	const twice = Object.entries(perId).filter(([id, count]) => burstIds.has(id) && count > 1);
	const replaysRun = ids.filter((id) => replayIds.has(id)).length;
	const failed = all.filter((e) => e.status !== 'success');
	const modes = countBy(all, (e) => e.mode);
	console.log(`# executions after the burst ${afterBurst.length} (expected ${BURST}, settled ${(drainMs / 1000).toFixed(1)} s after the first delivery); after ${replayed.length} replays ${all.length}`);
	console.log(`# by event id: missing ${missing.length}, more than once ${twice.length}, replays executed ${replaysRun} of ${replayed.length}; not successful ${failed.length}; modes ${JSON.stringify(modes)}`);
	await test(`every event of the burst was processed exactly once (${BURST} executions, by event id)`, () => {
		if (missing.length || twice.length || afterBurst.length !== BURST) {
			throw new Error(`executions ${afterBurst.length}, missing ${missing.length}, more than once ${twice.length}`);
		}
	});
	await test('every execution succeeded, with the customer notification of its order', async () => {
		if (failed.length) throw new Error(`${failed.length} not successful: ${JSON.stringify(countBy(failed, (e) => e.status))}`);
		const sample = await ctx.rest.execution(all[0].id, ctx.runtime);
		const runs = sample.data.resultData.runData['Customer notification'];
		const message = runs[runs.length - 1].data.main[0][0].json;
		const source = delivered.find((d) => d.deliveryId === message.delivery_id) ?? replayed.find((r) => r.deliveryId === message.delivery_id);
		if (!source || message.to !== source.order.customer_email) throw new Error(`unexpected notification ${JSON.stringify(message).slice(0, 300)}`);
	});
	await test(`${REPLAYS} replayed deliveries (same delivery id) were acknowledged (200) and started nothing`, () => {
		const bad = replayed.filter((r) => r.replayStatus !== 200);
		if (bad.length) throw new Error(`${bad.length} replays not answered 200`);
		if (replaysRun > 0 || all.length !== afterBurst.length) {
			throw new Error(`${replaysRun} of ${replayed.length} replays started an execution (executions ${afterBurst.length} → ${all.length}): the trigger's delivery-id memory (workflow static data) did not stop them`);
		}
	});

	// The manual examples, run by the worker.
	for (const { workflow } of ctx.examples.filter(({ workflow: w }) => w.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger'))) {
		await test(`example "${workflow.name}" runs in queue mode (REST run → worker) and succeeds`, async () => {
			const requestsBefore = ctx.sandbox.state.orderRequests.size;
			const execution = await runManualExample(ctx, workflow);
			const outputs = local.nodeOutputs(execution);
			for (const [name, output] of Object.entries(outputs)) {
				if (output.error) throw new Error(`node "${name}" failed: ${JSON.stringify(output.error).slice(0, 400)}`);
			}
			if (execution.status !== 'success') throw new Error(`execution status ${execution.status}`);
			const pharmaOne = workflow.nodes.find((n) => n.type === 'n8n-nodes-pharmaone.pharmaOne');
			const items = outputs[pharmaOne.name]?.items ?? [];
			if (items.length === 0) throw new Error(`"${pharmaOne.name}" returned no items`);
			if (pharmaOne.parameters.resource === 'telemedicineOrder' && ctx.sandbox.state.orderRequests.size !== requestsBefore + 1) {
				throw new Error(`order requests ${requestsBefore} → ${ctx.sandbox.state.orderRequests.size}, expected exactly one more`);
			}
		});
	}
	// Skip Already Sent: the same order request from two executions released at the same moment.
	const onWorker = () => runManualExample(ctx, raceFlow);
	const inCli = () => local.executeWorkflow(ctx.runtime, ctx.cliEnv, RACE_ID);
	const sameWorker = await race(ctx, 'worker+worker', RACE_ROUNDS, () => [onWorker, onWorker]);
	await test(`Skip Already Sent: ${RACE_ROUNDS} rounds of the same order requests from two executions at once on the worker → each reached PharmaOne once`, () => {
		const { keys, once, failedExecutions, sent, skipped } = sameWorker;
		if (once !== keys || failedExecutions > 0 || sent !== keys || skipped !== keys) throw new Error(JSON.stringify(sameWorker));
	});
	const twoProcesses = await race(ctx, 'worker+cli', RACE_ROUNDS, () => [onWorker, inCli]);
	await test(`Skip Already Sent across two processes (worker + n8n execute), ${RACE_ROUNDS} rounds: measured (see README), none lost`, () => {
		if (twoProcesses.none > 0) throw new Error(JSON.stringify(twoProcesses));
	});
	await test('no process logged a database lock error (SQLITE_BUSY / deadlock)', () => {
		const hits = ['main', 'worker', 'webhook'].map((name) => [name, (fs.readFileSync(path.join(ctx.userFolder, `${name}.log`), 'utf8').match(/SQLITE_BUSY|deadlock detected/g) ?? []).length]);
		if (hits.some(([, count]) => count > 0)) throw new Error(`lock errors: ${JSON.stringify(Object.fromEntries(hits))}`);
	});
	await test('main, worker and webhook processor are all still running', () => {
		const gone = Object.entries(ctx.procs).filter(([, child]) => child.exitCode !== null || child.signalCode !== null);
		if (gone.length) throw new Error(`exited: ${gone.map(([name]) => name).join(', ')}`);
	});
}

/** The CLI's environment (same folder, database and queue settings as the cluster), before any process runs. */
async function setCliEnv(ctx) {
	ctx.cliEnv = local.n8nEnv(ctx.runtime, {
		userFolder: ctx.userFolder, port: await local.freePort(), brokerPort: await local.freePort(), encryptionKey: 'dummy-queue-encryption-key',
		extra: { GENERIC_TIMEZONE: 'UTC', ...ctx.db },
	});
}

/** Webhook processor first (no new work), then worker, then main; Redis and PostgreSQL last. */
async function stop(ctx) {
	for (const name of ['webhook', 'worker', 'main']) await local.stopProcess(ctx.procs?.[name]).catch(() => {});
	await local.stopProcess(ctx.redis, 5000).catch(() => {});
	await local.stopProcess(ctx.postgres, 10000).catch(() => {});
	if (ctx.pgDir) fs.rmSync(ctx.pgDir, { recursive: true, force: true });
	if (ctx.sandbox) await ctx.sandbox.stop().catch(() => {});
	if (ctx.barrier) await ctx.barrier.close().catch(() => {});
}

async function run() {
	const runsDir = path.join(local.ROOT, '.n8n-e2e');
	removeOldRuns(runsDir, 'queue');
	const ctx = { userFolder: path.join(runsDir, `queue-${process.pid}`) };
	fs.mkdirSync(ctx.userFolder, { recursive: true });
	return runSuite('queue-mode test', ctx, ctx.userFolder, main, stop, 'main.log, worker.log, webhook.log, database');
}

module.exports = { run };

if (require.main === module) runStandalone(run);
