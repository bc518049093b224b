'use strict';

// Reading back what n8n ran: a workflow's executions once they settle, and the event each one started with.

const local = require('../../../scripts/lib/n8n-local');

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

/** The event id (body `id`) each execution started with, from its stored output of the trigger node `triggerName`. */
async function executedEventIds(ctx, executions, triggerName) {
	const ids = [];
	for (const execution of executions) {
		const detail = await ctx.rest.execution(execution.id, ctx.runtime);
		const runs = detail.data?.resultData?.runData?.[triggerName] ?? [];
		for (const item of runs[0]?.data?.main?.[0] ?? []) ids.push(String(item.json.id));
	}
	return ids;
}

module.exports = { settledExecutions, executedEventIds };
