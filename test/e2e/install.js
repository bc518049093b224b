#!/usr/bin/env node
'use strict';

// npm run test:install: installs the packed tarball into a self-hosted n8n exactly as the README tells users, then
// checks that real n8n 2.41.1 loads the package and runs its nodes. Not a jest suite; run by .ci/run.
//
// The README's commands (STEPS below) run verbatim in bash: the first two in this clone (`npm ci`, the README's
// first command, is assumed done), the rest with HOME set to a fresh folder under the OS temp folder, so `~/.n8n`
// is a new n8n user folder, and with n8n's Node.js first on PATH, as on a machine that runs n8n. Then n8n starts
// (the README's "restart n8n") with that user folder, and:
//  - ~/.n8n/nodes/node_modules holds the package (and no second copy of n8n-workflow, the peer dependency n8n
//    provides itself);
//  - n8n lists the three nodes and three credentials in the node types its editor loads;
//  - a workflow with the installed PharmaOne node runs against the local sandbox: two calls that succeed, and one
//    the API answers 404, which fails the execution with the node's own error message.
// Everything listens on 127.0.0.1; every wait is bounded; every process is stopped by PID. Prints
// `N passed, M failed` last. Keeps the run folder when something failed.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const coverage = require('./coverage');
const { runSuite, runStandalone } = require('./lib/runner');

const { name: PACKAGE, version: VERSION } = require('../../package.json');
const TARBALL = `${PACKAGE}-${VERSION}.tgz`;

/** The README's install steps: [where they run, the commands]. Keep them identical to the README. */
const STEPS = [
	['clone', ['npm run build', 'npm pack']],
	['home', ['mkdir -p ~/.n8n/nodes', `cp ${TARBALL} ~/.n8n/nodes/`, 'cd ~/.n8n/nodes', `npm install --legacy-peer-deps ./${TARBALL}`]],
];

const NODE_TYPES = ['pharmaOne', 'pharmaOneTrigger', 'pharmaOnePollTrigger'].map((name) => `${PACKAGE}.${name}`);
const CREDENTIAL_TYPES = ['pharmaOneApi', 'pharmaOneShopApi', 'pharmaOneWebhookApi'];
const ERROR_WORKFLOW_ID = 'p1E2eInstallErr1';

/** Runs README commands in bash, stopping at the first that fails; the clone's steps run in the clone. */
async function runSteps(commands, { cwd, env }) {
	const script = ['set -e', ...commands].join('\n');
	const result = await local.run('bash', ['-c', script], { cwd, env, timeoutMs: 10 * 60000 });
	if (result.code !== 0) throw new Error(`these README commands failed (exit ${result.code}):\n${script}\n${`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-30).join('\n')}`);
}

/** A user's shell: no settings of an npm that started this suite, n8n's Node.js first on PATH, `~` = home. */
function userShellEnv(runtime, home) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	return {
		...env,
		HOME: home,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH}`,
		// Downloads stay in this machine's npm cache (a new HOME would start an empty one).
		npm_config_cache: process.env.npm_config_cache || path.join(os.homedir(), '.npm'),
		npm_config_update_notifier: 'false',
	};
}

async function main(ctx, { test, step }) {
	await test('the README gives these install commands, in this order', () => {
		const readme = fs.readFileSync(path.join(local.ROOT, 'README.md'), 'utf8');
		let from = 0;
		for (const command of STEPS.flatMap(([, commands]) => commands)) {
			const at = readme.indexOf(command, from);
			if (at < 0) throw new Error(`README.md does not contain "${command}" after the previous install command`);
			from = at + command.length;
		}
	});
	ctx.runtime = await step('n8n 2.41.1 and the Node.js it needs are installed (scripts/n8n-runtime.js, cached)', () =>
		local.ensureRuntime({ echo: process.env.E2E_VERBOSE === '1' }),
	);
	const env = userShellEnv(ctx.runtime, ctx.home);
	const tarballExisted = fs.existsSync(path.join(local.ROOT, TARBALL));
	await step(`README, in the clone: ${STEPS[0][1].join(' && ')}`, async () => {
		await runSteps(STEPS[0][1], { cwd: local.ROOT, env });
		if (!fs.existsSync(path.join(local.ROOT, TARBALL))) throw new Error(`npm pack did not write ${TARBALL}`);
	});
	await step(`README, in the n8n user's home: ${STEPS[1][1].join(' && ')}`, async () => {
		try {
			await runSteps(STEPS[1][1], { cwd: local.ROOT, env });
		} finally {
			if (!tarballExisted) fs.rmSync(path.join(local.ROOT, TARBALL), { force: true });
		}
	});

	const modules = path.join(ctx.home, '.n8n', 'nodes', 'node_modules');
	await test(`~/.n8n/nodes/node_modules holds ${PACKAGE} ${VERSION} with dist/, and no second n8n-workflow`, () => {
		const installed = JSON.parse(fs.readFileSync(path.join(modules, PACKAGE, 'package.json'), 'utf8'));
		if (installed.version !== VERSION) throw new Error(`installed version ${installed.version}, expected ${VERSION}`);
		for (const file of installed.n8n.nodes) if (!fs.existsSync(path.join(modules, PACKAGE, file))) throw new Error(`${file} is missing`);
		if (fs.existsSync(path.join(modules, 'n8n-workflow'))) throw new Error('npm installed n8n-workflow next to the package; n8n must provide its own');
	});

	ctx.sandbox = createSandbox({ now: new Date().toISOString() });
	const { baseUrl, shopUrl } = await ctx.sandbox.start();
	const [port, brokerPort, cliBrokerPort] = [await local.freePort(), await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${port}`;
	const base = { userFolder: ctx.home, port, encryptionKey: 'dummy-install-encryption-key', extra: { HOME: ctx.home } };
	const cliEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort: cliBrokerPort });

	// Credentials and two workflows: calls that succeed (checked against the sandbox), then one answered 404.
	const cases = coverage.buildCases(ctx.sandbox.state).filter((c) => ['shop getAll', 'product get'].includes(`${c.resource} ${c.operation}`));
	const missing = { resource: 'product', operation: 'get', parameters: { shopId: { __rl: true, mode: 'id', value: 'shop1' }, productId: { __rl: true, mode: 'id', value: '99999999' } } };
	const okWorkflow = coverage.buildWorkflow(cases);
	const errorWorkflow = { ...coverage.buildWorkflow([{ ...missing, name: 'Missing product' }]), id: ERROR_WORKFLOW_ID, name: 'E2E: a 404' };
	delete errorWorkflow.nodes[1].onError;
	const importDir = path.join(ctx.home, 'import');
	fs.mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
	const { orgId, apiKey, signingSecret } = ctx.sandbox.options;
	fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify(local.sandboxCredentials({ baseUrl, shopUrl, orgId, apiKey, signingSecret })));
	fs.writeFileSync(path.join(importDir, 'workflows', 'ok.json'), JSON.stringify(okWorkflow));
	fs.writeFileSync(path.join(importDir, 'workflows', 'error.json'), JSON.stringify(errorWorkflow));

	const logFile = path.join(ctx.home, 'n8n.log');
	ctx.n8n = local.startN8n(ctx.runtime, local.n8nEnv(ctx.runtime, { ...base, brokerPort }), logFile);
	const rest = new local.N8nRest(ctx.n8nUrl);
	await step('n8n starts with that user folder (the README: restart n8n)', async () => {
		await local.waitFor('n8n to answer /healthz/readiness', async () => (await local.fetchWithTimeout(`${ctx.n8nUrl}/healthz/readiness`)).ok, { timeoutMs: 180000 });
		await rest.setupOwner();
		await rest.login();
	});
	await test('n8n lists the three PharmaOne nodes and three credentials (the node types its editor loads)', async () => {
		const nodes = await rest.request('GET', '/types/nodes.json');
		const credentials = await rest.request('GET', '/types/credentials.json');
		if (nodes.status !== 200 || credentials.status !== 200) throw new Error(`/types answered ${nodes.status} and ${credentials.status}`);
		const nodeNames = new Set(nodes.json.map((node) => node.name));
		const credentialNames = new Set(credentials.json.map((credential) => credential.name));
		const absent = [...NODE_TYPES.filter((name) => !nodeNames.has(name)), ...CREDENTIAL_TYPES.filter((name) => !credentialNames.has(name))];
		if (absent.length) throw new Error(`not loaded: ${absent.join(', ')} (see ${logFile})`);
	});

	await step('n8n imports the credentials and the workflows', async () => {
		await local.n8nCli(ctx.runtime, cliEnv, ['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`]);
		await local.n8nCli(ctx.runtime, cliEnv, ['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`]);
	});
	await test(`the installed node runs: ${cases.map((c) => c.name).join(', ')}`, async () => {
		const outputs = local.nodeOutputs(await local.executeWorkflow(ctx.runtime, cliEnv, okWorkflow.id));
		for (const testCase of cases) {
			const output = outputs[testCase.name];
			if (!output || output.error || output.items.length === 0) throw new Error(`${testCase.name}: ${JSON.stringify(output?.error ?? 'no items').slice(0, 400)}`);
			testCase.check(output.items, ctx.sandbox.state);
		}
	});
	await test("a 404 fails the execution with the installed node's own error (NodeApiError, message, description)", async () => {
		const expected = 'Product "99999999" in shop "shop1" was not found';
		// `n8n execute` prints the execution, then the error, and exits 1; the stored execution has the details.
		const cli = await local.run(ctx.runtime.node, [ctx.runtime.n8n, 'execute', `--id=${ERROR_WORKFLOW_ID}`], { env: cliEnv, timeoutMs: 180000 });
		const lastLine = cli.stdout.trim().split('\n').pop();
		if (cli.code !== 1 || lastLine !== expected) throw new Error(`n8n execute exited ${cli.code}, last line "${lastLine}"; expected 1 and "${expected}"`);
		const [latest] = await rest.executions(ERROR_WORKFLOW_ID);
		const execution = await rest.execution(latest.id, ctx.runtime);
		const error = local.nodeOutputs(execution)['Missing product']?.error;
		if (execution.status !== 'error' || error?.name !== 'NodeApiError' || error.message !== expected || !/^Check the ID/.test(error.description)) {
			throw new Error(`execution ${latest.id}: status ${execution.status}, node error ${JSON.stringify(error).slice(0, 400)}`);
		}
	});
}

function run() {
	const ctx = { home: fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-install-')) };
	console.log(`# ~ is ${ctx.home}`);
	return runSuite('install test', ctx, ctx.home, main, async (c) => {
		await local.stopProcess(c.n8n).catch(() => {});
		if (c.sandbox) await c.sandbox.stop().catch(() => {});
	});
}

module.exports = { STEPS, TARBALL };

if (require.main === module) runStandalone(run);
