#!/usr/bin/env node
'use strict';

// npm run bench: the PharmaOne node measured side by side with the baselines users have today, in one real
// n8n 2.41.1 (`n8n start`, Node.js 24) against the local sandbox. Every figure is a ratio of two measurements
// taken back to back in this run; each is repeated (BENCH_REPEATS, default 3) and the median is reported.
//
// Node times are the executionTime n8n records per node in the saved execution of a webhook-started
// production run, so neither CLI start-up nor HTTP/queue overhead is counted. Writes
// bench/results/<date>-<machine>.md/.json and <date>-chart.png (copied to docs/bench-chart.png).
//
// Environment: BENCH_REPEATS (3), BENCH_SECTIONS (getorder,tokens,returnall,trigger,load),
// BENCH_SKIP_BUILD=1 (pack the dist/ already built), BENCH_DELIVERIES (1000), BENCH_TRIGGER_REPEATS (= repeats),
// BENCH_KEEP=1 (keep the n8n folder).
// Everything listens on 127.0.0.1; every wait is bounded; every process is stopped by PID.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const local = require('../scripts/lib/n8n-local');
const { createSandbox } = require('../sandbox/server.js');
const wf = require('./workflows');
const m = require('./measure');
const { loadTime, tarball } = require('./load');
const { writeResults } = require('./report');

const REPEATS = Math.max(1, Math.min(9, Number(process.env.BENCH_REPEATS) || 3));
const SECTIONS = new Set((process.env.BENCH_SECTIONS || 'getorder,tokens,returnall,trigger,load').split(','));
const ITEMS = 1000;
const ORDERS = 10000;
const DELIVERIES = Math.max(50, Math.min(5000, Number(process.env.BENCH_DELIVERIES) || 1000));
const CONCURRENCY = 16;
const TRIGGER_REPEATS = Math.max(1, Math.min(9, Number(process.env.BENCH_TRIGGER_REPEATS) || REPEATS));
const LATENCIES = [0, 20];

const log = (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

async function startN8n(ctx) {
	ctx.runtime = await local.ensureRuntime({ echo: false });
	log(`runtime ${ctx.runtime.dir}`);
	ctx.packageDir = await local.installPackage(ctx.userFolder, { echo: false, skipBuild: process.env.BENCH_SKIP_BUILD === '1' });
	log(`package installed in ${ctx.packageDir}`);
	const [port, brokerPort] = [await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${port}`;
	const env = local.n8nEnv(ctx.runtime, {
		userFolder: ctx.userFolder,
		port,
		brokerPort,
		encryptionKey: 'dummy-bench-encryption-key',
		extra: { N8N_LOG_LEVEL: 'warn', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false' },
	});
	ctx.logFile = path.join(ctx.userFolder, 'n8n.log');
	ctx.n8n = local.startN8n(ctx.runtime, env, ctx.logFile);
	await local.waitFor('n8n /healthz/readiness', async () => {
		if (ctx.n8n.exitCode !== null) throw new Error(`n8n exited with ${ctx.n8n.exitCode}; see ${ctx.logFile}`);
		return (await local.fetchWithTimeout(`${ctx.n8nUrl}/healthz/readiness`, {}, 5000)).ok;
	}, { timeoutMs: 180000 });
	ctx.rest = new local.N8nRest(ctx.n8nUrl);
	await ctx.rest.setupOwner();
	await ctx.rest.login();
	log(`n8n ${ctx.n8nUrl} (pid ${ctx.n8n.pid}) ready`);
}

async function setUpWorkflows(ctx) {
	const { baseUrl, shopUrl } = ctx.urls;
	const { orgId, apiKey, signingSecret } = ctx.sandbox.options;
	const apiData = { environment: 'custom', baseUrl, organizationId: orgId, apiKey, accessToken: '' };
	ctx.cred = await m.createCredential(ctx.rest, 'Bench PharmaOne API', 'pharmaOneApi', apiData);
	ctx.tokenCred = await m.createCredential(ctx.rest, 'Bench PharmaOne API (token count)', 'pharmaOneApi', apiData);
	ctx.hookCred = await m.createCredential(ctx.rest, 'Bench webhook secret', 'pharmaOneWebhookApi', { signingSecret });
	const recipe = { baseUrl, orgId, apiKey, shopUrl };
	const defs = {
		http: { workflow: wf.httpGetOrder('bench-http', recipe), urlPath: '/webhook/bench-http', timedNodes: ['Token', 'Get Order'] },
		oursSeq: { workflow: wf.oursGetOrder('bench-ours-seq', ctx.cred, 1), urlPath: '/webhook/bench-ours-seq', timedNodes: ['PharmaOne'] },
		oursPar8: { workflow: wf.oursGetOrder('bench-ours-par8', ctx.cred, 8), urlPath: '/webhook/bench-ours-par8', timedNodes: ['PharmaOne'] },
		oursTokens: { workflow: wf.oursGetOrder('bench-ours-tokens', ctx.tokenCred, 8), urlPath: '/webhook/bench-ours-tokens', timedNodes: ['PharmaOne'] },
		returnAll: { workflow: wf.oursReturnAll('bench-return-all', ctx.cred), urlPath: '/webhook/bench-return-all', timedNodes: ['PharmaOne'] },
		trigger: wf.oursTrigger(ctx.hookCred),
		builtin: wf.builtinWebhook('bench-builtin-hook'),
	};
	for (const def of Object.values(defs)) def.workflowId = await m.createPublished(ctx.rest, def.workflow);
	ctx.wf = defs;
	log(`created and published ${Object.keys(defs).length} workflows`);
}

function runGetOrder(ctx, key) {
	const def = ctx.wf[key];
	return m.runWebhookWorkflow(ctx, { ...def, body: { ids: ctx.ids }, expectItems: ITEMS });
}

/** 1. Get Order ×1,000 at 0 and 20 ms: HTTP recipe, ours sequential, ours 8 parallel, interleaved. */
async function benchGetOrder(ctx, results) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	for (const key of ['http', 'oursSeq', 'oursPar8']) await runGetOrder(ctx, key); // warm-up (JIT, token)
	const variants = ['http', 'oursSeq', 'oursPar8'];
	const data = {};
	for (const latency of LATENCIES) {
		data[latency] = Object.fromEntries(variants.map((v) => [v, { nodeMs: [], wallMs: [] }]));
	}
	for (let rep = 0; rep < REPEATS; rep++) {
		for (const latency of LATENCIES) {
			ctx.sandbox.setFaults({ latencyMs: latency });
			for (const key of rotate(variants, rep)) {
				const { nodeMs, wallMs } = await runGetOrder(ctx, key);
				data[latency][key].nodeMs.push(nodeMs);
				data[latency][key].wallMs.push(wallMs);
				log(`get order ${latency} ms ${key}: node ${Math.round(nodeMs)} ms, request ${Math.round(wallMs)} ms`);
			}
		}
	}
	ctx.sandbox.setFaults({ latencyMs: 0 });
	results.getOrder = data;
}

/** 2. Token exchanges over 10 executions: ours (a fresh credential) vs the HTTP recipe. */
async function benchTokens(ctx, results) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const executions = 10;
	const count = async (key) => {
		const before = ctx.sandbox.stats().tokenExchanges;
		for (let i = 0; i < executions; i++) await runGetOrder(ctx, key);
		return ctx.sandbox.stats().tokenExchanges - before;
	};
	results.tokens = { executions, items: ITEMS, ours: await count('oursTokens'), http: await count('http') };
	log(`token exchanges: ours ${results.tokens.ours}, HTTP recipe ${results.tokens.http}`);
}

async function fetchLoop(ctx) {
	const { orgId, apiKey } = ctx.sandbox.options;
	const result = await local.run(ctx.runtime.node, [path.join(__dirname, 'fetch-loop.js'), ctx.urls.baseUrl, orgId, apiKey], {
		env: { ...process.env, NODE_OPTIONS: '' },
		timeoutMs: 120000,
	});
	if (result.code !== 0) throw new Error(`fetch-loop.js failed: ${result.stderr.slice(-600)}`);
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** 3. Return All over 10,000 orders: data requests, and time vs a plain fetch loop. */
async function benchReturnAll(ctx, results) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const data = { orders: ORDERS, expectedRequests: Math.ceil(ORDERS / 200), requests: [], oursMs: [], fetchMs: [], fetchRequests: [] };
	const ours = async () => {
		const before = ctx.sandbox.stats().requests['GET /orders'] ?? 0;
		const run = await m.runWebhookWorkflow(ctx, { ...ctx.wf.returnAll, body: {}, expectItems: ORDERS });
		return { ...run, requests: (ctx.sandbox.stats().requests['GET /orders'] ?? 0) - before };
	};
	await ours(); // warm-up
	await fetchLoop(ctx);
	for (let rep = 0; rep < REPEATS; rep++) {
		const steps = rep % 2 === 0 ? ['ours', 'fetch'] : ['fetch', 'ours'];
		for (const step of steps) {
			if (step === 'ours') {
				const run = await ours();
				data.oursMs.push(run.nodeMs);
				data.requests.push(run.requests);
				log(`return all ours: ${Math.round(run.nodeMs)} ms, ${run.requests} requests`);
			} else {
				const run = await fetchLoop(ctx);
				if (run.rows !== ORDERS) throw new Error(`the fetch loop read ${run.rows} orders`);
				data.fetchMs.push(run.ms);
				data.fetchRequests.push(run.requests);
				log(`return all fetch loop: ${Math.round(run.ms)} ms, ${run.requests} requests`);
			}
		}
	}
	results.returnAll = data;
}

/** 4. Signed deliveries per second: our published trigger vs the built-in Webhook node. */
async function benchTrigger(ctx, results) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const orderIds = ctx.ids.slice(0, 100);
	const sides = { ours: ctx.wf.trigger, builtin: ctx.wf.builtin };
	const sent = { ours: 0, builtin: 0 };
	const data = { deliveries: DELIVERIES, concurrency: CONCURRENCY, ours: [], builtin: [], statuses: { ours: [], builtin: [] } };
	const send = async (side, total) => {
		const def = sides[side];
		const run = await m.sendDeliveries(ctx.sandbox, `${ctx.n8nUrl}${def.urlPath}`, { total, concurrency: CONCURRENCY, orderIds });
		sent[side] += run.accepted;
		await m.waitForDrain(ctx, def.workflowId, sent[side]);
		return run;
	};
	for (const side of ['ours', 'builtin']) await send(side, 50); // warm-up
	for (let rep = 0; rep < TRIGGER_REPEATS; rep++) {
		for (const side of rep % 2 === 0 ? ['ours', 'builtin'] : ['builtin', 'ours']) {
			const run = await send(side, DELIVERIES);
			data[side].push(run.perSecond);
			data.statuses[side].push(run.statuses);
			log(`trigger ${side}: ${run.accepted}/${DELIVERIES} accepted in ${run.seconds.toFixed(2)} s = ${Math.round(run.perSecond)}/s ${JSON.stringify(run.statuses)}`);
		}
	}
	results.trigger = data;
}

function machineInfo(ctx) {
	const cpus = os.cpus();
	const nodeN8n = ctx.runtime ? require('node:child_process').spawnSync(ctx.runtime.node, ['--version']).stdout.toString().trim() : 'n/a';
	return {
		cpu: (cpus[0]?.model ?? 'unknown cpu').trim(),
		cores: cpus.length,
		memGb: Math.round(os.totalmem() / 2 ** 30),
		loadAvg: os.loadavg().map((v) => v.toFixed(2)).join(' '),
		os: `${os.type()} ${os.release()}`,
		nodeBench: process.version,
		nodeN8n,
		n8n: '2.41.1',
	};
}

async function main(ctx) {
	const started = Date.now();
	const results = { date: new Date().toISOString().slice(0, 10), repeats: REPEATS };
	results.method =
		"node execution time (executionTime of the timed nodes in n8n's saved execution) of production executions started by a " +
		'Webhook node in one `n8n start` process, driven over HTTP; the HTTP recipe counts its Token and Get Order nodes.';
	// A slow answer from a busy n8n still counts as accepted (the sandbox's default delivery timeout is 5 s).
	ctx.sandbox = createSandbox({ orderCount: ORDERS, webhookTimeoutMs: 120000 });
	ctx.urls = await ctx.sandbox.start();
	ctx.ids = [...ctx.sandbox.state.orders.byId.keys()].slice(0, ITEMS);
	log(`sandbox ${ctx.urls.baseUrl} with ${ORDERS} orders`);
	await startN8n(ctx);
	results.machine = machineInfo(ctx);
	const inN8n = ['getorder', 'tokens', 'returnall', 'trigger'].some((s) => SECTIONS.has(s));
	if (inN8n) await setUpWorkflows(ctx);
	if (SECTIONS.has('getorder')) await benchGetOrder(ctx, results);
	if (SECTIONS.has('tokens')) await benchTokens(ctx, results);
	if (SECTIONS.has('returnall')) await benchReturnAll(ctx, results);
	if (SECTIONS.has('trigger')) await benchTrigger(ctx, results);
	await local.stopProcess(ctx.n8n);
	if (SECTIONS.has('load')) {
		results.load = await loadTime(ctx.runtime, ctx.packageDir);
		results.tarball = await tarball();
		log(`package load ${results.load.packageMs.toFixed(1)} ms (n8n-workflow ${results.load.n8nWorkflowMs.toFixed(1)} ms), tarball ${results.tarball.size} bytes`);
	}
	results.durationS = (Date.now() - started) / 1000;
	const { table, md, files } = writeResults(local.ROOT, results);
	console.log(md);
	console.log('Targets:');
	for (const row of table.filter((r) => r.ok !== undefined)) {
		const value = row.ratio === undefined ? row.measured : `${row.ratio.toFixed(2)} (${row.measured})`;
		console.log(`  ${row.ok ? 'PASS' : 'MISS'}  ${row.figure}: ${value}, target ${row.target}`);
	}
	console.log(`\nWrote ${path.relative(local.ROOT, files.md)}, ${path.relative(local.ROOT, files.json)}, ` +
		(files.png ? `${path.relative(local.ROOT, files.png)} (${files.tool}) and docs/bench-chart.png` : `${path.relative(local.ROOT, files.svg)} (${files.reason})`));
}

async function run() {
	const ctx = { userFolder: fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-bench-')) };
	const cleanUp = async () => {
		await local.stopProcess(ctx.n8n).catch(() => {});
		local.killAllChildren();
		if (ctx.sandbox) await ctx.sandbox.stop().catch(() => {});
	};
	const onSignal = (signal) => {
		local.killAllChildren();
		console.error(`[bench] ${signal}: stopped every process started here; kept ${ctx.userFolder}`);
		process.exit(130);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	let failed = false;
	try {
		await main(ctx);
	} catch (error) {
		failed = true;
		console.error(`[bench] failed: ${error.stack}\n[bench] n8n log: ${ctx.logFile ?? 'n/a'}`);
	} finally {
		await cleanUp();
	}
	if (!failed && process.env.BENCH_KEEP !== '1') fs.rmSync(ctx.userFolder, { recursive: true, force: true });
	else console.error(`[bench] kept ${ctx.userFolder}`);
	process.exit(failed ? 1 : 0);
}

run();
