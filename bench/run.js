#!/usr/bin/env node
'use strict';

// npm run bench: the PharmaOne node measured side by side with the baselines users have today, in one real
// n8n 2.41.1 (`n8n start`, Node.js 24) against the local sandbox: the HTTP Request recipe with n8n's defaults
// (all items at once), the same node in Loop Over Items (one at a time), plain fetch loops (sequential and 16 at
// a time), and, for the trigger, a minimal community trigger and n8n's own Webhook node. Every figure is a ratio
// of measurements taken back to back in this run; each is repeated (BENCH_REPEATS, default 3), medians reported.
//
// Node times are the executionTime n8n records per node in the saved execution of a webhook-started production
// run (summed over the runs of a node in a loop); n8n CPU is the CPU time of n8n's main process meanwhile
// (/proc). The sandbox counts requests in flight and TCP connections (bench/traffic.js). Writes
// bench/results/<date>-<machine>.md/.json and <date>-chart.png (copied to docs/bench-chart.png).
//
// Environment: BENCH_REPEATS (3), BENCH_SECTIONS (getorder,oneatatime,tokens,returnall,trigger,profile,load,stocksync;
// e.g. BENCH_SECTIONS=stocksync runs only the stock sync of bench/stock-sync.js),
// BENCH_SKIP_BUILD=1 (pack the dist/ already built), BENCH_DELIVERIES (1000), BENCH_TRIGGER_REPEATS (= repeats),
// BENCH_PROFILE_RUNS (2), BENCH_LATENCIES (0,20), BENCH_VARIANTS (of Get Order: http,oursDefault,ours16,ours64,
// fetch1,fetch16; also ours32, ours128, ours256), BENCH_ITEMS (1000, for a quick trial only), BENCH_KEEP=1 (keep the n8n folder),
// BENCH_N8N_ENV (n8n settings to try, e.g. "N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true,EXECUTIONS_DATA_SAVE_ON_SUCCESS=none")
// with BENCH_LABEL (added to the results file name).
// Everything listens on 127.0.0.1; every wait is bounded; every process is stopped by PID.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const local = require('../scripts/lib/n8n-local');
const { createSandbox } = require('../sandbox/server.js');
const wf = require('./workflows');
const m = require('./measure');
const sections = require('./sections');
const profiler = require('./profiler');
const { withTraffic } = require('./traffic');
const { loadTime, tarball } = require('./load');
const { writeResults } = require('./report');
const { stockSync, writeStockSync } = require('./stock-sync');

const REPEATS = Math.max(1, Math.min(9, Number(process.env.BENCH_REPEATS) || 3));
const SECTIONS = new Set((process.env.BENCH_SECTIONS || 'getorder,oneatatime,tokens,returnall,trigger,profile,load,stocksync').split(','));
const ITEMS = Math.max(10, Math.min(10000, Number(process.env.BENCH_ITEMS) || 1000));
const ORDERS = 10000;
const DELIVERIES = Math.max(50, Math.min(5000, Number(process.env.BENCH_DELIVERIES) || 1000));
const CONCURRENCY = 16;
const TRIGGER_REPEATS = Math.max(1, Math.min(9, Number(process.env.BENCH_TRIGGER_REPEATS) || REPEATS));
const PROFILE_RUNS = Math.max(1, Math.min(9, Number(process.env.BENCH_PROFILE_RUNS) || 2));
const LATENCIES = (process.env.BENCH_LATENCIES || '0,20').split(',').map(Number).filter((value) => value >= 0 && value <= 1000);
const GET_ORDER_VARIANTS = (process.env.BENCH_VARIANTS || 'http,oursDefault,ours16,ours64,fetch1,fetch16').split(',');
const MINIMAL_TRIGGER = path.join(__dirname, 'minimal-trigger');
const N8N_SETTINGS = Object.fromEntries(
	(process.env.BENCH_N8N_ENV || '').split(',').filter(Boolean).map((pair) => [pair.split('=')[0].trim(), pair.split('=').slice(1).join('=').trim()]),
);
const LABEL = (process.env.BENCH_LABEL || '').replace(/[^a-z0-9-]+/gi, '-');

const { log } = sections;

/** Installs bench/minimal-trigger beside our package, as n8n's community installer would (no dependencies). */
function installMinimalTrigger(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const { name, version } = JSON.parse(fs.readFileSync(path.join(MINIMAL_TRIGGER, 'package.json'), 'utf8'));
	fs.cpSync(MINIMAL_TRIGGER, path.join(nodesDir, 'node_modules', name), { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
	pkg.dependencies = { ...(pkg.dependencies ?? {}), [name]: version };
	fs.writeFileSync(manifest, JSON.stringify(pkg, null, 2));
}

async function startN8n(ctx) {
	ctx.runtime = await local.ensureRuntime({ echo: false });
	log(`runtime ${ctx.runtime.dir}`);
	ctx.packageDir = await local.installPackage(ctx.userFolder, { echo: false, skipBuild: process.env.BENCH_SKIP_BUILD === '1' });
	installMinimalTrigger(ctx.userFolder);
	log(`package installed in ${ctx.packageDir}, minimal trigger beside it`);
	const [port, brokerPort] = [await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${port}`;
	const env = local.n8nEnv(ctx.runtime, {
		userFolder: ctx.userFolder,
		port,
		brokerPort,
		encryptionKey: 'dummy-bench-encryption-key',
		extra: { N8N_LOG_LEVEL: 'warn', EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'false', ...N8N_SETTINGS },
	});
	ctx.logFile = path.join(ctx.userFolder, 'n8n.log');
	// With the profile section n8n listens for a profiler on 127.0.0.1 (idle until a profile is taken).
	const inspectPort = SECTIONS.has('profile') ? await local.freePort() : undefined;
	const nodeArgs = inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [];
	await m.startServer(ctx, env, nodeArgs);
	if (inspectPort) ctx.profiler = await profiler.connect(ctx.runtime.node, inspectPort);
	log(`n8n ${ctx.n8nUrl} (pid ${ctx.n8n.pid}) ready${inspectPort ? `, profiler on ${inspectPort}` : ''}`);
}

async function setUpWorkflows(ctx) {
	const { baseUrl, shopUrl } = ctx.urls;
	const { orgId, apiKey, signingSecret } = ctx.sandbox.options;
	const apiData = { environment: 'custom', baseUrl, organizationId: orgId, apiKey, accessToken: '' };
	ctx.cred = await m.createCredential(ctx.rest, 'Bench PharmaOne API', 'pharmaOneApi', apiData);
	ctx.tokenCred = await m.createCredential(ctx.rest, 'Bench PharmaOne API (token count)', 'pharmaOneApi', apiData);
	ctx.hookCred = await m.createCredential(ctx.rest, 'Bench webhook secret', 'pharmaOneWebhookApi', { signingSecret });
	const recipe = { baseUrl, orgId, apiKey, shopUrl };
	const ours = (name, credential, parallel) => ({
		workflow: wf.oursGetOrder(`bench-${name}`, credential, parallel),
		urlPath: `/webhook/bench-${name}`,
		timedNodes: ['PharmaOne'],
	});
	const defs = {
		http: { workflow: wf.httpGetOrder('bench-http', recipe), urlPath: '/webhook/bench-http', timedNodes: ['Token', 'Get Order'] },
		httpLoop: { workflow: wf.httpLoopGetOrder('bench-http-loop', recipe), urlPath: '/webhook/bench-http-loop', timedNodes: ['Token', 'Get Order'] },
		oursDefault: ours('ours-default', ctx.cred, undefined),
		oursSeq: ours('ours-seq', ctx.cred, 1),
		ours16: ours('ours-16', ctx.cred, 16),
		ours32: ours('ours-32', ctx.cred, 32),
		ours64: ours('ours-64', ctx.cred, 64),
		ours128: ours('ours-128', ctx.cred, 128),
		ours256: ours('ours-256', ctx.cred, 256),
		oursTokens: ours('ours-tokens', ctx.tokenCred, undefined),
		returnAll: { workflow: wf.oursReturnAll('bench-return-all', ctx.cred), urlPath: '/webhook/bench-return-all', timedNodes: ['PharmaOne'] },
		trigger: wf.oursTrigger(ctx.hookCred),
		minimal: wf.minimalTrigger(signingSecret),
		builtin: wf.builtinWebhook('bench-builtin-hook'),
	};
	for (const def of Object.values(defs)) def.workflowId = await m.createPublished(ctx.rest, def.workflow);
	ctx.wf = defs;
	log(`created and published ${Object.keys(defs).length} workflows`);
}

function machineInfo(ctx, loadAtStart) {
	const cpus = os.cpus();
	const nodeN8n = ctx.runtime ? require('node:child_process').spawnSync(ctx.runtime.node, ['--version']).stdout.toString().trim() : 'n/a';
	return {
		cpu: (cpus[0]?.model ?? 'unknown cpu').trim(),
		cores: cpus.length,
		memGb: Math.round(os.totalmem() / 2 ** 30),
		loadAvg: loadAtStart.map((v) => v.toFixed(2)).join(' '),
		os: `${os.type()} ${os.release()}`,
		nodeBench: process.version,
		nodeN8n,
		n8n: '2.41.1',
	};
}

async function main(ctx) {
	const started = Date.now();
	const results = { date: new Date().toISOString().slice(0, 10), label: LABEL, n8nSettings: N8N_SETTINGS, items: ITEMS, repeats: REPEATS, triggerRepeats: TRIGGER_REPEATS };
	results.method =
		"node execution time (executionTime of the timed nodes in n8n's saved execution, summed over a loop's runs) of " +
		'production executions started by a Webhook node in one `n8n start` process, driven over HTTP; the HTTP recipe ' +
		'counts its Token and Get Order nodes. n8n CPU: CPU time of n8n\'s main process during the run.';
	// A slow answer from a busy n8n still counts as accepted (the sandbox's default delivery timeout is 5 s).
	const { sandbox, traffic } = withTraffic(() => createSandbox({ orderCount: ORDERS, webhookTimeoutMs: 120000 }));
	Object.assign(ctx, { sandbox, traffic });
	ctx.urls = await ctx.sandbox.start();
	ctx.ids = [...ctx.sandbox.state.orders.byId.keys()].slice(0, ITEMS);
	log(`sandbox ${ctx.urls.baseUrl} with ${ORDERS} orders`);
	const loadAtStart = os.loadavg();
	await startN8n(ctx);
	results.machine = machineInfo(ctx, loadAtStart);
	// What "automatic" means in the package under test (its in-flight limit for reads).
	const options = require(path.join(ctx.packageDir, 'dist', 'nodes', 'PharmaOne', 'helpers', 'parallel.js'));
	results.automaticParallel = options.AUTOMATIC_PARALLEL_REQUESTS;
	const inN8n = ['getorder', 'oneatatime', 'tokens', 'returnall', 'trigger', 'profile'].some((s) => SECTIONS.has(s));
	if (inN8n) await setUpWorkflows(ctx);
	const loads = [];
	const step = async (name, run) => {
		if (!SECTIONS.has(name)) return;
		await run();
		loads.push(`${name} ${os.loadavg()[0].toFixed(2)}`);
	};
	await step('getorder', () => sections.getOrder(ctx, results, { repeats: REPEATS, latencies: LATENCIES, variants: GET_ORDER_VARIANTS }));
	await step('oneatatime', () => sections.oneAtATime(ctx, results, { repeats: REPEATS }));
	await step('tokens', () => sections.tokens(ctx, results));
	await step('returnall', () => sections.returnAll(ctx, results, { repeats: REPEATS, orders: ORDERS }));
	await step('trigger', () => sections.trigger(ctx, results, { repeats: TRIGGER_REPEATS, deliveries: DELIVERIES, concurrency: CONCURRENCY }));
	await step('profile', () => sections.profile(ctx, results, { runs: PROFILE_RUNS }));
	await step('stocksync', () => stockSync(ctx, results, { repeats: REPEATS, latencies: LATENCIES, log }));
	if (ctx.profiler) await ctx.profiler.close();
	await local.stopProcess(ctx.n8n);
	if (SECTIONS.has('load')) {
		results.load = await loadTime(ctx.runtime, ctx.packageDir);
		results.tarball = await tarball();
		log(`package load ${results.load.packageMs.toFixed(1)} ms (n8n-workflow ${results.load.n8nWorkflowMs.toFixed(1)} ms), tarball ${results.tarball.size} bytes`);
	}
	results.machine.loadAfterSections = loads.join(', ');
	results.durationS = (Date.now() - started) / 1000;
	if (results.stockSync) {
		const sync = writeStockSync(local.ROOT, results);
		console.log(sync.md);
		for (const [what, ok, measured] of sync.targets) console.log(`  ${ok ? 'PASS' : 'MISS'}  ${what}: ${measured}`);
		console.log(`\nWrote ${path.relative(local.ROOT, sync.file)}`);
		if ([...SECTIONS].every((name) => name === 'stocksync')) return;
	}
	const { table, md, files } = writeResults(local.ROOT, results);
	console.log(md);
	console.log('Targets:');
	for (const row of table.filter((r) => r.ok !== undefined)) {
		const value = row.ratio === undefined ? row.measured : `${row.ratio.toFixed(2)} (${row.measured})`;
		console.log(`  ${row.ok ? 'PASS' : 'MISS'}  ${row.figure}: ${value}, target ${row.target}`);
	}
	console.log(`\nWrote ${path.relative(local.ROOT, files.md)}, ${path.relative(local.ROOT, files.json)}; ` +
		(files.png ? `${path.relative(local.ROOT, files.png)} (${files.tool})${LABEL ? '' : ' and docs/bench-chart.png'}` : `no chart: ${files.reason}`));
}

async function run() {
	const ctx = { userFolder: fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-bench-')) };
	const cleanUp = async () => {
		if (ctx.profiler) await ctx.profiler.close().catch(() => {});
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
