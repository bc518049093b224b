'use strict';

// Skip Already Sent in a real n8n.
//  - run.js: a workflow that sends two order requests, two telemedicine orders and two stock adjustments with
//    Skip Already Sent on is executed twice with `n8n execute`; PharmaOne (the sandbox, which by default stores a
//    repeated external_reference again, as a server built only from the docs may) must receive each once.
//  - queue.js: the same order requests sent by two executions at the same moment. A small barrier server holds
//    the workflow's HTTP Request until both executions have reached it, then releases them together with the
//    same list of External References (RACE_KEYS per round), which each execution sends one by one. Rounds where
//    both executions run on the worker, and rounds where one runs on the worker and the other in an
//    `n8n execute` process (two processes sharing n8n's database), are counted and printed: how many references
//    PharmaOne received once, twice or not at all, and how many executions failed.

const assert = require('node:assert/strict');
const http = require('node:http');
const local = require('../../scripts/lib/n8n-local');

const SEND_ONCE_ID = 'e2eSendOnceTwice';
const RACE_ID = 'e2eSendOnceRace1';
const RACE_KEYS = Number(process.env.QUEUE_RACE_KEYS || 10);
const api = () => ({ pharmaOneApi: { id: local.CREDENTIAL_IDS.api, name: 'PharmaOne Sandbox API' } });
const shop = () => ({ pharmaOneShopApi: { id: local.CREDENTIAL_IDS.shop, name: 'PharmaOne Sandbox Shop Connector' } });
const ONCE = { skipAlreadySent: true };
const LINES = [
	{ ref: 'E2E-ONCE-1', receipt: 'E2E-TX-1', line: 1, p1_id: '12345', quantity: 1 },
	{ ref: 'E2E-ONCE-2', receipt: 'E2E-TX-1', line: 2, p1_id: '12359', quantity: 2 },
];

function node(id, name, position, type, parameters, credentials) {
	return { id, name, type, typeVersion: type === 'n8n-nodes-base.httpRequest' ? 4.2 : type.endsWith('.code') ? 2 : 1, position: [position, 0], parameters, ...(credentials ? { credentials } : {}) };
}

const orderRequest = (reference) => ({
	resource: 'orderRequest',
	operation: 'create',
	shopId: { __rl: true, mode: 'id', value: 'shop1' },
	externalReference: reference,
	customerEmail: 'max@example.com',
	items: { item: [{ name: 'Example Strain', p1Id: '={{ $json.p1_id ?? "12345" }}', quantity: 1 }] },
	...ONCE,
});

/** Manual Trigger → Code (two lines) → Order Request, Telemedicine Order and Inventory Adjust, each with Skip Already Sent. */
function sendOnceWorkflow() {
	const code = `return ${JSON.stringify(LINES)}.map((line) => ({ json: line }));`;
	const targets = ['Order request', 'Telemedicine order', 'Stock adjustment'];
	return {
		id: SEND_ONCE_ID,
		name: 'E2E: Skip Already Sent, run twice',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('e2e-once-start', 'Run', 0, 'n8n-nodes-base.manualTrigger', {}),
			node('e2e-once-lines', 'Lines', 240, 'n8n-nodes-base.code', { jsCode: code }),
			node('e2e-once-request', targets[0], 480, 'n8n-nodes-pharmaone.pharmaOne', orderRequest('={{ $json.ref }}'), api()),
			node('e2e-once-telemedicine', targets[1], 480, 'n8n-nodes-pharmaone.pharmaOne', {
				resource: 'telemedicineOrder',
				operation: 'create',
				externalReference: '={{ $json.ref }}-TM',
				customerEmail: 'max@example.com',
				items: { item: [{ name: 'Example Strain', p1Id: '={{ $json.p1_id }}', quantity: 1 }] },
				...ONCE,
			}, shop()),
			node('e2e-once-adjust', targets[2], 480, 'n8n-nodes-pharmaone.pharmaOne', {
				resource: 'inventory',
				operation: 'adjust',
				productId: { __rl: true, mode: 'id', value: '={{ $json.p1_id }}' },
				reason: '=E2E sale {{ $json.receipt }}/{{ $json.line }}',
				deltaOnHand: '={{ -$json.quantity }}',
				...ONCE,
				idempotencyKey: '={{ $json.receipt }}/{{ $json.line }}',
			}, api()),
		],
		connections: {
			Run: { main: [[{ node: 'Lines', type: 'main', index: 0 }]] },
			Lines: { main: [targets.map((target) => ({ node: target, type: 'main', index: 0 }))] },
		},
	};
}

/** What the sandbox received from this workflow: requests by external_reference, adjust log entries by reason. */
function received(state) {
	const requests = [...state.orderRequests.values()];
	const count = (ref) => requests.filter((request) => request.external_reference === ref).length;
	const logged = (reason) => [...state.inventory.values()].flatMap((row) => row.log).filter((entry) => entry.reason === reason).length;
	return LINES.map((line) => [count(line.ref), count(`${line.ref}-TM`), logged(`E2E sale ${line.receipt}/${line.line}`)]);
}

async function executeOk(ctx, workflowId) {
	const execution = await local.executeWorkflow(ctx.runtime, ctx.cliEnv, workflowId);
	const outputs = local.nodeOutputs(execution);
	for (const [name, output] of Object.entries(outputs)) {
		if (output.error) throw new Error(`node "${name}" failed: ${JSON.stringify(output.error).slice(0, 600)}`);
	}
	assert.equal(execution.status, 'success', `execution status ${execution.status}`);
	return outputs;
}

/** [name, fn] pairs for run.js (after the workflows are imported). */
function sendOnceTests(ctx) {
	return [
		['Skip Already Sent: the same workflow run twice (n8n execute) → PharmaOne receives each order request, telemedicine order and stock adjustment once', async () => {
			assert.equal(ctx.sandbox.getFaults().failAfterApplying, undefined);
			assert.deepEqual(received(ctx.sandbox.state), [[0, 0, 0], [0, 0, 0]], 'a clean start');
			const stock = () => LINES.map((line) => ctx.sandbox.state.inventory.get(line.p1_id).stockquantity);
			const before = stock();
			const first = await executeOk(ctx, SEND_ONCE_ID);
			for (const name of ['Order request', 'Telemedicine order', 'Stock adjustment']) {
				assert.equal(first[name].items.length, 2, `${name}: two items`);
				assert.ok(first[name].items.every((item) => item.skipped === undefined), `${name}: sent on the first run`);
			}
			assert.deepEqual(received(ctx.sandbox.state), [[1, 1, 1], [1, 1, 1]]);
			const second = await executeOk(ctx, SEND_ONCE_ID);
			assert.deepEqual(second['Order request'].items, LINES.map((line) => ({ skipped: true, reason: 'alreadySent', key: line.ref })));
			assert.deepEqual(second['Stock adjustment'].items.map((item) => item.key), ['E2E-TX-1/1', 'E2E-TX-1/2']);
			assert.ok(second['Telemedicine order'].items.every((item) => item.skipped === true));
			assert.deepEqual(received(ctx.sandbox.state), [[1, 1, 1], [1, 1, 1]], 'nothing was sent again');
			assert.deepEqual(stock(), before.map((level, i) => level - LINES[i].quantity), 'stock moved once');
		}],
	];
}

/** Manual Trigger → HTTP Request (the barrier: answers {refs} once both executions arrived) → one item per ref → Order Request. */
function raceWorkflow(barrierUrl) {
	return {
		id: RACE_ID,
		name: 'E2E: Skip Already Sent, two executions at once',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			node('e2e-race-start', 'Run', 0, 'n8n-nodes-base.manualTrigger', {}),
			node('e2e-race-barrier', 'Barrier', 240, 'n8n-nodes-base.httpRequest', { url: barrierUrl, options: { timeout: 180000 } }),
			node('e2e-race-refs', 'References', 480, 'n8n-nodes-base.code', { jsCode: 'return $input.first().json.refs.map((ref) => ({ json: { ref } }));' }),
			node('e2e-race-request', 'Order request', 720, 'n8n-nodes-pharmaone.pharmaOne', orderRequest('={{ $json.ref }}'), api()),
		],
		connections: {
			Run: { main: [[{ node: 'Barrier', type: 'main', index: 0 }]] },
			Barrier: { main: [[{ node: 'References', type: 'main', index: 0 }]] },
			References: { main: [[{ node: 'Order request', type: 'main', index: 0 }]] },
		},
	};
}

/** An HTTP server that answers GET requests in pairs: both get {refs} of the round once the second arrived. */
async function startBarrier() {
	let waiting = [];
	let round = { refs: [], parties: 2, arrived: () => undefined };
	const server = http.createServer((req, res) => {
		waiting.push(res);
		if (waiting.length < round.parties) return;
		const released = waiting;
		waiting = [];
		for (const response of released) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ refs: round.refs }));
		round.arrived();
	});
	const port = await local.freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}/barrier`,
		/** Arms the next round; resolves when both executions were released. */
		arm(refs) {
			return new Promise((resolve) => {
				round = { refs, parties: 2, arrived: resolve };
			});
		},
		close: () => new Promise((resolve) => {
			for (const response of waiting) response.destroy();
			server.close(() => resolve());
			server.closeAllConnections?.();
		}),
	};
}

/**
 * Runs `rounds` races: each starts two executions of the race workflow with `startBoth()` (two callbacks that
 * each return the finished execution) and counts, per reference, what PharmaOne received. Returns a summary.
 */
async function race(ctx, label, rounds, startBoth) {
	const summary = { label, rounds, keys: 0, once: 0, twice: 0, none: 0, failedExecutions: 0, sent: 0, skipped: 0, errors: [] };
	for (let i = 1; i <= rounds; i++) {
		const refs = Array.from({ length: RACE_KEYS }, (_, k) => `E2E-RACE-${label}-${i}-${k}-${Date.now()}`);
		const released = ctx.barrier.arm(refs);
		const executions = await Promise.all(startBoth().map((start) => start()));
		await released;
		const requests = [...ctx.sandbox.state.orderRequests.values()];
		for (const ref of refs) {
			const got = requests.filter((request) => request.external_reference === ref).length;
			summary.keys++;
			if (got === 1) summary.once++;
			else if (got === 0) summary.none++;
			else summary.twice++;
		}
		for (const execution of executions) {
			const output = local.nodeOutputs(execution)['Order request'];
			if (execution.status !== 'success' || output?.error) {
				summary.failedExecutions++;
				summary.errors.push(String(output?.error?.message ?? execution.status).slice(0, 160));
			}
			for (const item of output?.items ?? []) {
				if (item.skipped) summary.skipped++;
				else if (item.id) summary.sent++;
			}
		}
	}
	console.log(`# race "${label}": ${JSON.stringify(summary)}`);
	return summary;
}

module.exports = { SEND_ONCE_ID, RACE_ID, sendOnceWorkflow, sendOnceTests, raceWorkflow, startBarrier, race };
