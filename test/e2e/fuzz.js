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

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const { startN8nReady } = require('./server');

const TRIGGER_TYPE = 'n8n-nodes-pharmaone.pharmaOneTrigger';
const TRIGGER_NAME = 'PharmaOne Trigger';
const LIMITS = {
	total: Number(process.env.FUZZ_COUNT || 1000),
	valid: Number(process.env.FUZZ_VALID || 50),
	concurrency: Number(process.env.FUZZ_CONCURRENCY || 16),
	sendMs: Number(process.env.FUZZ_TIME_LIMIT_MS || 180000),
	hugeBytes: 5 * 1024 * 1024,
	huge: 12, // 5 MB bodies (at most this many, of two kinds)
};
const EVENTS = ['order_status_updated', 'order_created', 'order_updated', 'order_marked_paid', 'low_stock', 'out_of_stock'];

/** A small seeded PRNG (mulberry32), so a failing run can be repeated with FUZZ_SEED. */
function prng(seed) {
	let a = seed >>> 0;
	const next = () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

const sign = (body, secret) => `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

/** One HTTP request with full control of headers (an array value sends the header repeatedly) and body. */
function postRaw(url, { method = 'POST', headers = {}, body = Buffer.alloc(0), agent, timeoutMs = 60000 } = {}) {
	return new Promise((resolve) => {
		const request = http.request(url, { method, agent });
		for (const [name, value] of Object.entries(headers)) if (value !== undefined) request.setHeader(name, value);
		request.setHeader('content-length', body.length);
		request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')));
		request.on('error', (error) => resolve({ status: 0, error: error.message }));
		request.on('response', (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.length < 4 && chunks.push(chunk));
			response.on('error', (error) => resolve({ status: response.statusCode, error: error.message }));
			response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8').slice(0, 500) }));
		});
		request.end(body);
	});
}

/** A PharmaOne webhook envelope (sandbox/webhooks.js shape) whose `id` names the delivery it belongs to. */
function envelope(id, eventType, metadata, padding) {
	const body = { id, org_id: 'org1', event_type: eventType, title: eventType, description: `fuzz ${id}`, metadata, created_at: new Date().toISOString() };
	if (padding) body.metadata = { ...metadata, padding };
	return Buffer.from(JSON.stringify(body));
}

/** The trigger workflow under test: all events, status filter ready_pickup, the sandbox's signing secret. */
function triggerWorkflow(id, webhookId, credential) {
	const node = { id: crypto.randomUUID(), name: TRIGGER_NAME, type: TRIGGER_TYPE, typeVersion: 1, position: [0, 0], webhookId };
	node.parameters = { events: ['*'], options: { onlyNewStatus: 'ready_pickup' } };
	node.credentials = { pharmaOneWebhookApi: { id: credential.id, name: credential.name } };
	return { id, name: `PharmaOne fuzz target ${id}`, active: false, nodes: [node], connections: {}, settings: { executionOrder: 'v1' } };
}

/**
 * The mutations. Each returns { headers, body, method? } for the n-th delivery; `expect` is what the trigger must
 * answer: 'reject' (4xx, no execution), 'ack' (200, no execution) or 'noexec' (200 or 4xx, no execution).
 */
function mutations(secret, rnd) {
	const statusUpdate = (id, newStatus = 'ready_pickup') =>
		envelope(id, 'order_status_updated', { order_id: `ord-${id}`, old_status: 'awaiting_packing', new_status: newStatus });
	const passing = (id) => (rnd.next() < 0.5 ? statusUpdate(id) : envelope(id, rnd.pick(EVENTS.slice(1)), { order_id: `ord-${id}` }));
	const json = { 'content-type': 'application/json' };
	const signed = (body, extra = {}) => ({ headers: { ...json, 'x-pharmaone-signature': sign(body, secret), ...extra }, body });
	const withSig = (body, signature, extra = {}) => ({ headers: { ...json, 'x-pharmaone-signature': signature, ...extra }, body });
	const hex = () => crypto.randomBytes(32).toString('hex');
	const huge = (id, newStatus) => envelope(id, 'order_status_updated', { order_id: `ord-${id}`, old_status: 'pending', new_status: newStatus }, 'x'.repeat(LIMITS.hugeBytes));
	return {
		'bit-flip': ['reject', (id) => {
			const body = passing(id);
			const flipped = Buffer.from(body);
			flipped[rnd.int(flipped.length)] ^= 1 << rnd.int(8);
			return withSig(flipped, sign(body, secret));
		}],
		'swapped-signature': ['reject', (id) => withSig(passing(id), sign(passing(`${id}-other`), secret))],
		'truncated-signature': ['reject', (id) => { const body = passing(id); return withSig(body, sign(body, secret).slice(0, 7 + rnd.int(64))); }],
		'empty-signature': ['reject', (id) => withSig(passing(id), '')],
		'missing-signature': ['reject', (id) => ({ headers: json, body: passing(id) })],
		'uppercase-signature': ['reject', (id) => {
			const body = passing(id);
			const value = sign(body, secret);
			return withSig(body, rnd.next() < 0.5 ? `sha256=${value.slice(7).toUpperCase()}` : value.toUpperCase());
		}],
		'duplicated-signature-header': ['reject', (id) => {
			const body = passing(id);
			return withSig(body, rnd.next() < 0.5 ? [sign(body, secret), sign(body, secret)] : [`sha256=${hex()}`, sign(body, secret)]);
		}],
		'wrong-prefix': ['reject', (id) => {
			const body = passing(id);
			const digest = sign(body, secret).slice(7);
			return withSig(body, `${rnd.pick(['sha1=', 'sha512=', 'sha256:', '', 'sha256 =', 'hmac-sha256=', 'sha256=sha256='])}${digest}`);
		}],
		'other-secret': ['reject', (id) => { const body = passing(id); return withSig(body, sign(body, `${secret}x`)); }],
		'random-bytes': ['reject', () => withSig(crypto.randomBytes(1 + rnd.int(2048)), `sha256=${hex()}`, { 'content-type': rnd.pick(['application/json', 'application/octet-stream']) })],
		'trailing-whitespace': ['reject', (id) => { const body = passing(id); return withSig(Buffer.concat([body, Buffer.from(rnd.pick(['\n', ' ', '\r\n']))]), sign(body, secret)); }],
		'long-signature': ['reject', (id) => withSig(passing(id), `sha256=${'a'.repeat(64 * (2 + rnd.int(100)))}`)],
		'empty-body': ['reject', () => (rnd.next() < 0.5 ? withSig(Buffer.alloc(0), sign('', secret)) : { headers: json, body: Buffer.alloc(0) })],
		'invalid-json-signed': ['reject', (id) => { const body = passing(id).subarray(0, 10 + rnd.int(40)); return signed(body); }],
		'non-object-json-signed': ['reject', (id) => signed(Buffer.from(rnd.pick(['[1,2]', 'null', '"text"', '42', 'true', `[${passing(id)}]`])))],
		'wrong-content-type': ['reject', (id) => withSig(passing(id), `sha256=${hex()}`, {
			'content-type': rnd.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', undefined]),
		})],
		'wrong-content-type-signed-filtered': ['noexec', (id) => signed(statusUpdate(id, 'shipped'), {
			'content-type': rnd.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', undefined]),
		})],
		// n8n's own body parser fails on these before the trigger runs (HTTP 500 from n8n, not from the node).
		'bad-gzip': ['reject-any', (id) => withSig(passing(id), `sha256=${hex()}`, { 'content-encoding': 'gzip' })],
		'wrong-method': ['reject', (id) => ({ ...signed(passing(id)), method: rnd.pick(['GET', 'PUT', 'PATCH', 'DELETE']) })],
		'filtered-status': ['ack', (id) => signed(statusUpdate(id, rnd.pick(['shipped', 'pending', 'completed', 'awaiting_packing'])), { 'x-pharmaone-delivery-id': `dlv-${id}` })],
		'huge-body-bad-signature': ['reject', (id) => withSig(huge(id, 'ready_pickup'), `sha256=${hex()}`)],
		'huge-body-signed-filtered': ['ack', (id) => signed(huge(id, 'shipped'), { 'x-pharmaone-delivery-id': `dlv-${id}` })],
	};
}

/** The delivery plan: valid ones and replays at random places among mutations; huge bodies capped. */
function plan(rnd, kinds) {
	const names = Object.keys(kinds).filter((name) => !name.startsWith('huge-'));
	const slots = [];
	for (let i = 0; i < LIMITS.valid; i++) slots.push('valid');
	for (let i = 0; i < Math.round(LIMITS.total * 0.05); i++) slots.push('replay');
	for (let i = 0; i < LIMITS.huge; i++) slots.push(i % 2 ? 'huge-body-bad-signature' : 'huge-body-signed-filtered');
	while (slots.length < LIMITS.total) slots.push(rnd.pick(names));
	for (let i = slots.length - 1; i > 0; i--) {
		const j = rnd.int(i + 1);
		[slots[i], slots[j]] = [slots[j], slots[i]];
	}
	return slots;
}

/** Runs `tasks` (functions) at most `concurrency` at a time, stopping new ones after `deadline`. */
async function pool(tasks, concurrency, deadline) {
	let next = 0;
	let started = 0;
	const worker = async () => {
		while (next < tasks.length && Date.now() < deadline) {
			const task = tasks[next++];
			started++;
			await task();
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return started;
}

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

/**
 * Starts n8n with one published trigger workflow (shared by fuzz.js; queue.js sets up its own processes).
 * Returns { runtime, sandbox, env, n8n, rest, n8nUrl, webhookUrl, workflowId, secret, logFile }.
 */
async function startTarget(ctx, step) {
	const verbose = process.env.E2E_VERBOSE === '1';
	ctx.runtime = await step('n8n 2.41.1 and Node.js 24 are installed (cached)', () => local.ensureRuntime({ echo: verbose }));
	await step('the package is packed and installed into a fresh n8n user folder', () =>
		local.installPackage(ctx.userFolder, { echo: verbose, skipBuild: process.env.E2E_SKIP_BUILD === '1' }));
	ctx.sandbox = createSandbox({ webhookTimeoutMs: 60000 }); // answers take seconds while n8n is busy
	ctx.sandboxUrls = await ctx.sandbox.start();
	ctx.secret = ctx.sandbox.options.signingSecret;
	const [port, brokerPort, cliBrokerPort] = [await local.freePort(), await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${port}`;
	const base = { userFolder: ctx.userFolder, port, encryptionKey: 'dummy-fuzz-encryption-key' };
	const cliEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort: cliBrokerPort });
	ctx.env = local.n8nEnv(ctx.runtime, { ...base, brokerPort });
	const credential = local.sandboxCredentials({ ...ctx.sandboxUrls, ...ctx.sandbox.options }).find((c) => c.type === 'pharmaOneWebhookApi');
	ctx.workflowId = 'p1FuzzTrigger001';
	const workflow = triggerWorkflow(ctx.workflowId, crypto.randomUUID(), credential);
	ctx.webhookUrl = local.triggerWebhookUrl(ctx.n8nUrl, workflow);
	const importDir = path.join(ctx.userFolder, 'import');
	fs.mkdirSync(importDir, { recursive: true });
	fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify([credential]));
	fs.writeFileSync(path.join(importDir, 'workflow.json'), JSON.stringify([workflow]));
	await step('n8n imports the signing-secret credential and the trigger workflow, and publishes it', async () => {
		await local.n8nCli(ctx.runtime, cliEnv, ['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
		await local.n8nCli(ctx.runtime, cliEnv, ['import:workflow', `--input=${path.join(importDir, 'workflow.json')}`]);
		await local.n8nCli(ctx.runtime, cliEnv, ['publish:workflow', `--id=${ctx.workflowId}`]);
	});
	ctx.logFile = path.join(ctx.userFolder, 'n8n.log');
	await step('n8n start answers /healthz/readiness and the production webhook refuses an unsigned POST (401)', async () => {
		ctx.n8n = await startN8nReady(ctx.runtime, ctx.env, ctx.logFile, ctx.n8nUrl);
		await local.waitFor(`the webhook ${ctx.webhookUrl}`, async () => (await postRaw(ctx.webhookUrl, { headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') })).status === 401, { timeoutMs: 120000 });
	});
	await step('the owner is created and logs in; no executions yet', async () => {
		ctx.rest = new local.N8nRest(ctx.n8nUrl);
		await ctx.rest.setupOwner();
		await ctx.rest.login();
		if ((await local.listAllExecutions(ctx.rest, ctx.workflowId)).length !== 0) throw new Error('executions before the first delivery');
	});
}

/** Waits (bounded) until the workflow's executions stop changing and are all finished; returns them. */
async function settledExecutions(ctx, atLeast, { quietMs = 4000, timeoutMs = 90000 } = {}) {
	let last = -1;
	let stableSince = Date.now();
	return local.waitFor(`executions of ${ctx.workflowId} to settle (at least ${atLeast})`, async () => {
		const list = await local.listAllExecutions(ctx.rest, ctx.workflowId);
		const busy = list.some((e) => ['new', 'running', 'waiting'].includes(e.status));
		if (list.length !== last || busy) {
			last = list.length;
			stableSince = Date.now();
			return false;
		}
		return list.length >= atLeast && Date.now() - stableSince >= quietMs ? list : false;
	}, { timeoutMs, intervalMs: 1000 });
}

/** The event id (body `id`) each execution started with, from its stored trigger output. */
async function executedEventIds(ctx, executions, triggerName = TRIGGER_NAME) {
	const ids = [];
	for (const execution of executions) {
		const detail = await ctx.rest.execution(execution.id, ctx.runtime);
		const runs = detail.data?.resultData?.runData?.[triggerName] ?? [];
		for (const item of runs[0]?.data?.main?.[0] ?? []) ids.push(String(item.json.id));
	}
	return ids;
}

const countBy = (list, key) => list.reduce((acc, x) => ((acc[key(x)] = (acc[key(x)] || 0) + 1), acc), {});

async function fuzz(ctx, test) {
	const seed = Number(process.env.FUZZ_SEED || Date.now() % 1e9);
	const rnd = prng(seed);
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
	const ids = await executedEventIds(ctx, executions);
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
 * then always `stop(ctx)`. Removes `folder` when everything passed, else keeps it for inspection.
 */
async function runSuite(label, ctx, folder, main, stop) {
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
	else console.log(`# kept ${path.relative(process.cwd(), folder)} (n8n.log, database) for inspection`);
	console.log(`# ${label} took ${Math.round((Date.now() - started) / 1000)} s`);
	return results;
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

module.exports = { run, runSuite, runStandalone, prng, sign, postRaw, envelope, triggerWorkflow, pool, createRunner, settledExecutions, executedEventIds, removeOldRuns, countBy };

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

if (require.main === module) runStandalone(run);
