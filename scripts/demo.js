#!/usr/bin/env node
'use strict';

// npm run demo: the PharmaOne nodes in a real n8n, against the local PharmaOne sandbox, in one command.
//
// 1. installs n8n 2.41.1 once (cached; scripts/n8n-runtime.js: this machine's Node.js when n8n accepts it, else
// it fetches Node.js 24), 2. builds and packs this package and installs the tarball into .n8n-demo/.n8n/nodes as
// the README says (scripts/install-package.js), 3. starts the sandbox and n8n on 127.0.0.1, imports
// credentials pointing at the sandbox and the example workflows of examples/, publishes the trigger workflow and
// subscribes its URL on the sandbox, 4. prints links to n8n's workflow list and to each example workflow (after
// the login page, n8n opens the page linked), and stops everything on Ctrl-C.
//
// Options: --fresh (forget the demo's n8n data in .n8n-demo/ first). Ports: PHARMAONE_DEMO_N8N_PORT (5678),
// PHARMAONE_DEMO_SANDBOX_PORT (8787), PHARMAONE_DEMO_SHOP_PORT (8788), PHARMAONE_DEMO_BROKER_PORT (5690).
// PHARMAONE_DEMO_FOLDER: n8n's data folder (default .n8n-demo/; the demo's own end-to-end test uses another).
// Plain CommonJS for Node.js 20+; n8n runs on the Node.js scripts/n8n-runtime.js picks.

const fs = require('node:fs');
const path = require('node:path');
const local = require('./lib/n8n-local');
const { createSandbox } = require('../sandbox/server.js');

const USER_FOLDER = path.resolve(process.env.PHARMAONE_DEMO_FOLDER || path.join(local.ROOT, '.n8n-demo'));
const ENCRYPTION_KEY = 'dummy-demo-encryption-key';
const port = (name, fallback) => Number(process.env[name] || fallback);
const PORTS = {
	n8n: port('PHARMAONE_DEMO_N8N_PORT', 5678),
	broker: port('PHARMAONE_DEMO_BROKER_PORT', 5690),
	cliBroker: port('PHARMAONE_DEMO_BROKER_PORT', 5690) + 1,
	sandbox: port('PHARMAONE_DEMO_SANDBOX_PORT', 8787),
	shop: port('PHARMAONE_DEMO_SHOP_PORT', 8788),
};

/** The editor's page of one workflow; n8n shows its login page first and then this page. */
const workflowUrl = (n8nUrl, workflow) => `${n8nUrl}/workflow/${workflow.id}`;
const say = (message) => console.log(`[demo] ${message}`);
let sandbox;
let n8n;
let stopping = false;

async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	say('stopping n8n and the sandbox ...');
	await local.stopProcess(n8n).catch(() => {});
	local.killAllChildren();
	if (sandbox) await sandbox.stop().catch(() => {});
	say('stopped.');
	process.exit(code);
}

async function main() {
	await local.assertPortsFree(
		[
			{ what: 'n8n', port: PORTS.n8n, env: 'PHARMAONE_DEMO_N8N_PORT' },
			{ what: 'the PharmaOne sandbox', port: PORTS.sandbox, env: 'PHARMAONE_DEMO_SANDBOX_PORT' },
			{ what: 'the sandbox shop connector', port: PORTS.shop, env: 'PHARMAONE_DEMO_SHOP_PORT' },
			{ what: "n8n's task broker", port: PORTS.broker, env: 'PHARMAONE_DEMO_BROKER_PORT' },
			{ what: "the n8n CLI's task broker (broker port + 1)", port: PORTS.cliBroker, env: 'PHARMAONE_DEMO_BROKER_PORT' },
		],
		'npm run demo',
	);
	if (process.argv.includes('--fresh')) {
		say(`--fresh: removing ${USER_FOLDER}`);
		fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	}

	say('n8n runtime (first run: ~4-6 min and ~2.8 GB, cached afterwards) ...');
	const runtime = await local.ensureRuntime();
	say(`building, packing and installing n8n-nodes-pharmaone into ${path.relative(process.cwd(), USER_FOLDER) || '.'} ...`);
	await local.installPackage(USER_FOLDER);

	sandbox = createSandbox({ port: PORTS.sandbox, shopPort: PORTS.shop, now: new Date().toISOString() });
	const { baseUrl, shopUrl } = await sandbox.start();
	const { orgId, apiKey, signingSecret } = sandbox.options;
	say(`sandbox running: ${baseUrl} (shop connector ${shopUrl})`);

	const n8nUrl = `http://127.0.0.1:${PORTS.n8n}`;
	const baseEnv = { userFolder: USER_FOLDER, port: PORTS.n8n, encryptionKey: ENCRYPTION_KEY };
	const cliEnv = local.n8nEnv(runtime, { ...baseEnv, brokerPort: PORTS.cliBroker });
	const importDir = path.join(USER_FOLDER, 'import');
	fs.mkdirSync(importDir, { recursive: true });
	const credentialsFile = path.join(importDir, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(local.sandboxCredentials({ baseUrl, shopUrl, orgId, apiKey, signingSecret }), null, 2));

	say('importing credentials and the example workflows ...');
	await local.n8nCli(runtime, cliEnv, ['import:credentials', `--input=${credentialsFile}`]);
	fs.rmSync(credentialsFile); // plaintext API key: only the encrypted copy in n8n's database stays
	await local.n8nCli(runtime, cliEnv, ['import:workflow', '--separate', `--input=${path.join(local.ROOT, 'examples')}`]);
	const examples = local.readExamples();
	const triggerExamples = examples.filter(({ workflow }) =>
		workflow.nodes.some((node) => node.type === 'n8n-nodes-pharmaone.pharmaOneTrigger'),
	);
	for (const { workflow } of triggerExamples) {
		await local.n8nCli(runtime, cliEnv, ['publish:workflow', `--id=${workflow.id}`]);
	}

	const logFile = path.join(USER_FOLDER, 'n8n.log');
	say(`starting n8n on ${n8nUrl} (log: ${path.relative(process.cwd(), logFile)}) ...`);
	const serverEnv = local.n8nEnv(runtime, { ...baseEnv, brokerPort: PORTS.broker });
	// n8n opens its AI assistant after login when that module runs; without it, the workflow list.
	serverEnv.N8N_DISABLED_MODULES = [serverEnv.N8N_DISABLED_MODULES, 'instance-ai'].filter(Boolean).join(',');
	n8n = local.startN8n(runtime, serverEnv, logFile);
	n8n.exited.then(({ code, signal }) => {
		if (stopping) return;
		console.error(`[demo] n8n exited unexpectedly (code ${code}, signal ${signal}); see ${logFile}`);
		shutdown(1);
	});

	const webhookUrls = triggerExamples.map(({ workflow }) => local.triggerWebhookUrl(n8nUrl, workflow));
	await local.waitFor('n8n to answer /healthz/readiness', async () => (await local.fetchWithTimeout(`${n8nUrl}/healthz/readiness`)).ok, {
		timeoutMs: 180000,
	});
	for (const url of webhookUrls) {
		// An unsigned POST: 404 while the webhook is not registered yet, 401 (refused by the trigger) once it is.
		await local.waitFor(`the trigger webhook ${url}`, async () => {
			const response = await local.fetchWithTimeout(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			return response.status === 401;
		});
		sandbox.addSubscription({ url });
	}

	const rest = new local.N8nRest(n8nUrl, { version: runtime.n8nVersion });
	const owner = await rest.setupOwner();

	const pending = [...sandbox.state.orders.byId.values()].find((order) => order.status === 'awaiting_packing');
	const line = '-'.repeat(78);
	console.log(`\n${line}\nPharmaOne for n8n: demo running (local only, dummy credentials)\n${line}`);
	console.log(`n8n:      ${n8nUrl}/home/workflows`);
	console.log(`  login:  ${local.OWNER.email} / ${local.OWNER.password}${owner === 'exists' ? '   (owner from an earlier run)' : ''}`);
	console.log('  example workflows (examples/; each link opens the workflow after the login page):');
	for (const { workflow } of examples) console.log(`    ${workflowUrl(n8nUrl, workflow)}   ${workflow.name}`);
	console.log('  credentials: PharmaOne Sandbox API, PharmaOne Sandbox Webhook Secret, PharmaOne Sandbox Shop Connector');
	console.log(`PharmaOne sandbox:`);
	console.log(`  Manager base URL: ${baseUrl}   organization: ${orgId}   API key: ${apiKey}`);
	console.log(`  shop URL: ${shopUrl}   signing secret: ${signingSecret}`);
	console.log(`  webhook subscription -> ${webhookUrls.join(', ')}`);
	if (pending) {
		console.log('Try the trigger (an order becomes ready for pickup; the published workflow runs):');
		console.log(
			`  curl -X POST ${baseUrl}/__sandbox/orders/${pending.id}/status -H 'content-type: application/json' -d '{"status":"ready_pickup"}'`,
		);
		console.log(`  then open ${n8nUrl}/home/executions`);
	}
	console.log('Try the trigger in the editor: click Execute step on a PharmaOne Trigger, copy its Test URL, then');
	console.log(`  curl -X POST ${baseUrl}/__sandbox/deliver -H 'content-type: application/json' -d '{"url": "<Test URL>"}'`);
	console.log(`Run the other examples with "Execute workflow" in the editor. Stop with Ctrl-C.\n${line}`);
}

process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
main().catch((error) => {
	console.error(`[demo] ${error.message}`);
	shutdown(1);
});
