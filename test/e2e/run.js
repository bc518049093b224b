#!/usr/bin/env node
'use strict';

// End-to-end tests in a real n8n 2.41.1 (npm run test:e2e; run by .ci/run). Not a jest suite.
//
// Installs the packed tarball into a fresh n8n user folder (.n8n-e2e/run-<pid>/) as the README says
// (scripts/install-package.js: npm install in .n8n/nodes), starts the PharmaOne sandbox, imports credentials and workflows, then:
//  1. with the n8n CLI (`n8n execute --id`): a workflow covering every resource, and the example workflows,
//     each output checked against the sandbox's data; a Skip Already Sent workflow run twice (test/e2e/once.js);
//     a token revoked or expiring with 128 reads in flight, a revoked key, 429 Retry-After (test/e2e/auth.js);
//  2. with `n8n start`: the published trigger workflow receives a signed delivery (one successful execution),
//     then a filtered status, a duplicate delivery id and an invalid signature (no execution), and the
//     credential tests run the way the editor runs them (POST /rest/credentials/test after logging in);
//     published poll triggers, against the sandbox listing orders by creation and then by update, start exactly
//     once for an old order's status change and for a late-synced order (test/e2e/poll.js); a trigger
//     started with Execute step receives a sandbox test delivery on its Test URL (test/e2e/editor.js);
//  3. PharmaOne Tool with n8n's AI Agent (n8n execute; a scripted OpenAI-compatible model on loopback) and with the
//     MCP Server Trigger (n8n start; the MCP SDK's client): what reaches the model and PharmaOne (test/e2e/ai.js);
//  0. first, without n8n: the demo and the screenshots refuse a taken port, naming it (test/e2e/editor.js).
// Everything listens on 127.0.0.1 on free ports, every wait is bounded, every process is stopped by PID.
// Prints `N passed, M failed` last and exits non-zero on any failure. Keeps the run folder when something failed.

const fs = require('node:fs');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const coverage = require('./coverage');
const { exampleTests } = require('./examples');
const { triggerTests, credentialTests } = require('./server');
const { pollTests, pollWorkflow } = require('./poll');
const { portTests, testUrlTests, testUrlWorkflow } = require('./editor');
const { sendOnceTests, sendOnceWorkflow } = require('./once');
const { authTests, authWorkflows } = require('./auth');
const ai = require('./ai');
const { createChecks } = require('./checks');

const { results, test } = createChecks();
/** The n8n release to run (test/e2e/matrix.js sets it); default: the newest, 2.41.1. */
const VERSION = process.env.E2E_N8N_VERSION || undefined;
/**
 * E2E_PROFILE=matrix (test/e2e/matrix.js, older n8n releases): the suite without the editor-only checks (taken
 * ports, the trigger's Test URL) and without the AI Agent and MCP checks, which are proven on the newest n8n.
 */
const FULL = process.env.E2E_PROFILE !== 'matrix';

/** A step the rest depends on: a failure is counted, then stops the suite. */
async function step(name, fn) {
	let value;
	const ok = await test(
		name,
		async () => {
			value = await fn();
		},
		{ always: true },
	);
	if (!ok) throw new Error(`stopping: "${name}" failed`);
	return value;
}

async function main(ctx) {
	if (FULL) for (const [name, fn] of portTests()) await test(name, fn);
	ctx.runtime = await step(`n8n ${VERSION ?? '2.41.1'} and the Node.js it needs are installed (scripts/n8n-runtime.js, cached)`, () =>
		local.ensureRuntime({ echo: process.env.E2E_VERBOSE === '1', ...(VERSION ? { version: VERSION } : {}) }),
	);
	ctx.packageDir = await step('the package builds, packs and installs into .n8n/nodes as the README says', () =>
		local.installPackage(ctx.userFolder, { echo: process.env.E2E_VERBOSE === '1', skipBuild: process.env.E2E_SKIP_BUILD === '1' }),
	);

	ctx.sandbox = createSandbox({ now: new Date().toISOString() });
	const { baseUrl, shopUrl } = await ctx.sandbox.start();
	ctx.sandboxUrls = { baseUrl, shopUrl };
	await ai.startFakes(ctx);
	const [port, brokerPort, cliBrokerPort] = [await local.freePort(), await local.freePort(), await local.freePort()];
	ctx.n8nUrl = `http://127.0.0.1:${port}`;
	const base = {
		userFolder: ctx.userFolder,
		port,
		encryptionKey: 'dummy-e2e-encryption-key',
		extra: { GENERIC_TIMEZONE: 'UTC' }, // the checks compute dates in UTC, as the sandbox does
	};
	ctx.cliEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort: cliBrokerPort });
	ctx.serverEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort });
	console.log(`# sandbox ${baseUrl} (shop ${shopUrl}); n8n ${ctx.n8nUrl}, task broker ${brokerPort}/${cliBrokerPort}`);

	const cases = coverage.buildCases(ctx.sandbox.state);
	ctx.examples = local.readExamples();
	const workflowsDir = path.join(ctx.userFolder, 'import', 'workflows');
	fs.mkdirSync(workflowsDir, { recursive: true });
	for (const { file, workflow } of ctx.examples) fs.writeFileSync(path.join(workflowsDir, file), JSON.stringify(workflow));
	fs.writeFileSync(path.join(workflowsDir, 'e2e-coverage.json'), JSON.stringify(coverage.buildWorkflow(cases)));
	fs.writeFileSync(path.join(workflowsDir, 'e2e-poll.json'), JSON.stringify(pollWorkflow()));
	fs.writeFileSync(path.join(workflowsDir, 'e2e-trigger-test-url.json'), JSON.stringify(testUrlWorkflow()));
	fs.writeFileSync(path.join(workflowsDir, 'e2e-send-once.json'), JSON.stringify(sendOnceWorkflow()));
	for (const { file, workflow } of authWorkflows()) fs.writeFileSync(path.join(workflowsDir, file), JSON.stringify(workflow));
	ai.writeWorkflows(workflowsDir);
	const credentialsFile = path.join(ctx.userFolder, 'import', 'credentials.json');
	const { orgId, apiKey, signingSecret } = ctx.sandbox.options;
	ctx.credentials = local.sandboxCredentials({ baseUrl, shopUrl, orgId, apiKey, signingSecret });
	fs.writeFileSync(credentialsFile, JSON.stringify([...ctx.credentials, ...ai.aiCredentials(ctx)]));

	await step('n8n imports the credentials (plaintext, encrypted on import) and the workflows', async () => {
		await local.n8nCli(ctx.runtime, ctx.cliEnv, ['import:credentials', `--input=${credentialsFile}`]);
		await local.n8nCli(ctx.runtime, ctx.cliEnv, ['import:workflow', '--separate', `--input=${workflowsDir}`]);
	});

	// 1. n8n execute
	await test('every resource of the built node has an end-to-end case', () => {
		const inExamples = ctx.examples.flatMap(({ workflow }) =>
			workflow.nodes.filter((node) => node.type === 'n8n-nodes-pharmaone.pharmaOne').map((node) => node.parameters.resource),
		);
		const covered = new Set([...cases.map((c) => c.resource), ...inExamples]);
		const missing = coverage.resourcesOfBuiltNode(local.ROOT).filter((resource) => !covered.has(resource));
		if (missing.length > 0) throw new Error(`no end-to-end case for: ${missing.join(', ')} (add one to test/e2e/coverage.js)`);
	});
	let outputs;
	await test('n8n execute runs the every-resource workflow', async () => {
		outputs = local.nodeOutputs(await local.executeWorkflow(ctx.runtime, ctx.cliEnv, coverage.WORKFLOW_ID));
	});
	for (const testCase of cases) {
		await test(`n8n execute: PharmaOne ${testCase.name}`, () => {
			const output = outputs?.[testCase.name];
			if (!output) throw new Error('the node did not run');
			const failed = output.error ?? output.items.find((item) => item && item.error)?.error;
			if (failed) throw new Error(`the node failed: ${JSON.stringify(failed).slice(0, 600)}`);
			if (output.items.length === 0) throw new Error('the node returned no items');
			testCase.check(output.items, ctx.sandbox.state);
		});
	}
	for (const [name, fn] of exampleTests(ctx)) await test(name, fn);
	for (const [name, fn] of sendOnceTests(ctx)) await test(name, fn);
	for (const [name, fn] of authTests(ctx)) await test(name, fn);
	if (FULL) for (const [name, fn] of ai.agentTests(ctx)) await test(name, fn);
	if (FULL) await test('n8n publish:workflow publishes the MCP server workflow', () => ai.publishMcp(ctx));

	// 2. n8n start
	if (process.env.E2E_SKIP_START === '1') return;
	const poll = pollTests(ctx);
	for (const [name, fn] of poll.beforeStart) await test(name, fn);
	for (const [name, fn, required] of triggerTests(ctx)) {
		if (required) await step(name, fn);
		else await test(name, fn);
	}
	for (const [name, fn] of credentialTests(ctx)) await test(name, fn);
	if (FULL) for (const [name, fn] of testUrlTests(ctx)) await test(name, fn);
	for (const [name, fn] of poll.whileRunning) await test(name, fn);
	if (FULL) for (const [name, fn] of ai.mcpTests(ctx)) await test(name, fn);
}

/** Removes the folders of earlier runs (kept after a failure for inspection) whose process has ended. */
function removeOldRuns(runsDir) {
	if (!fs.existsSync(runsDir)) return;
	for (const name of fs.readdirSync(runsDir)) {
		const pid = Number(/^run-(\d+)$/.exec(name)?.[1]);
		if (!pid) continue;
		try {
			process.kill(pid, 0);
		} catch {
			fs.rmSync(path.join(runsDir, name), { recursive: true, force: true });
		}
	}
}

async function run() {
	const started = Date.now();
	const runsDir = path.join(local.ROOT, '.n8n-e2e');
	removeOldRuns(runsDir);
	const ctx = { userFolder: path.join(runsDir, `run-${process.pid}`) };
	let interrupted = false;
	const onSignal = (signal) => {
		interrupted = true;
		local.killAllChildren();
		console.log(`# ${signal}: stopped every process started here; kept ${path.relative(process.cwd(), ctx.userFolder)}`);
		console.log(`${results.passed} passed, ${results.failed + 1} failed`);
		process.exit(130);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		await main(ctx);
	} catch (error) {
		if (!/^stopping: /.test(error.message)) {
			results.failed++;
			console.log(`FAILED unexpected error\n       ${error.stack}`);
		} else {
			console.log(`# ${error.message}`);
		}
	} finally {
		await local.stopProcess(ctx.n8n).catch(() => {});
		local.killAllChildren();
		await ai.stopFakes(ctx);
		if (ctx.sandbox) await ctx.sandbox.stop().catch(() => {});
	}
	if (!interrupted && results.failed === 0) fs.rmSync(ctx.userFolder, { recursive: true, force: true });
	else console.log(`# kept ${path.relative(process.cwd(), ctx.userFolder)} (n8n.log, database) for inspection`);
	console.log(`# end-to-end suite took ${Math.round((Date.now() - started) / 1000)} s`);
	console.log(`${results.passed} passed, ${results.failed} failed`);
	process.exit(results.failed === 0 && results.passed > 0 ? 0 : 1);
}

run();
