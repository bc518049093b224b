#!/usr/bin/env node
'use strict';

// A short check that the n8n tooling (scripts/lib/n8n-local.js) drives one n8n version end to end, for adding or
// checking a version of scripts/n8n-runtime/versions/ (the full suite is test/e2e/run.js):
//
//   node scripts/lib/n8n-smoke.js --version 1.123.81 [--skip-build]
//
// Installs the runtime (cached) and the packed package into a fresh user folder, starts the PharmaOne sandbox,
// imports the sandbox credentials and examples/*.json, runs `n8n execute` on the report example (a PharmaOne read)
// and the till stock example (Code node + PharmaOne write), publishes (2.x) or activates (1.x) the trigger
// example with the CLI, starts `n8n start`, logs in, publishes the report example through the REST API, delivers
// one signed webhook (one successful execution, read back), runs the credential test of each saved credential, and
// pages the executions list. Prints one line per step and `N passed, M failed`; 127.0.0.1 only, bounded waits.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const local = require('./n8n-local');
const { createSandbox } = require('../../sandbox/server.js');

const READ = 'p1ExDailyReport1';
const CODE_AND_WRITE = 'p1ExTillStockLevel';
const TRIGGER = 'p1ExOrderNotify1';

function check(condition, message) {
	if (!condition) throw new Error(message);
}

/** Throws when a node of an execution failed, naming it. */
function checkNoNodeFailed(outputs) {
	const failed = Object.entries(outputs).find(([, output]) => output.error || output.items.some((item) => item?.error));
	if (failed) throw new Error(`node "${failed[0]}" failed: ${JSON.stringify(failed[1].error ?? failed[1].items).slice(0, 400)}`);
}

async function smoke({ version, skipBuild }) {
	const results = { passed: 0, failed: 0, steps: [] };
	const ctx = { userFolder: fs.mkdtempSync(path.join(os.tmpdir(), `pharmaone-smoke-${version ?? 'default'}-`)) };
	const step = async (name, fn) => {
		const started = Date.now();
		try {
			const note = await fn();
			results.passed++;
			results.steps.push({ name, ok: true, ms: Date.now() - started });
			console.log(`ok     ${name} (${Date.now() - started} ms)${note ? `: ${note}` : ''}`);
		} catch (error) {
			results.failed++;
			results.steps.push({ name, ok: false, ms: Date.now() - started, error: error.message });
			console.log(`FAILED ${name} (${Date.now() - started} ms)\n       ${String(error.message).split('\n').join('\n       ')}`);
			throw error;
		}
	};
	try {
		await step('runtime installed (cached)', async () => {
			ctx.runtime = await local.ensureRuntime({ echo: false, version });
			return `n8n ${ctx.runtime.n8nVersion} on Node.js ${ctx.runtime.nodeVersion} (${ctx.runtime.nodeSource})`;
		});
		await step('package packed and installed into .n8n/nodes', () => local.installPackage(ctx.userFolder, { echo: false, skipBuild }));

		ctx.sandbox = createSandbox({ now: new Date().toISOString() });
		const { baseUrl, shopUrl } = await ctx.sandbox.start();
		const [port, brokerPort, cliBrokerPort] = [await local.freePort(), await local.freePort(), await local.freePort()];
		ctx.n8nUrl = `http://127.0.0.1:${port}`;
		const base = { userFolder: ctx.userFolder, port, encryptionKey: 'dummy-smoke-encryption-key', extra: { GENERIC_TIMEZONE: 'UTC' } };
		const cliEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort: cliBrokerPort });
		const serverEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort });
		const { orgId, apiKey, signingSecret } = ctx.sandbox.options;
		const credentials = local.sandboxCredentials({ baseUrl, shopUrl, orgId, apiKey, signingSecret });
		const examples = local.readExamples();
		const importDir = path.join(ctx.userFolder, 'import');
		fs.mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
		fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(credentials));
		for (const { file, workflow } of examples) fs.writeFileSync(path.join(importDir, 'workflows', file), JSON.stringify(workflow));

		await step('n8n import:credentials and import:workflow', async () => {
			await local.n8nCli(ctx.runtime, cliEnv, ['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
			await local.n8nCli(ctx.runtime, cliEnv, ['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`]);
		});
		await step(`n8n execute --id=${READ} (PharmaOne report.getProductSales)`, async () => {
			const outputs = local.nodeOutputs(await local.executeWorkflow(ctx.runtime, cliEnv, READ));
			checkNoNodeFailed(outputs);
			const items = outputs['Product sales, last 30 days']?.items.length ?? 0;
			check(items > 0, `no PharmaOne items (nodes that ran: ${Object.keys(outputs).join(', ')})`);
			return `${items} item(s)`;
		});
		await step(`n8n execute --id=${CODE_AND_WRITE} (Code node, PharmaOne inventory.setStockLevel)`, async () => {
			const outputs = local.nodeOutputs(await local.executeWorkflow(ctx.runtime, cliEnv, CODE_AND_WRITE));
			checkNoNodeFailed(outputs);
			const [code, written] = [outputs['Till stock export'], outputs['Set stock level']];
			check(code?.items.length > 0, 'the Code node returned no items');
			check(written?.items.length === code.items.length, `Set stock level: ${written?.items.length} item(s) for ${code.items.length}`);
			return `${written.items.length} stock level(s) set`;
		});
		await step(`n8n publish:workflow --id=${TRIGGER} (as this version spells it)`, () =>
			local.publishWorkflow(ctx.runtime, cliEnv, TRIGGER).then(() => local.profileOf(ctx.runtime).cliArgs(['publish:workflow', `--id=${TRIGGER}`]).join(' ')),
		);
		const trigger = examples.find(({ workflow }) => workflow.id === TRIGGER).workflow;
		const webhookUrl = local.triggerWebhookUrl(ctx.n8nUrl, trigger);
		await step('n8n start answers /healthz/readiness, the trigger webhook refuses an unsigned POST (401)', async () => {
			ctx.n8n = local.startN8n(ctx.runtime, serverEnv, path.join(ctx.userFolder, 'n8n.log'));
			// n8n exiting ends the wait at once, with the end of its log.
			const exited = ctx.n8n.exited.then(({ code }) => {
				const log = fs.readFileSync(path.join(ctx.userFolder, 'n8n.log'), 'utf8').trim().split('\n').slice(-5).join('\n');
				throw new Error(`n8n start exited with ${code}:\n${log}`);
			});
			const ready = local.waitFor('/healthz/readiness', async () => (await local.fetchWithTimeout(`${ctx.n8nUrl}/healthz/readiness`, {}, 5000)).ok, { timeoutMs: 180000 });
			await Promise.race([ready, exited]);
			await local.waitFor(`the webhook ${webhookUrl}`, async () => {
				const response = await local.fetchWithTimeout(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
				return response.status === 401;
			}, { timeoutMs: 120000 });
		});
		ctx.rest = new local.N8nRest(ctx.n8nUrl);
		await step('owner set up, login (POST /rest/login)', async () => {
			check((await ctx.rest.setupOwner()) === 'created', 'the owner existed already');
			await ctx.rest.login();
			return `body fields ${Object.keys((await ctx.rest.profile()).loginBody(local.OWNER)).join(', ')}`;
		});
		await step(`REST: publish/activate ${READ}`, async () => {
			const workflow = await ctx.rest.publishWorkflow(READ);
			check(workflow.active === true, `the workflow is not active: ${JSON.stringify(workflow).slice(0, 200)}`);
			const { method, urlPath } = (await ctx.rest.profile()).publishRequest(READ, 'v');
			return `${method} ${urlPath}`;
		});
		await step('a signed order_status_updated → ready_pickup delivery starts one successful execution', async () => {
			ctx.sandbox.addSubscription({ url: webhookUrl, events: ['order_status_updated'] });
			const order = [...ctx.sandbox.state.orders.byId.values()].find((o) => o.status === 'awaiting_packing');
			ctx.sandbox.changeOrderStatus(order.id, 'ready_pickup');
			await ctx.sandbox.flushWebhooks();
			const list = await local.waitFor('one finished execution', async () => {
				const executions = await ctx.rest.executions(TRIGGER);
				return executions.length === 1 && !['new', 'running', 'waiting'].includes(executions[0].status) ? executions : false;
			}, { timeoutMs: 60000 });
			check(list[0].status === 'success' && list[0].mode === 'webhook', `execution ${list[0].status} ${list[0].mode}`);
			const detail = await ctx.rest.execution(list[0].id, ctx.runtime);
			const runs = detail.data.resultData.runData['Customer notification'];
			const message = runs[runs.length - 1].data.main[0][0].json;
			check(message.order_id === order.id, `the message is for ${message.order_id}, not ${order.id}`);
		});
		await step('two more deliveries; listAllExecutions pages 2 at a time and finds the 3 executions once each', async () => {
			for (const order of [...ctx.sandbox.state.orders.byId.values()].filter((o) => o.status === 'awaiting_packing').slice(0, 2)) {
				ctx.sandbox.changeOrderStatus(order.id, 'ready_pickup');
			}
			await ctx.sandbox.flushWebhooks();
			await local.waitFor('3 finished executions', async () => {
				const executions = await ctx.rest.executions(TRIGGER);
				return executions.length === 3 && executions.every((e) => e.status === 'success');
			}, { timeoutMs: 60000 });
			const all = await local.listAllExecutions(ctx.rest, TRIGGER, { pageSize: 2 });
			check(all.length === 3, `listAllExecutions: ${all.length} (${all.map((e) => e.id).join(', ')})`);
			return `paged by ${(await ctx.rest.profile()).executionPaging.name}`;
		});
		await step('credential test (POST /rest/credentials/test) of each saved credential', async () => {
			const statuses = [];
			for (const id of Object.values(local.CREDENTIAL_IDS)) {
				const saved = await ctx.rest.request('GET', `/rest/credentials/${id}?includeData=true`);
				check(saved.status === 200, `GET /rest/credentials/${id}: ${saved.status}`);
				const { name, type, data } = saved.json.data;
				const result = await ctx.rest.testCredential({ id, name, type, data });
				statuses.push(`${type} ${result.status}${result.status === 'OK' ? '' : ` (${result.message})`}`);
			}
			check(statuses[0].startsWith('pharmaOneApi OK'), statuses.join('; '));
			return statuses.join('; ');
		});
	} catch {
		// the failed step is printed; what follows depends on it
	} finally {
		await local.stopProcess(ctx.n8n).catch(() => {});
		local.killAllChildren();
		if (ctx.sandbox) await ctx.sandbox.stop().catch(() => {});
	}
	if (results.failed === 0) fs.rmSync(ctx.userFolder, { recursive: true, force: true });
	else console.log(`# kept ${ctx.userFolder} (n8n.log, database)`);
	console.log(`${results.passed} passed, ${results.failed} failed`);
	return results;
}

module.exports = { smoke };

if (require.main === module) {
	const argv = process.argv.slice(2);
	const index = argv.indexOf('--version');
	const version = index >= 0 ? argv[index + 1] : process.env.PHARMAONE_N8N_VERSION;
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.on(signal, () => {
			local.killAllChildren();
			process.exit(130);
		});
	}
	smoke({ version, skipBuild: argv.includes('--skip-build') }).then((results) => process.exit(results.failed === 0 ? 0 : 1));
}
