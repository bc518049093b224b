'use strict';

// The measurements of `npm run bench`, one function per section. Each runs inside the one n8n started by
// run.js, against the sandbox, and stores raw numbers in `results`; report.js turns them into ratios.

const path = require('node:path');
const local = require('../scripts/lib/n8n-local');
const m = require('./measure');
const { splitFile } = require('./profile-split');

const log = (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const rotate = (list, by) => list.map((_, i) => list[(i + by) % list.length]);

/** The Get Order variants: n8n workflows (by key in ctx.wf) and plain fetch loops. */
const GET_ORDER_VARIANTS = {
	http: { workflow: 'http' },
	oursDefault: { workflow: 'oursDefault' },
	ours16: { workflow: 'ours16' },
	ours32: { workflow: 'ours32' },
	ours64: { workflow: 'ours64' },
	ours128: { workflow: 'ours128' },
	ours256: { workflow: 'ours256' },
	fetch1: { fetch: 1 },
	fetch16: { fetch: 16 },
};

async function fetchLoop(ctx, args, input) {
	const { orgId, apiKey } = ctx.sandbox.options;
	const result = await local.run(ctx.runtime.node, [path.join(__dirname, 'fetch-loop.js'), args[0], ctx.urls.baseUrl, orgId, apiKey, ...args.slice(1)], {
		env: { ...process.env, NODE_OPTIONS: '' },
		timeoutMs: 300000,
		input,
	});
	if (result.code !== 0) throw new Error(`fetch-loop.js failed: ${result.stderr.slice(-600)}`);
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** One Get Order ×N run of a variant, with what the sandbox saw of it. */
async function runGetOrder(ctx, key, afterResponse) {
	const variant = GET_ORDER_VARIANTS[key] ?? { workflow: key };
	ctx.traffic.reset();
	let run;
	if (variant.fetch) {
		const result = await fetchLoop(ctx, ['get', String(variant.fetch)], ctx.ids.join('\n'));
		if (result.rows !== ctx.ids.length) throw new Error(`the fetch loop read ${result.rows} orders`);
		run = { nodeMs: result.ms, wallMs: result.ms, cpuMs: result.cpuMs };
	} else {
		const def = ctx.wf[variant.workflow];
		run = await m.runWebhookWorkflow(ctx, { ...def, body: { ids: ctx.ids }, expectItems: ctx.ids.length, afterResponse });
	}
	return { ...run, ...ctx.traffic.snapshot() };
}

function record(bucket, run) {
	for (const [key, value] of Object.entries(run)) {
		if (typeof value === 'number') (bucket[key] ??= []).push(value);
	}
}

/** 1. Get Order ×1,000 at 0 and 20 ms latency: every variant, interleaved, repeated. */
async function getOrder(ctx, results, { repeats, latencies, variants }) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	for (const key of variants) await runGetOrder(ctx, key); // warm-up (JIT, token)
	const data = Object.fromEntries(latencies.map((latency) => [latency, Object.fromEntries(variants.map((v) => [v, {}]))]));
	for (let rep = 0; rep < repeats; rep++) {
		for (const latency of latencies) {
			ctx.sandbox.setFaults({ latencyMs: latency });
			for (const key of rotate(variants, rep)) {
				const run = await runGetOrder(ctx, key);
				record(data[latency][key], run);
				log(`get order ${latency} ms ${key}: ${Math.round(run.nodeMs)} ms, n8n CPU ${Math.round(run.cpuMs)} ms, ${run.maxInFlight} in flight, ${run.requests} requests on ${run.connections} connections`);
			}
		}
	}
	ctx.sandbox.setFaults({ latencyMs: 0 });
	results.getOrder = data;
}

/** 2. One at a time at 0 ms: ours with Parallel Requests 1 vs the HTTP Request node in Loop Over Items. */
async function oneAtATime(ctx, results, { repeats }) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const variants = ['oursSeq', 'httpLoop'];
	for (const key of variants) await runGetOrder(ctx, key); // warm-up
	const data = Object.fromEntries(variants.map((v) => [v, {}]));
	for (let rep = 0; rep < repeats; rep++) {
		for (const key of rotate(variants, rep)) {
			const run = await runGetOrder(ctx, key);
			record(data[key], run);
			log(`one at a time ${key}: ${Math.round(run.nodeMs)} ms, n8n CPU ${Math.round(run.cpuMs)} ms, ${run.maxInFlight} in flight`);
		}
	}
	results.oneAtATime = data;
}

/** 3. Token exchanges: 10 executions with a fresh credential, and a token revoked in the middle of a run. */
async function tokens(ctx, results) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const executions = 10;
	const count = async (key) => {
		const before = ctx.sandbox.stats().tokenExchanges;
		for (let i = 0; i < executions; i++) await runGetOrder(ctx, key);
		return ctx.sandbox.stats().tokenExchanges - before;
	};
	results.tokens = { executions, items: ctx.ids.length, ours: await count('oursTokens'), http: await count('http') };
	// Revoked mid-run: default settings at 20 ms, every token PharmaOne issued so far revoked after 300 ms.
	ctx.sandbox.setFaults({ latencyMs: 20 });
	const before = ctx.sandbox.stats().tokenExchanges;
	const revoke = local.sleep(300).then(() => ctx.sandbox.revokeTokens());
	const run = await runGetOrder(ctx, 'oursTokens');
	await revoke;
	results.tokens.revokedMidRun = { exchanges: ctx.sandbox.stats().tokenExchanges - before, maxInFlight: run.maxInFlight, items: ctx.ids.length };
	ctx.sandbox.setFaults({ latencyMs: 0 });
	log(`token exchanges: ours ${results.tokens.ours}, HTTP recipe ${results.tokens.http}, revoked mid-run ${results.tokens.revokedMidRun.exchanges}`);
}

/** 4. Return All over 10,000 orders: data requests, and time vs a plain fetch loop. */
async function returnAll(ctx, results, { repeats, orders }) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const data = { orders, expectedRequests: Math.ceil(orders / 200), requests: [], oursMs: [], fetchMs: [], fetchRequests: [] };
	const ours = async () => {
		const before = ctx.sandbox.stats().requests['GET /orders'] ?? 0;
		const run = await m.runWebhookWorkflow(ctx, { ...ctx.wf.returnAll, body: {}, expectItems: orders });
		return { ...run, requests: (ctx.sandbox.stats().requests['GET /orders'] ?? 0) - before };
	};
	await ours(); // warm-up
	await fetchLoop(ctx, ['orders']);
	for (let rep = 0; rep < repeats; rep++) {
		for (const step of rep % 2 === 0 ? ['ours', 'fetch'] : ['fetch', 'ours']) {
			if (step === 'ours') {
				const run = await ours();
				data.oursMs.push(run.nodeMs);
				data.requests.push(run.requests);
				log(`return all ours: ${Math.round(run.nodeMs)} ms, ${run.requests} requests`);
			} else {
				const run = await fetchLoop(ctx, ['orders']);
				if (run.rows !== orders) throw new Error(`the fetch loop read ${run.rows} orders`);
				data.fetchMs.push(run.ms);
				data.fetchRequests.push(run.requests);
				log(`return all fetch loop: ${Math.round(run.ms)} ms, ${run.requests} requests`);
			}
		}
	}
	results.returnAll = data;
}

/** 5. Signed deliveries per second: our trigger, a minimal community trigger, n8n's Webhook node. */
async function trigger(ctx, results, { repeats, deliveries, concurrency }) {
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const orderIds = ctx.ids.slice(0, 100);
	const sides = { ours: ctx.wf.trigger, minimal: ctx.wf.minimal, builtin: ctx.wf.builtin };
	const sent = { ours: 0, minimal: 0, builtin: 0 };
	const data = { deliveries, concurrency, ours: [], minimal: [], builtin: [], cpuMs: { ours: [], minimal: [], builtin: [] }, statuses: { ours: [], minimal: [], builtin: [] } };
	const send = async (side, total) => {
		const def = sides[side];
		const cpuBefore = m.processCpuMs(ctx.n8n.pid);
		const run = await m.sendDeliveries(ctx.sandbox, `${ctx.n8nUrl}${def.urlPath}`, { total, concurrency, orderIds });
		sent[side] += run.accepted;
		await m.waitForDrain(ctx, def.workflowId, sent[side]);
		return { ...run, cpuMsPerDelivery: (m.processCpuMs(ctx.n8n.pid) - cpuBefore) / total };
	};
	for (const side of Object.keys(sides)) await send(side, 50); // warm-up
	for (let rep = 0; rep < repeats; rep++) {
		for (const side of rotate(Object.keys(sides), rep)) {
			const run = await send(side, deliveries);
			data[side].push(run.perSecond);
			data.cpuMs[side].push(run.cpuMsPerDelivery);
			data.statuses[side].push(run.statuses);
			log(`trigger ${side}: ${run.accepted}/${deliveries} accepted in ${run.seconds.toFixed(2)} s = ${run.perSecond.toFixed(1)}/s, n8n CPU ${run.cpuMsPerDelivery.toFixed(0)} ms per delivery ${JSON.stringify(run.statuses)}`);
		}
	}
	results.trigger = data;
}

/**
 * 6. Where n8n's main thread spends each item: CPU profiles of Get Order runs at 0 ms, each from the POST that
 * starts the workflow to its answer (reading the execution back is not profiled), split by profile-split.js
 * and scaled to the main thread's CPU time over the same span (/proc).
 */
async function profile(ctx, results, { runs }) {
	if (!ctx.profiler) throw new Error('the profile section needs n8n started with its inspector (run.js does this)');
	ctx.sandbox.setFaults({ latencyMs: 0 });
	const data = {};
	for (const key of ['oursSeq', 'oursDefault', 'http']) {
		await runGetOrder(ctx, key); // warm-up outside the profile
		const sum = {};
		for (let i = 0; i < runs; i++) {
			const file = path.join(ctx.userFolder, `${key}-${i}.cpuprofile`);
			const cpu = { before: m.processCpuMs(ctx.n8n.pid, true), after: NaN };
			await ctx.profiler.start();
			await runGetOrder(ctx, key, async () => {
				await ctx.profiler.stop(file);
				cpu.after = m.processCpuMs(ctx.n8n.pid, true);
			});
			const perItem = splitFile(file, ctx.ids.length, cpu.after - cpu.before);
			for (const [name, value] of Object.entries(perItem)) sum[name] = (sum[name] ?? 0) + value / runs;
		}
		data[key] = { runs, items: ctx.ids.length, perItemMs: sum };
		const split = Object.entries(sum).filter(([name]) => name !== 'idleMs').map(([name, value]) => `${name} ${value.toFixed(3)}`);
		log(`profile ${key}, ms per item: ${split.join(', ')}`);
	}
	results.profile = data;
}

module.exports = { GET_ORDER_VARIANTS, getOrder, oneAtATime, tokens, returnAll, trigger, profile, log };
