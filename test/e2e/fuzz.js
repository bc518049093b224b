#!/usr/bin/env node
'use strict';

// Webhook fuzzing in a real n8n 2.41.1 (npm run test:fuzz; standalone `node test/e2e/fuzz.js` or `run()`).
//
// Publishes a PharmaOne Trigger workflow (all events, Only New Status = ready_pickup) in a fresh n8n user folder
// (.n8n-e2e/fuzz-<pid>/), then sends FUZZ_COUNT (default 1,000) deliveries straight to its production URL on
// 127.0.0.1, at most 16 in flight and within a time limit: random and mutated ones (bit flips, swapped, truncated,
// empty, uppercase, repeated or mis-prefixed signatures, other secrets, huge and empty bodies, wrong content
// types and methods, invalid JSON with a valid signature, filtered statuses, replays) interleaved with FUZZ_VALID
// (default 50) valid deliveries with unique ids. Every body carries its own event id, so each execution n8n
// stored is traced back to the delivery that started it. Asserts: every valid delivery started exactly one
// execution, no invalid one started any, each was answered as the trigger documents (401/400 or another 4xx;
// 200 without execution for a filtered status or a repeated delivery id), and n8n is still healthy at the end.
// Prints `N passed, M failed` last and exits non-zero on any failure. Keeps the run folder when something failed.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createRandom } = require('../../sandbox/random');
const { runSuite, runStandalone, removeOldRuns } = require('./lib/runner');
const { pool, countBy } = require('./lib/batch');
const { settledExecutions, executedEventIds } = require('./lib/executions');
const { postRaw } = require('./lib/http');
const { LIMITS, EVENTS, sign, envelope, mutations, plan } = require('./fuzzDeliveries');
const { TRIGGER_NAME, startTarget } = require('./fuzzTarget');

async function fuzz(ctx, test) {
	const seed = Number(process.env.FUZZ_SEED || Date.now() % 1e9);
	// The sandbox's seeded PRNG (mulberry32), so a failing run can be repeated with FUZZ_SEED.
	const rnd = createRandom(seed);
	const kinds = mutations(ctx.secret, rnd);
	const slots = plan(rnd, kinds);
	const agent = new http.Agent({ keepAlive: true, maxSockets: LIMITS.concurrency });
	const sent = [];
	const valid = []; // { eventId, deliveryId, body, headers, status }
	const ordersReady = [...ctx.sandbox.state.orders.byId.values()];
	let n = 0;
	const send = async (kind, expect, request, eventId) => {
		const started = Date.now();
		const result = await postRaw(ctx.webhookUrl, { ...request, agent });
		sent.push({ kind, expect, eventId, status: result.status, error: result.error, body: result.body, ms: Date.now() - started });
		return result;
	};
	const tasks = slots.map((slot) => async () => {
		const id = `fz${seed}-${++n}`;
		if (slot === 'valid' && n % 5 === 0) {
			// Through the sandbox's own delivery code, as PharmaOne sends it.
			const order = rnd.pick(ordersReady);
			const started = Date.now();
			const result = await ctx.sandbox.deliver({ url: ctx.webhookUrl, event_type: 'order_status_updated', metadata: { order_id: order.id, old_status: 'awaiting_packing', new_status: 'ready_pickup' } });
			const status = result.results[0].status;
			sent.push({ kind: 'valid', expect: 'exec', eventId: result.event.id, status, ms: Date.now() - started });
			valid.push({ eventId: result.event.id, status, request: null });
			return;
		}
		if (slot === 'valid') {
			const body = envelope(id, rnd.pick(EVENTS), { order_id: `ord-${id}`, old_status: 'awaiting_packing', new_status: 'ready_pickup' });
			const request = { headers: { 'content-type': 'application/json', 'x-pharmaone-event': 'order_status_updated', 'x-pharmaone-delivery-id': `dlv-${id}`, 'x-pharmaone-signature': sign(body, ctx.secret) }, body };
			const entry = { eventId: id, request };
			valid.push(entry);
			entry.status = (await send('valid', 'exec', request, id)).status;
			return;
		}
		if (slot === 'replay') {
			const done = valid.filter((v) => v.request && v.status === 200);
			if (done.length > 0) {
				const original = rnd.pick(done);
				await send('replay', 'ack', original.request, `${original.eventId}#replay`);
				return;
			}
			slot = 'filtered-status';
		}
		const [expect, make] = kinds[slot];
		await send(slot, expect, make(id), id);
	});
	const started = Date.now();
	const deadline = started + LIMITS.sendMs;
	const startedCount = await pool(tasks, LIMITS.concurrency, deadline);
	const burstMs = Date.now() - started;
	const statuses = countBy(sent, (s) => s.status);
	console.log(`# seed ${seed}: ${sent.length} deliveries in ${(burstMs / 1000).toFixed(1)} s (${Math.round(sent.length / (burstMs / 1000))}/s, ${LIMITS.concurrency} in flight); statuses ${JSON.stringify(statuses)}`);
	console.log(`# by kind: ${JSON.stringify(countBy(sent, (s) => `${s.kind}:${s.status}`))}`);
	const ms = sent.map((s) => s.ms).sort((a, b) => a - b);
	const at = (q) => ms[Math.min(ms.length - 1, Math.floor(ms.length * q))];
	console.log(`# answer time ms: p50 ${at(0.5)}, p95 ${at(0.95)}, max ${at(1)}`);

	if (startedCount !== slots.length) console.log(`# time limit ${LIMITS.sendMs / 1000} s reached: ${startedCount} of ${slots.length} planned deliveries were sent; the checks below cover those`);
	const wrong = (filter) => sent.filter(filter).map((s) => `${s.kind} → ${s.status}${s.error ? ` (${s.error})` : ''}`);
	const summarize = (list) => Object.entries(countBy(list, (x) => x)).map(([k, v]) => `${v}× ${k}`).join('\n');
	await test('every invalid delivery was refused with a 4xx status', () => {
		const bad = wrong((s) => s.expect === 'reject' && !(s.status >= 400 && s.status < 500));
		if (bad.length) throw new Error(`${bad.length} not refused with 4xx:\n${summarize(bad)}`);
	});
	await test('deliveries n8n itself cannot decode (bad gzip) were answered non-2xx', () => {
		const bad = wrong((s) => s.expect === 'reject-any' && !(s.status >= 400 && s.status < 600));
		if (bad.length) throw new Error(`${bad.length} answered otherwise:\n${summarize(bad)}`);
	});
	await test('every filtered or repeated delivery was acknowledged with 200', () => {
		const bad = wrong((s) => s.expect === 'ack' && s.status !== 200);
		if (bad.length) throw new Error(`${bad.length} not acknowledged:\n${summarize(bad)}`);
	});
	await test('validly signed deliveries with another content type were answered 200 or 4xx', () => {
		const bad = wrong((s) => s.expect === 'noexec' && !(s.status === 200 || (s.status >= 400 && s.status < 500)));
		if (bad.length) throw new Error(`${bad.length} answered otherwise:\n${summarize(bad)}`);
	});
	await test(`every valid delivery (${valid.length}) was acknowledged with 200`, () => {
		const bad = wrong((s) => s.expect === 'exec' && s.status !== 200);
		if (bad.length) throw new Error(`${bad.length} not acknowledged:\n${summarize(bad)}`);
	});

	// Every valid delivery once more, after all were answered: the trigger must remember each delivery id.
	const replays = valid.filter((v) => v.request).map((v) => () => send('replay-after-burst', 'ack', v.request, `${v.eventId}#replay`));
	await pool(replays, LIMITS.concurrency, Date.now() + 60000);
	await test(`each of the ${replays.length} valid deliveries sent again after the burst was acknowledged with 200`, () => {
		const bad = wrong((s) => s.kind === 'replay-after-burst' && s.status !== 200);
		if (bad.length) throw new Error(`${bad.length} not acknowledged:\n${summarize(bad)}`);
	});

	await test('n8n is still running and healthy after the burst (/healthz, process alive)', async () => {
		if (ctx.n8n.exitCode !== null || ctx.n8n.signalCode !== null) throw new Error(`n8n exited (${ctx.n8n.exitCode ?? ctx.n8n.signalCode}); see ${ctx.logFile}`);
		const health = await local.fetchWithTimeout(`${ctx.n8nUrl}/healthz`, {}, 10000);
		if (!health.ok) throw new Error(`/healthz answered ${health.status}`);
	});

	const executions = await settledExecutions(ctx, valid.length).catch(async (error) => {
		console.log(`# ${error.message}`);
		return local.listAllExecutions(ctx.rest, ctx.workflowId);
	});
	const ids = await executedEventIds(ctx, executions, TRIGGER_NAME);
	const perId = countBy(ids, (id) => id);
	const validIds = new Set(valid.map((v) => v.eventId));
	const acceptedInvalid = ids.filter((id) => !validIds.has(id));
	const duplicated = Object.entries(perId).filter(([id, count]) => validIds.has(id) && count > 1);
	const missing = [...validIds].filter((id) => !perId[id]);
	const failedRuns = executions.filter((e) => e.status !== 'success');
	console.log(`# sent ${sent.length} (invalid ${sent.filter((s) => s.expect !== 'exec').length}, valid ${valid.length}); rejected by status ${JSON.stringify(countBy(sent.filter((s) => s.expect.startsWith('reject')), (s) => s.status))}; acknowledged without execution ${sent.filter((s) => s.expect !== 'exec' && !s.expect.startsWith('reject') && s.status === 200).length}`);
	console.log(`# executions ${executions.length} (expected ${valid.length}); duplicated valid ids ${duplicated.length} (extra executions ${duplicated.reduce((a, [, c]) => a + c - 1, 0)}); missing ${missing.length}; accepted invalid ${acceptedInvalid.length}`);

	await test('no invalid, filtered or repeated delivery started an execution (accepted invalid = 0)', () => {
		if (acceptedInvalid.length) throw new Error(`${acceptedInvalid.length} executions from invalid deliveries: ${acceptedInvalid.slice(0, 10).join(', ')}`);
	});
	await test('each valid delivery started exactly one execution (by event id)', () => {
		const problems = [];
		if (missing.length) problems.push(`${missing.length} valid deliveries started no execution: ${missing.slice(0, 5).join(', ')}`);
		if (duplicated.length) problems.push(`${duplicated.length} valid deliveries started more than one: ${duplicated.slice(0, 5).map(([id, c]) => `${id} ×${c}`).join(', ')}`);
		if (problems.length) throw new Error(problems.join('\n'));
	});
	await test(`executions stored = valid deliveries exactly (${valid.length}), all successful`, () => {
		if (executions.length !== valid.length) throw new Error(`${executions.length} executions, expected ${valid.length}`);
		if (failedRuns.length) throw new Error(`${failedRuns.length} executions did not succeed: ${failedRuns.slice(0, 5).map((e) => e.status).join(', ')}`);
	});
	agent.destroy();
	fs.writeFileSync(path.join(ctx.userFolder, 'deliveries.json'), JSON.stringify({ seed, sent, executed: perId }, null, 1));
	return { seed, sent: sent.length, valid: valid.length, executions: executions.length, acceptedInvalid: acceptedInvalid.length, duplicates: duplicated.length, burstMs };
}

async function run() {
	const runsDir = path.join(local.ROOT, '.n8n-e2e');
	removeOldRuns(runsDir, 'fuzz');
	const ctx = { userFolder: path.join(runsDir, `fuzz-${process.pid}`) };
	const main = async (c, { test, step }) => {
		await startTarget(c, step);
		await fuzz(c, test);
	};
	return runSuite('fuzz test', ctx, ctx.userFolder, main, async (c) => {
		await local.stopProcess(c.n8n).catch(() => {});
		if (c.sandbox) await c.sandbox.stop().catch(() => {});
	});
}

module.exports = { run };

if (require.main === module) runStandalone(run);
