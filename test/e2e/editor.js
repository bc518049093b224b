'use strict';

// What a user meets in the editor, through the REST API the editor uses: a PharmaOne Trigger listening on its Test URL
// ("Execute step") receives a test delivery from the sandbox and the run appears; and the demo and the screenshots
// refuse to start on a taken port, naming it (these two need no n8n).

const assert = require('node:assert/strict');
const net = require('node:net');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');

const WORKFLOW_ID = 'e2eTriggerTestUrl';
const TRIGGER_NAME = 'PharmaOne Trigger';
const WEBHOOK_ID = '0c4e8f2a-6b1d-4e3f-9a57-2d8c1b7e5f30';

/** An unpublished workflow with only a PharmaOne Trigger (all events), tried with Execute step. */
function testUrlWorkflow() {
	return {
		id: WORKFLOW_ID,
		name: 'E2E: PharmaOne Trigger on its Test URL',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'e2e-test-url-trigger',
				name: TRIGGER_NAME,
				type: 'n8n-nodes-pharmaone.pharmaOneTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: WEBHOOK_ID,
				parameters: {},
				credentials: { pharmaOneWebhookApi: { id: local.CREDENTIAL_IDS.webhook, name: 'PharmaOne Sandbox Webhook Secret' } },
			},
		],
		connections: {},
	};
}

/** Tests that need `n8n start` and a logged-in ctx.rest. */
function testUrlTests(ctx) {
	const testUrl = () => `${ctx.n8nUrl}/webhook-test/${WEBHOOK_ID}/webhook`;
	return [
		['Execute step on a PharmaOne Trigger listens on the Test URL; a sandbox test delivery there shows up as the test run', async () => {
			const before = await ctx.rest.executions(WORKFLOW_ID);
			assert.equal(before.length, 0, 'no runs before');
			const idle = await ctx.sandbox.deliver({ url: testUrl() });
			assert.equal(idle.results[0].status, 404, 'nobody listens on the Test URL before Execute step');

			const run = await ctx.rest.request('POST', `/rest/workflows/${WORKFLOW_ID}/run`, { triggerToStartFrom: { name: TRIGGER_NAME } });
			assert.equal(run.status, 200, `POST /rest/workflows/${WORKFLOW_ID}/run answered ${run.status}: ${run.text.slice(0, 300)}`);
			assert.equal(run.json.data.waitingForWebhook, true, 'the editor is told to wait for the webhook');

			// What the demo banner and docs/development.md tell a user to send: only the Test URL.
			const delivered = await local.waitFor('the Test URL to accept the delivery', async () => {
				const result = await ctx.sandbox.deliver({ url: testUrl() });
				return result.results[0].status === 200 ? result : false;
			}, { timeoutMs: 30000, intervalMs: 500 });
			const [execution] = await local.waitFor('the test run', async () => {
				const list = await ctx.rest.executions(WORKFLOW_ID);
				return list.length === 1 && !['new', 'running', 'waiting'].includes(list[0].status) ? list : false;
			}, { timeoutMs: 60000 });
			assert.equal(execution.status, 'success');
			assert.equal(execution.mode, 'manual');
			const detail = await ctx.rest.execution(execution.id, ctx.runtime);
			const runs = detail.data.resultData.runData[TRIGGER_NAME];
			const [item] = runs[runs.length - 1].data.main[0].map((entry) => entry.json);
			assert.equal(item.deliveryId, delivered.delivery_id);
			assert.equal(item.event_type, 'order_status_updated');
			assert.equal(item.metadata.new_status, 'ready_pickup');
			assert.ok(ctx.sandbox.state.orders.byId.has(item.metadata.order_id), 'the test delivery names a real sandbox order');
		}],
	];
}

/** Holds a port on 127.0.0.1 for the length of `fn`. */
async function whileTaken(fn) {
	const server = net.createServer();
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	try {
		return await fn(server.address().port);
	} finally {
		await new Promise((resolve) => server.close(resolve));
	}
}

/** Runs a script of scripts/ with env overrides; returns its exit code and output. */
async function runScript(script, env) {
	const result = await local.run(process.execPath, [path.join(local.ROOT, 'scripts', script)], {
		env: { ...process.env, ...env },
		timeoutMs: 60000,
	});
	return { code: result.code, output: `${result.stdout}\n${result.stderr}` };
}

/** Free ports for every port a script uses but the one under test. */
async function freePorts(names) {
	const env = {};
	for (const name of names) env[name] = String(await local.freePort());
	return env;
}

function portTests() {
	return [
		['npm run demo on a taken n8n port exits non-zero, naming the port and how to choose another', async () => {
			const others = await freePorts(['PHARMAONE_DEMO_SANDBOX_PORT', 'PHARMAONE_DEMO_SHOP_PORT', 'PHARMAONE_DEMO_BROKER_PORT']);
			await whileTaken(async (port) => {
				const { code, output } = await runScript('demo.js', { ...others, PHARMAONE_DEMO_N8N_PORT: String(port) });
				assert.notEqual(code, 0, `exit code ${code}; output:\n${output}`);
				assert.match(output, new RegExp(`port ${port} \\(n8n\\)`));
				assert.match(output, new RegExp(`PHARMAONE_DEMO_N8N_PORT=${port + 1} npm run demo`));
			});
		}],
		['npm run screenshots on a taken port exits non-zero, naming the port and how to choose another', async () => {
			const others = await freePorts(['PHARMAONE_SCREENSHOTS_SANDBOX_PORT', 'PHARMAONE_SCREENSHOTS_SHOP_PORT', 'PHARMAONE_SCREENSHOTS_BROKER_PORT']);
			await whileTaken(async (port) => {
				const { code, output } = await runScript('screenshots.js', { ...others, PHARMAONE_SCREENSHOTS_N8N_PORT: String(port) });
				assert.notEqual(code, 0, `exit code ${code}; output:\n${output}`);
				assert.match(output, new RegExp(`port ${port} \\(n8n\\)`));
				assert.match(output, /PHARMAONE_SCREENSHOTS_N8N_PORT=/);
			});
		}],
	];
}

module.exports = { testUrlWorkflow, testUrlTests, portTests };
