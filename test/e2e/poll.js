'use strict';

// The PharmaOne Poll Trigger in a real, published n8n workflow: no public URL, no webhook subscription. n8n
// polls at most once a minute, so this part waits for the baseline poll, changes an order's status in the
// sandbox, and checks the next poll starts exactly one execution (and the one after starts none). The workflow
// filters on a status only this part sets (an open value PharmaOne does not list), so the webhook tests'
// status changes, made while n8n runs, do not count here.

const assert = require('node:assert/strict');
const local = require('../../scripts/lib/n8n-local');

const WORKFLOW_ID = 'e2ePollOrderStatus';
const POLL_WAIT_MS = 150000;
const STATUS = 'handed_to_courier'; // a poll every minute, plus n8n's start-up and scheduling slack

/** A published workflow: PharmaOne Poll Trigger (order status → STATUS) → a Set node. */
function pollWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'E2E: poll order status changes',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'e2e-poll-trigger',
				name: 'PharmaOne Poll Trigger',
				type: 'n8n-nodes-pharmaone.pharmaOnePollTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, event: 'order_status_updated', newStatuses: STATUS },
				credentials: { pharmaOneApi: { id: local.CREDENTIAL_IDS.api, name: 'PharmaOne Sandbox API' } },
			},
			{
				id: 'e2e-poll-set',
				name: 'Handed to courier',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [240, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'a1', name: 'order_id', value: '={{ $json.metadata.order_id }}', type: 'string' },
							{ id: 'a2', name: 'new_status', value: '={{ $json.metadata.new_status }}', type: 'string' },
						],
					},
				},
			},
		],
		connections: { 'PharmaOne Poll Trigger': { main: [[{ node: 'Handed to courier', type: 'main', index: 0 }]] } },
	};
}

function orderListRequests(ctx) {
	return ctx.sandbox.stats().requests['GET /orders'] || 0;
}

/** Waits (bounded) for the next poll: one more GET /orders than `before`. */
async function nextPoll(ctx, before) {
	await local.waitFor('the next poll of GET /orders', async () => orderListRequests(ctx) > before, {
		timeoutMs: POLL_WAIT_MS,
		intervalMs: 1000,
	});
	await local.sleep(3000); // let the execution that poll may start be saved
}

/** Tests to run before `n8n start` (publishing) and while n8n runs. */
function pollTests(ctx) {
	let baseline = 0;
	return {
		beforeStart: [
			['n8n publish:workflow publishes the poll trigger workflow', async () => {
				await local.n8nCli(ctx.runtime, ctx.cliEnv, ['publish:workflow', `--id=${WORKFLOW_ID}`]);
			}],
		],
		whileRunning: [
			['poll trigger: the published workflow polls and its first poll starts nothing', async () => {
				await nextPoll(ctx, ctx.pollRequestsAtStart ?? 0);
				baseline = orderListRequests(ctx);
				assert.equal((await ctx.rest.executions(WORKFLOW_ID)).length, 0, 'no execution from the baseline poll');
			}],
			['poll trigger: an order whose status changes starts exactly one execution on the next poll', async () => {
				const order = [...ctx.sandbox.state.orders.byId.values()].find((o) => o.status === 'pending');
				ctx.sandbox.changeOrderStatus(order.id, STATUS);
				await nextPoll(ctx, baseline);
				const list = await local.waitFor('one finished poll execution', async () => {
					const executions = await ctx.rest.executions(WORKFLOW_ID);
					return executions.length >= 1 && executions.every((e) => !['new', 'running', 'waiting'].includes(e.status))
						? executions
						: false;
				}, { timeoutMs: 30000, intervalMs: 500 });
				assert.equal(list.length, 1, `executions of the poll workflow: ${list.length}`);
				assert.equal(list[0].status, 'success');
				const detail = await ctx.rest.execution(list[0].id, ctx.runtime);
				const runs = detail.data.resultData.runData['Handed to courier'];
				const items = runs[runs.length - 1].data.main[0].map((item) => item.json);
				assert.deepEqual(items, [{ order_id: order.id, new_status: STATUS }]);
				baseline = orderListRequests(ctx);
			}],
			['poll trigger: the poll after that starts nothing (no change emitted twice)', async () => {
				await nextPoll(ctx, baseline);
				assert.equal((await ctx.rest.executions(WORKFLOW_ID)).length, 1);
			}],
		],
	};
}

module.exports = { pollTests, pollWorkflow, WORKFLOW_ID };
