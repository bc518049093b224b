#!/usr/bin/env node
'use strict';

// Set Stock Level at catalogue scale in a real n8n 2.41.1 (`n8n start`, one process): npm run test:stock-sync.
// An inventory of 2,000 products (sandbox productCount), a till export of 2,000 counts of which 100 differ, sent
// to a published webhook workflow (bench/stock-sync.js: Webhook → Code → Set Stock Level with its defaults):
//  1. one run: 1 GET /inventory, 100 POST /inventory/adjust, no log read; every level at its count;
//  2. the same run again: 1 GET /inventory, nothing sent, every item "unchanged";
//  3. two executions of the same sync started at the same moment (5 ms latency), once with the documented
//     adjust answer and once with an answer carrying the new level: both succeed, they overlap in time, every
//     level ends exactly at its count, and exactly 100 adjustments reach PharmaOne between them.
// Everything listens on 127.0.0.1; every wait is bounded; every process is stopped by PID.
// Prints `N passed, M failed` last and exits non-zero on any failure.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const m = require('../../bench/measure');
const sync = require('../../bench/stock-sync');
const { createChecks, exitOnSignals, stopAll } = require('./checks');

const { results, test } = createChecks();

/** POSTs the till export to the workflow's webhook; resolves when the execution has finished (200) or failed. */
async function post(ctx, counts) {
	const response = await local.fetchWithTimeout(`${ctx.n8nUrl}/webhook/stock-sync-ours`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ counts }),
	}, 300000);
	return { status: response.status, text: await response.text() };
}

/** The output items of Set Stock Level in the newest `count` executions, with their start and stop times. */
async function lastExecutions(ctx, count) {
	const list = (await ctx.rest.executions(ctx.workflowId)).slice(0, count);
	return await Promise.all(list.map(async (summary) => {
		const execution = await ctx.rest.execution(summary.id, ctx.runtime);
		const [run] = execution.data.resultData.runData['Set stock level'] ?? [];
		return { status: summary.status, startedAt: Date.parse(summary.startedAt), stoppedAt: Date.parse(summary.stoppedAt), items: run?.data?.main?.[0]?.map((item) => item.json) ?? [] };
	}));
}

const count = (items, status) => items.filter((item) => item.status === status).length;

async function main(ctx) {
	ctx.runtime = await local.ensureRuntime({ echo: false });
	await local.installPackage(ctx.userFolder, { echo: false, skipBuild: process.env.E2E_SKIP_BUILD === '1' });
	ctx.sandbox = createSandbox({ productCount: sync.PRODUCT_COUNT, orderCount: 1 });
	const { baseUrl } = await ctx.sandbox.start();
	assert.equal(ctx.sandbox.state.inventory.size, sync.INVENTORY);
	const [port, brokerPort] = [await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${port}`;
	const env = local.n8nEnv(ctx.runtime, { userFolder: ctx.userFolder, port, brokerPort, encryptionKey: 'dummy-e2e-encryption-key', extra: { N8N_LOG_LEVEL: 'info' } });
	ctx.logFile = path.join(ctx.userFolder, 'n8n.log');
	await m.startServer(ctx, env);
	const { orgId, apiKey } = ctx.sandbox.options;
	const credential = await m.createCredential(ctx.rest, 'PharmaOne Sandbox API', 'pharmaOneApi', { environment: 'custom', baseUrl, organizationId: orgId, apiKey, accessToken: '' });
	ctx.workflowId = await m.createPublished(ctx.rest, sync.oursWorkflow('stock-sync-ours', credential));
	console.log(`# sandbox ${baseUrl} with ${sync.INVENTORY} products; n8n ${ctx.n8nUrl} (pid ${ctx.n8n.pid})`);

	const { initial, counts } = sync.tillExport(ctx.sandbox);
	const requests = (before) => {
		const now = ctx.sandbox.stats().requests;
		return ['GET /inventory', 'POST /inventory/adjust', 'GET /inventory/{p1Id}/log'].map((route) => (now[route] ?? 0) - (before[route] ?? 0));
	};

	await test('one run of a 2,000-count export (100 differ): 1 inventory read, 100 adjustments, every level at its count', async () => {
		let answer;
		await local.waitFor('the published webhook', async () => (answer = await post(ctx, counts)).status !== 404, { timeoutMs: 30000 });
		const before = {};
		assert.equal(answer.status, 200, answer.text.slice(0, 300));
		assert.deepEqual(requests(before).slice(1), [sync.DIFFER, 0]);
		assert.equal(ctx.sandbox.stats().requests['GET /inventory'], 1);
		assert.equal(sync.offTarget(ctx.sandbox, counts), 0);
		const [execution] = await lastExecutions(ctx, 1);
		assert.deepEqual([execution.status, execution.items.length, count(execution.items, 'adjusted')], ['success', sync.INVENTORY, sync.DIFFER]);
		const log = fs.readFileSync(ctx.logFile, 'utf8');
		assert.match(log, /PharmaOne Set Stock Level: 2000 of 2000 items done, 100 adjusted/, 'progress in n8n\'s log');
	});

	await test('the same export again: 1 inventory read, nothing sent, every item "unchanged"', async () => {
		const before = { ...ctx.sandbox.stats().requests };
		const answer = await post(ctx, counts);
		assert.equal(answer.status, 200);
		assert.deepEqual(requests(before), [1, 0, 0]);
		const [execution] = await lastExecutions(ctx, 1);
		assert.equal(count(execution.items, 'unchanged'), sync.INVENTORY);
	});

	for (const adjustAnswer of ['documented', 'level']) {
		await test(`two executions of the same sync at the same moment (adjust answer ${adjustAnswer}): every level ends at its count, 100 adjustments in all`, async () => {
			sync.resetLevels(ctx.sandbox, initial);
			ctx.sandbox.setBehaviour({ adjustAnswer });
			ctx.sandbox.setFaults({ latencyMs: 5 });
			const before = { ...ctx.sandbox.stats().requests };
			try {
				const answers = await Promise.all([post(ctx, counts), post(ctx, counts)]);
				assert.deepEqual(answers.map((answer) => answer.status), [200, 200]);
			} finally {
				ctx.sandbox.setFaults({ latencyMs: 0 });
			}
			const [reads, adjustments] = requests(before);
			const executions = await lastExecutions(ctx, 2);
			const items = executions.flatMap((execution) => execution.items);
			console.log(`#      ${reads} inventory reads, ${adjustments} adjustments; adjusted ${executions.map((e) => count(e.items, 'adjusted')).join(' + ')}, ` +
				`read again ${items.filter((item) => item.readAgain).length}, stale answers ${items.filter((item) => item.staleRead).length}`);
			assert.deepEqual(executions.map((execution) => execution.status), ['success', 'success']);
			assert.ok(executions[0].startedAt < executions[1].stoppedAt && executions[1].startedAt < executions[0].stoppedAt, 'the two executions overlapped');
			assert.equal(sync.offTarget(ctx.sandbox, counts), 0, 'levels off their count');
			assert.equal(adjustments, sync.DIFFER);
			assert.equal(count(items, 'adjusted'), sync.DIFFER);
		});
	}
	ctx.sandbox.setBehaviour({ adjustAnswer: 'documented' });
}

async function run() {
	const started = Date.now();
	const ctx = { userFolder: fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-stock-sync-')) };
	exitOnSignals(() => ctx.userFolder);
	try {
		await main(ctx);
	} catch (error) {
		results.failed++;
		console.log(`FAILED setting up\n       ${error.stack}`);
	} finally {
		await stopAll(ctx);
	}
	if (results.failed === 0) fs.rmSync(ctx.userFolder, { recursive: true, force: true });
	else console.log(`# kept ${ctx.userFolder} (n8n.log, database) for inspection`);
	console.log(`# stock sync suite took ${Math.round((Date.now() - started) / 1000)} s`);
	console.log(`${results.passed} passed, ${results.failed} failed`);
	process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
}

run();
