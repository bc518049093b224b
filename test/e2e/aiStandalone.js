'use strict';

// `node test/e2e/ai.js`: the AI Agent and MCP tests of ai.js on their own, in a fresh n8n user folder
// (.n8n-e2e/ai-<pid>/): the package installed as the README says, the sandbox, the scripted model and the recorder,
// `n8n execute` for the agents, then `n8n start` for the MCP client. E2E_SKIP_BUILD=1 reuses dist/.

const fs = require('node:fs');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const { runSuite, runStandalone, removeOldRuns } = require('./lib/runner');
const { startN8nReady } = require('./server');
const ai = require('./ai');

async function suite(ctx, { test, step }) {
	const verbose = process.env.E2E_VERBOSE === '1';
	ctx.runtime = await step('n8n 2.41.1 and the Node.js it needs are installed (cached)', () => local.ensureRuntime({ echo: verbose }));
	await step('the package is packed and installed into a fresh n8n user folder', () =>
		local.installPackage(ctx.userFolder, { echo: verbose, skipBuild: process.env.E2E_SKIP_BUILD === '1' }));
	ctx.sandbox = createSandbox({ now: new Date().toISOString() });
	ctx.sandboxUrls = await ctx.sandbox.start();
	await ai.startFakes(ctx);
	const [port, brokerPort, cliBrokerPort] = [await local.freePort(), await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${port}`;
	const base = { userFolder: ctx.userFolder, port, encryptionKey: 'dummy-ai-encryption-key', extra: { GENERIC_TIMEZONE: 'UTC' } };
	ctx.cliEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort: cliBrokerPort });
	ctx.serverEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort });
	const importDir = path.join(ctx.userFolder, 'import');
	const workflowsDir = path.join(importDir, 'workflows');
	fs.mkdirSync(workflowsDir, { recursive: true });
	ai.writeWorkflows(workflowsDir);
	fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(ai.aiCredentials(ctx)));
	await step('n8n imports the credentials and the AI workflows', async () => {
		await local.n8nCli(ctx.runtime, ctx.cliEnv, ['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
		await local.n8nCli(ctx.runtime, ctx.cliEnv, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
	});
	for (const [name, fn] of ai.agentTests(ctx)) await test(name, fn);
	await step('n8n publish:workflow publishes the MCP server workflow', () => ai.publishMcp(ctx));
	ctx.logFile = path.join(ctx.userFolder, 'n8n.log');
	await step('n8n start answers /healthz/readiness', async () => {
		ctx.n8n = await startN8nReady(ctx.runtime, ctx.serverEnv, ctx.logFile, ctx.n8nUrl);
	});
	for (const [name, fn] of ai.mcpTests(ctx)) await test(name, fn);
}

async function run() {
	const runsDir = path.join(local.ROOT, '.n8n-e2e');
	removeOldRuns(runsDir, 'ai');
	const ctx = { userFolder: path.join(runsDir, `ai-${process.pid}`) };
	return runSuite('AI agent and MCP test', ctx, ctx.userFolder, suite, async (c) => {
		await local.stopProcess(c.n8n).catch(() => {});
		await ai.stopFakes(c);
		if (c.sandbox) await c.sandbox.stop().catch(() => {});
	});
}

function main() {
	runStandalone(run);
}

module.exports = { run, main };
