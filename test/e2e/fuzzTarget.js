'use strict';

// The n8n the webhook fuzzing (fuzz.js) sends to: a fresh user folder with the package installed, the sandbox, and
// one published PharmaOne Trigger workflow whose production URL refuses an unsigned POST.

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const { startN8nReady } = require('./server');
const { postRaw } = require('./lib/http');

const TRIGGER_TYPE = 'n8n-nodes-pharmaone.pharmaOneTrigger';
const TRIGGER_NAME = 'PharmaOne Trigger';

/** The trigger workflow under test: all events, status filter ready_pickup, the sandbox's signing secret. */
function triggerWorkflow(id, webhookId, credential) {
	const node = { id: crypto.randomUUID(), name: TRIGGER_NAME, type: TRIGGER_TYPE, typeVersion: 1, position: [0, 0], webhookId };
	node.parameters = { events: ['*'], options: { onlyNewStatus: 'ready_pickup' } };
	node.credentials = { pharmaOneWebhookApi: { id: credential.id, name: credential.name } };
	return { id, name: `PharmaOne fuzz target ${id}`, active: false, nodes: [node], connections: {}, settings: { executionOrder: 'v1' } };
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

module.exports = { TRIGGER_NAME, startTarget };
