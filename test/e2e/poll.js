'use strict';

// The PharmaOne Poll Trigger in a real, published n8n workflow: no public URL, no webhook subscription. The
// workflow has two poll triggers, Order Status Changed (filtered on a status only this part sets, an open value
// PharmaOne does not list, so the webhook tests' status changes do not count here) and New Order (shop2). Both poll
// at second 0 of every minute (n8n's shortest interval), so each check below waits for one poll round.
//
// Before n8n starts, 450 orders created over the last 85 days are synced through POST /orders, and the sandbox
// lists orders newest created first with created_at = order_datetime: old orders and orders synced late sit on
// later pages. Round 1: an old order's status change and a late-synced order each start exactly one execution.
// Then the sandbox switches to newest updated first with created_at = arrival time; round 2 repeats the check
// (and shows round 1's changes are not emitted again).

const assert = require('node:assert/strict');
const local = require('../../scripts/lib/n8n-local');

const WORKFLOW_ID = 'e2ePollOrderStatus';
const STATUS = 'handed_to_courier';
const DAY_MS = 86_400_000;
const EVERY_MINUTE_AT_0 = { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] };
const SET_NODES = { status: 'Handed to courier', created: 'New order in shop2' };

function setNode(id, name, position) {
	return {
		id,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position,
		parameters: {
			assignments: {
				assignments: [
					{ id: `${id}-1`, name: 'event', value: '={{ $json.event_type }}', type: 'string' },
					{ id: `${id}-2`, name: 'order_id', value: '={{ $json.metadata.order_id }}', type: 'string' },
					{ id: `${id}-3`, name: 'new_status', value: '={{ $json.metadata.new_status }}', type: 'string' },
				],
			},
		},
	};
}

/** A published workflow: two PharmaOne Poll Triggers (order status → STATUS; new order in shop2), each → a Set node. */
function pollWorkflow() {
	const trigger = (id, name, position, parameters) => ({
		id,
		name,
		type: 'n8n-nodes-pharmaone.pharmaOnePollTrigger',
		typeVersion: 1,
		position,
		parameters: { pollTimes: EVERY_MINUTE_AT_0, ...parameters },
		credentials: { pharmaOneApi: { id: local.CREDENTIAL_IDS.api, name: 'PharmaOne Sandbox API' } },
	});
	return {
		id: WORKFLOW_ID,
		name: 'E2E: poll order status changes and new orders',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			trigger('e2e-poll-status', 'Order status changed', [0, 0], { event: 'order_status_updated', newStatuses: STATUS }),
			setNode('e2e-poll-set-status', SET_NODES.status, [240, 0]),
			trigger('e2e-poll-created', 'New order', [0, 200], {
				event: 'order_created',
				shopId: { __rl: true, mode: 'id', value: 'shop2' },
			}),
			setNode('e2e-poll-set-created', SET_NODES.created, [240, 200]),
		],
		connections: {
			'Order status changed': { main: [[{ node: SET_NODES.status, type: 'main', index: 0 }]] },
			'New order': { main: [[{ node: SET_NODES.created, type: 'main', index: 0 }]] },
		},
	};
}

function orderListRequests(ctx) {
	return ctx.sandbox.stats().requests['GET /orders'] || 0;
}

/** Creates or updates an order through the sandbox's POST /orders, as a till or web shop syncing it would. */
async function upsertOrder(ctx, externalId, orderDatetime) {
	const response = await local.fetchWithTimeout(`${ctx.sandboxUrls.baseUrl}/api/v2/public/orgs/${ctx.sandbox.options.orgId}/orders`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${ctx.sandbox.issueToken()}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({ shop_id: 'shop2', external_id: externalId, order_datetime: orderDatetime, items: [{ p1_id: '12345', qty: 1 }] }),
	});
	assert.equal(response.status, 200, `POST /orders ${externalId}`);
	return (await response.json()).id;
}

async function setBehaviour(ctx, behaviour) {
	const response = await local.fetchWithTimeout(`${ctx.sandboxUrls.baseUrl}/__sandbox/behaviour`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(behaviour),
	});
	assert.equal(response.status, 200, 'POST /__sandbox/behaviour');
}

/** Waits (bounded) for the next poll round at second 0 to have listed orders and finished; returns its list requests. */
async function nextPollRound(ctx) {
	const before = orderListRequests(ctx);
	await local.sleep(60000 - (Date.now() % 60000) + 1000);
	await local.waitFor('both poll triggers to list orders', async () => orderListRequests(ctx) >= before + 2, {
		timeoutMs: 60000,
		intervalMs: 500,
	});
	let last = -1;
	await local.waitFor('the poll round to finish', async () => {
		const now = orderListRequests(ctx);
		const settled = now === last;
		last = now;
		return settled;
	}, { timeoutMs: 30000, intervalMs: 1500 });
	return orderListRequests(ctx) - before;
}

/** The finished executions of the poll workflow, each as { trigger: 'status' | 'created', items }. */
async function pollExecutions(ctx, expected) {
	const finished = (list) => list.every((e) => !['new', 'running', 'waiting'].includes(e.status));
	await local.waitFor(`${expected} finished poll executions`, async () => {
		const list = await ctx.rest.executions(WORKFLOW_ID);
		return list.length >= expected && finished(list);
	}, { timeoutMs: 30000, intervalMs: 500 });
	await local.sleep(2000); // an extra execution would show up now
	const list = await ctx.rest.executions(WORKFLOW_ID);
	const runs = [];
	for (const execution of list) {
		assert.equal(execution.status, 'success', `execution ${execution.id}`);
		const runData = (await ctx.rest.execution(execution.id, ctx.runtime)).data.resultData.runData;
		for (const [trigger, node] of Object.entries(SET_NODES)) {
			const nodeRuns = runData[node];
			if (nodeRuns) runs.push({ id: execution.id, trigger, items: nodeRuns[nodeRuns.length - 1].data.main[0].map((item) => item.json) });
		}
	}
	return runs;
}

/** An order created 60 to 85 days ago that the poll test has not touched: deep in a newest-created list. */
function oldOrder(ctx) {
	const from = Date.now() - 85 * DAY_MS;
	const to = Date.now() - 60 * DAY_MS;
	return [...ctx.sandbox.state.orders.byId.values()]
		.filter((o) => o.status !== STATUS && Date.parse(o.created_at) > from && Date.parse(o.created_at) < to)
		.sort((a, b) => (a.created_at < b.created_at ? -1 : 1))[0];
}

/** Changes an old order's status and syncs an order late; checks the next poll round starts one execution for each. */
async function round(ctx, seen, label) {
	const order = oldOrder(ctx);
	assert.ok(order, 'an order created 60-85 days ago');
	ctx.sandbox.changeOrderStatus(order.id, STATUS);
	const lateId = await upsertOrder(ctx, `E2E-LATE-${label}`, new Date(Date.now() - 30 * DAY_MS).toISOString());
	const requests = await nextPollRound(ctx);
	const runs = (await pollExecutions(ctx, seen.size + 2)).filter((run) => !seen.has(run.id));
	for (const run of runs) seen.add(run.id);
	assert.deepEqual(
		runs.map(({ trigger, items }) => ({ trigger, items })).sort((a, b) => (a.trigger < b.trigger ? -1 : 1)),
		[
			{ trigger: 'created', items: [{ event: 'order_created', order_id: lateId, new_status: 'pending' }] },
			{ trigger: 'status', items: [{ event: 'order_status_updated', order_id: order.id, new_status: STATUS }] },
		],
		`new executions after the ${label} round`,
	);
	return requests;
}

/** Tests to run before `n8n start` (publishing) and while n8n runs. */
function pollTests(ctx) {
	const seen = new Set();
	return {
		beforeStart: [
			['poll trigger: 450 orders of the last 85 days are synced; the sandbox lists newest created first', async () => {
				await setBehaviour(ctx, { listOrder: 'created', upsertCreatedAt: 'order_datetime' });
				for (let k = 0; k < 450; k++) {
					await upsertOrder(ctx, `E2E-SYNC-${k}`, new Date(Date.now() - DAY_MS - (k * 84 * DAY_MS) / 450).toISOString());
				}
			}],
			['n8n publish:workflow publishes the poll trigger workflow', async () => {
				await local.n8nCli(ctx.runtime, ctx.cliEnv, ['publish:workflow', `--id=${WORKFLOW_ID}`]);
			}],
		],
		whileRunning: [
			['poll trigger: both published poll triggers poll, and their first polls start nothing', async () => {
				await nextPollRound(ctx);
				assert.equal((await ctx.rest.executions(WORKFLOW_ID)).length, 0, 'no execution from the baseline polls');
			}],
			['poll trigger, newest created first: an old order\'s status change and a late-synced order each start exactly one execution', async () => {
				const inWindow = (shop) =>
					[...ctx.sandbox.state.orders.byId.values()].filter(
						(o) => (!shop || o.shop_id === shop) && Date.parse(o.created_at) >= Date.now() - 91 * DAY_MS,
					).length;
				const requests = await round(ctx, seen, 'newest-created');
				const bound = Math.floor(inWindow() / 200) + 1 + Math.floor(inWindow('shop2') / 200) + 1;
				assert.ok(requests <= bound, `GET /orders requests in the round: ${requests}, bound ${bound}`);
				assert.ok(requests >= 5, `every page of both windows was read (${requests} requests)`);
			}],
			['poll trigger, newest updated first: the same start exactly one execution each, and nothing repeats', async () => {
				await setBehaviour(ctx, { listOrder: 'updated', upsertCreatedAt: 'now' });
				await round(ctx, seen, 'newest-updated');
			}],
		],
	};
}

module.exports = { pollTests, pollWorkflow, WORKFLOW_ID };
