'use strict';

// The stock sync of issue #22, side by side in the one n8n of `npm run bench` (section `stocksync`; run it
// alone with BENCH_SECTIONS=stocksync): an inventory of 2,000 products and a till export of 2,000 counts of
// which 100 differ, at 0 and 20 ms latency. (a) Inventory → Set Stock Level with its defaults; (b) the sync
// users build by hand with n8n's defaults: HTTP Request POST /auth/token → HTTP Request GET /inventory →
// Split Out → Compare Datasets (till export as input A) → HTTP Request POST /inventory/adjust on "Different";
// (c) a plain fetch script that reads once and sends the adjustments 16 at a time (bench/fetch-loop.js sync).
// Reported: node time, wall time, requests by route, n8n CPU, n8n peak RSS, and whether every level ended at
// its target. The sandbox levels are put back before every run. Also used by test/e2e/stock-sync.js.

const fs = require('node:fs');
const crypto = require('node:crypto');
const path = require('node:path');
const local = require('../scripts/lib/n8n-local');
const { createSandbox } = require('../sandbox/server.js');
const m = require('./measure');

const uuid = () => crypto.randomUUID();
const INVENTORY = 2000;
const DIFFER = 100;
/** createSandbox({ productCount }) seeds three in four catalogue products into the inventory. */
const PRODUCT_COUNT = Math.ceil((INVENTORY * 4) / 3) - 1;
const INVENTORY_FIELDS = 'name,price,category,log_entries,last_activity';

/** The sandbox levels now, and a till export of every product in which `differ` counts (spread out) differ. */
function tillExport(sandbox, differ = DIFFER) {
	const rows = [...sandbox.state.inventory.values()];
	const step = Math.floor(rows.length / differ);
	const initial = new Map(rows.map((row) => [row.p1_id, row.stockquantity]));
	const counts = rows.map((row, index) => ({
		p1_id: Number(row.p1_id),
		stockquantity: index % step === 0 && index / step < differ ? row.stockquantity + 1 + (index % 7) : row.stockquantity,
	}));
	return { initial, counts };
}

/** Puts the levels back (a sandbox-side write: no request, no log entry). */
function resetLevels(sandbox, initial) {
	for (const [p1Id, level] of initial) sandbox.state.inventory.get(p1Id).stockquantity = level;
}

/** Products whose level is not its count. */
function offTarget(sandbox, counts) {
	return counts.filter(({ p1_id: p1Id, stockquantity }) => sandbox.state.inventory.get(String(p1Id)).stockquantity !== stockquantity).length;
}

const node = (name, type, typeVersion, position, parameters, extra = {}) => ({ id: uuid(), name, type, typeVersion, position, parameters, ...extra });
const connect = (to, index = 0) => ({ node: to, type: 'main', index });

function start(pathName) {
	return [
		node('Webhook', 'n8n-nodes-base.webhook', 2, [0, 0], { httpMethod: 'POST', path: pathName, responseMode: 'lastNode', responseData: 'noData', options: {} }, { webhookId: uuid() }),
		node('Till export', 'n8n-nodes-base.code', 2, [220, 0], { jsCode: "return $('Webhook').first().json.body.counts.map((json) => ({ json }));" }),
	];
}

/** (a) Webhook → till export → Inventory → Set Stock Level, every option at its default. */
function oursWorkflow(pathName, credential) {
	const ours = node('Set stock level', 'n8n-nodes-pharmaone.pharmaOne', 1, [440, 0], {
		resource: 'inventory',
		operation: 'setStockLevel',
		productId: { __rl: true, mode: 'id', value: '={{ $json.p1_id }}' },
		onHand: '={{ $json.stockquantity }}',
		reason: 'Till count',
	}, { credentials: { pharmaOneApi: { id: credential.id, name: credential.name } } });
	return {
		name: `stock sync: ours (${pathName})`,
		nodes: [...start(pathName), ours],
		connections: { Webhook: { main: [[connect('Till export')]] }, 'Till export': { main: [[connect(ours.name)]] } },
		settings: { executionOrder: 'v1' },
	};
}

/** (b) The hand-built sync with n8n's defaults (HTTP Request sends all items at once). */
function recipeWorkflow(pathName, { baseUrl, orgId, apiKey }) {
	const api = `${baseUrl}/api/v2/public/orgs/${orgId}`;
	const bearer = { sendHeaders: true, headerParameters: { parameters: [{ name: 'Authorization', value: "=Bearer {{ $('Token').first().json.access_token }}" }] } };
	const nodes = [
		...start(pathName),
		node('Token', 'n8n-nodes-base.httpRequest', 4.2, [440, 200], {
			method: 'POST',
			url: `${api}/auth/token`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'apikey', value: apiKey }] },
			options: {},
		}),
		node('Inventory', 'n8n-nodes-base.httpRequest', 4.2, [660, 200], { url: `${api}/inventory`, ...bearer, options: {} }),
		node('Split Out', 'n8n-nodes-base.splitOut', 1, [880, 200], { fieldToSplitOut: 'data', options: {} }),
		node('Compare Datasets', 'n8n-nodes-base.compareDatasets', 2.3, [1100, 0], {
			mergeByFields: { values: [{ field1: 'p1_id', field2: 'p1_id' }] },
			options: { skipFields: INVENTORY_FIELDS },
		}),
		node('Adjust', 'n8n-nodes-base.httpRequest', 4.2, [1320, 0], {
			method: 'POST',
			url: `${api}/inventory/adjust`,
			...bearer,
			sendBody: true,
			specifyBody: 'json',
			jsonBody:
				'={{ JSON.stringify({ p1_id: String($json.keys.p1_id), reason: "Till count", delta_on_hand: $json.different.stockquantity.inputA - $json.different.stockquantity.inputB }) }}',
			options: {},
		}),
	];
	return {
		name: `stock sync: hand-built recipe (${pathName})`,
		nodes,
		connections: {
			Webhook: { main: [[connect('Till export'), connect('Token')]] },
			'Till export': { main: [[connect('Compare Datasets', 0)]] },
			Token: { main: [[connect('Inventory')]] },
			Inventory: { main: [[connect('Split Out')]] },
			'Split Out': { main: [[connect('Compare Datasets', 1)]] },
			'Compare Datasets': { main: [[], [], [connect('Adjust')], []] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Samples a process's resident memory (/proc, Linux) until stopped; returns the peak and its rise over the start, in MiB. */
function rssSampler(pid) {
	let peak = 0;
	let first;
	const sample = () => {
		try {
			const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
			first ??= kb;
			if (kb > peak) peak = kb;
		} catch {
			// not Linux, or the process ended
		}
	};
	sample();
	const timer = setInterval(sample, 25);
	return () => {
		clearInterval(timer);
		sample();
		return { peakMiB: peak / 1024, riseMiB: (peak - (first ?? peak)) / 1024 };
	};
}

const ROUTES = ['GET /inventory', 'POST /inventory/adjust', 'GET /inventory/{p1Id}/log', 'POST /auth/token'];

function requestsByRoute(sandbox, before) {
	const now = sandbox.stats().requests;
	return Object.fromEntries(ROUTES.map((route) => [route, (now[route] ?? 0) - (before[route] ?? 0)]));
}


const VARIANTS = ['ours', 'recipe', 'fetch'];
const LABELS = {
	ours: 'Set Stock Level, defaults',
	recipe: 'hand-built: HTTP Request GET /inventory → Compare Datasets → HTTP Request POST /inventory/adjust (n8n defaults)',
	fetch: 'plain fetch script: one read, adjustments 16 at a time (floor)',
};

/** A sandbox with the large inventory, and the two workflows published in the running n8n. */
async function setUp(ctx) {
	const sandbox = createSandbox({ productCount: PRODUCT_COUNT, orderCount: 1 });
	const { baseUrl } = await sandbox.start();
	if (sandbox.state.inventory.size !== INVENTORY) throw new Error(`the sandbox seeded ${sandbox.state.inventory.size} products, not ${INVENTORY}`);
	const { orgId, apiKey } = sandbox.options;
	const credential = await m.createCredential(ctx.rest, 'Stock sync PharmaOne API', 'pharmaOneApi', { environment: 'custom', baseUrl, organizationId: orgId, apiKey, accessToken: '' });
	const defs = {
		ours: { workflow: oursWorkflow('stock-sync-ours', credential), urlPath: '/webhook/stock-sync-ours', timedNodes: ['Set stock level'], expectItems: INVENTORY },
		recipe: { workflow: recipeWorkflow('stock-sync-recipe', { baseUrl, orgId, apiKey }), urlPath: '/webhook/stock-sync-recipe', timedNodes: ['Token', 'Inventory', 'Split Out', 'Compare Datasets', 'Adjust'], expectItems: DIFFER },
	};
	for (const def of Object.values(defs)) def.workflowId = await m.createPublished(ctx.rest, def.workflow);
	return { sandbox, baseUrl, defs };
}

/** One sync run of a variant from the initial levels: times, requests by route, n8n CPU and peak RSS, levels off target. */
async function runOnce(ctx, sync, key, { initial, counts }) {
	resetLevels(sync.sandbox, initial);
	const before = { ...sync.sandbox.stats().requests };
	const peak = rssSampler(ctx.n8n.pid);
	let run;
	if (key === 'fetch') {
		const { orgId, apiKey } = sync.sandbox.options;
		const result = await local.run(ctx.runtime.node, [path.join(__dirname, 'fetch-loop.js'), 'sync', sync.baseUrl, orgId, apiKey, '16'], {
			env: { ...process.env, NODE_OPTIONS: '' },
			timeoutMs: 300000,
			input: JSON.stringify(counts),
		});
		if (result.code !== 0) throw new Error(`fetch-loop.js sync failed: ${result.stderr.slice(-600)}`);
		const floor = JSON.parse(result.stdout.trim().split('\n').pop());
		run = { nodeMs: floor.ms, wallMs: floor.ms, cpuMs: NaN };
	} else {
		run = await m.runWebhookWorkflow(ctx, { ...sync.defs[key], body: { counts } });
	}
	const memory = peak();
	return { ...run, ...(key === 'fetch' ? { peakMiB: NaN, riseMiB: NaN } : memory), requests: requestsByRoute(sync.sandbox, before), off: offTarget(sync.sandbox, counts) };
}

/** The section: every variant at every latency, interleaved (rotated), `repeats` times; medians in the report. */
async function stockSync(ctx, results, { repeats, latencies, log }) {
	const sync = await setUp(ctx);
	try {
		const data = tillExport(sync.sandbox);
		const differing = data.counts.filter(({ p1_id: p1Id, stockquantity }) => data.initial.get(String(p1Id)) !== stockquantity).length;
		if (differing !== DIFFER) throw new Error(`the till export differs in ${differing} counts, not ${DIFFER}`);
		sync.sandbox.setFaults({ latencyMs: 0 });
		for (const key of VARIANTS) await runOnce(ctx, sync, key, data); // warm-up (JIT, token)
		const out = { inventory: INVENTORY, differ: DIFFER, repeats, latencies: {} };
		for (const latency of latencies) {
			sync.sandbox.setFaults({ latencyMs: latency });
			const runs = Object.fromEntries(VARIANTS.map((key) => [key, []]));
			for (let rep = 0; rep < repeats; rep++) {
				for (const key of VARIANTS.map((_, i) => VARIANTS[(i + rep) % VARIANTS.length])) {
					const run = await runOnce(ctx, sync, key, data);
					runs[key].push(run);
					log(`stock sync ${latency} ms ${key}: ${Math.round(run.nodeMs)} ms (wall ${Math.round(run.wallMs)}), n8n CPU ${Math.round(run.cpuMs)} ms, peak RSS ${Math.round(run.peakMiB)} MiB (+${Math.round(run.riseMiB)}), ${JSON.stringify(run.requests)}, ${run.off} off target`);
				}
			}
			out.latencies[latency] = runs;
		}
		results.stockSync = out;
	} finally {
		resetLevels(sync.sandbox, tillExport(sync.sandbox).initial);
		await sync.sandbox.stop();
	}
}

const fmtMs = (value) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')} ms` : 'n/a');

/** bench/results/<date>-stock-sync.md and .json: the table per latency and the targets of issue #22, met or missed. */
function writeStockSync(root, results) {
	const s = results.stockSync;
	const lines = [`# Stock sync benchmark, ${results.date}`, '', `n8n 2.41.1 (\`n8n start\`), ${results.machine.cpu}, ${results.machine.cores} cores, load at start ${results.machine.loadAvg}. ` +
		`Inventory of ${s.inventory} products, till export of ${s.inventory} counts of which ${s.differ} differ; levels put back before every run; median of ${s.repeats} runs. ` +
		'Time: executionTime of the timed nodes in the saved execution (ours: Set Stock Level; recipe: Token, Inventory, Split Out, Compare Datasets, Adjust); wall: POST to answer of the webhook-started workflow (includes Webhook and the till-export Code node). n8n CPU: main process, whole run. Peak: n8n RSS sampled every 25 ms (the process keeps what earlier runs left, so the rise over the run start is shown too). The machine is shared: see the load.', ''];
	const targets = [];
	for (const [latency, runs] of Object.entries(s.latencies)) {
		const med = (key, field) => m.median(runs[key].map((run) => run[field]));
		const paired = (a, b) => m.median(runs[a].map((run, i) => run.nodeMs / runs[b][i].nodeMs));
		lines.push(`## ${latency} ms latency`, '', '| variant | time | wall | ÷ recipe | ÷ fetch floor | requests by route (every run) | n8n CPU | n8n peak RSS (rise in the run) | off target (worst run) |', '|---|---|---|---|---|---|---|---|---|');
		for (const key of VARIANTS) {
			const routes = [...new Set(runs[key].map((run) => JSON.stringify(run.requests)))].map((json) => Object.entries(JSON.parse(json)).filter(([, n]) => n > 0).map(([route, n]) => `${route} ${n}`).join(', ')).join(' / ');
			lines.push(`| ${LABELS[key]} | ${fmtMs(med(key, 'nodeMs'))} | ${fmtMs(med(key, 'wallMs'))} | ${paired(key, 'recipe').toFixed(2)} | ${paired(key, 'fetch').toFixed(2)} | ${routes} | ${fmtMs(med(key, 'cpuMs'))} | ${Number.isFinite(med(key, 'peakMiB')) ? `${Math.round(med(key, 'peakMiB'))} MiB (+${Math.round(med(key, 'riseMiB'))})` : 'n/a'} | ${Math.max(...runs[key].map((run) => run.off))} |`);
		}
		lines.push('');
		const ratio = paired('ours', 'recipe');
		targets.push([`time at ${latency} ms ≤ 1.0× the hand-built recipe`, ratio <= 1, ratio.toFixed(2)]);
		const requestsOk = runs.ours.every((run) => run.requests['GET /inventory'] === 1 && run.requests['POST /inventory/adjust'] === s.differ && run.requests['GET /inventory/{p1Id}/log'] === 0);
		targets.push([`requests at ${latency} ms: 1 GET /inventory + ${s.differ} POST /inventory/adjust, no log read`, requestsOk, runs.ours.map((run) => `${run.requests['GET /inventory']}+${run.requests['POST /inventory/adjust']}`).join(', ')]);
		const off = VARIANTS.map((key) => Math.max(...runs[key].map((run) => run.off)));
		targets.push([`all three end at the targets at ${latency} ms`, off.every((n) => n === 0), off.join('/')]);
	}
	lines.push('## Targets (issue #22)', '', ...targets.map(([what, ok, measured]) => `- ${ok ? 'PASS' : 'MISS'} ${what}: ${measured}`), '');
	const base = path.join(root, 'bench', 'results', `${results.date}-stock-sync${results.label ? `-${results.label}` : ''}`);
	fs.writeFileSync(`${base}.md`, `${lines.join('\n')}\n`);
	fs.writeFileSync(`${base}.json`, `${JSON.stringify({ date: results.date, machine: results.machine, stockSync: s }, null, 1)}\n`);
	return { md: lines.join('\n'), file: `${base}.md`, targets };
}

module.exports = { INVENTORY, DIFFER, PRODUCT_COUNT, tillExport, resetLevels, offTarget, oursWorkflow, recipeWorkflow, stockSync, writeStockSync };
