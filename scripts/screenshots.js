#!/usr/bin/env node
'use strict';

// npm run screenshots: regenerates the README's pictures (docs/*.png) from a real n8n 2.41.1 with this package.
//
// 1. installs Debian's chromium if /usr/bin/chromium is missing (apt-get), 2. installs n8n + Node.js 24 (cached,
// scripts/n8n-runtime.js) and this package, built and packed, into a fresh .n8n-screens/ (scripts/install-package.js),
// 3. starts the PharmaOne sandbox and n8n on 127.0.0.1 (ports 8797/8798/5688, task brokers 5697/5698; the URLs in the
//    pictures show them, so a taken port stops the run with its name: PHARMAONE_SCREENSHOTS_{SANDBOX,SHOP,N8N,BROKER}_PORT),
// imports credentials pointing at the sandbox and the example workflows of examples/, publishes the trigger
// workflow, creates the owner (dummy login),
// 4. signs in with headless Chromium (playwright-core, executablePath /usr/bin/chromium) and captures, at 1440x900:
//    docs/operations.png  the node creator's action list of the PharmaOne node (only that panel, grown to fit)
//    docs/credential.png  the "PharmaOne API" credential dialog after a successful test
//    docs/shop-credential.png  the "PharmaOne Shop Connector API" credential dialog after a successful test
//    docs/workflow.png    the example "POS sales -> inventory adjust" on the canvas after a successful run
//    docs/trigger.png     the PharmaOne Trigger's panel (setup notice and webhook URLs)
//    docs/tool.png        PharmaOne Tool (Order → Get) under an MCP Server Trigger: Tool Description, Order by the model
// 5. stops the browser, n8n and the sandbox by PID. Every wait is bounded.
//
// Options: --only=operations,credential (capture some), SKIP_BUILD=1 (pack the dist/ already built).
// Exits non-zero if a picture failed; a picture of the page at the failure goes to .n8n-screens/failed-*.png.
// Plain CommonJS for Node.js 20+; n8n runs on the Node.js scripts/n8n-runtime.js picks (this one if n8n accepts it).

const fs = require('node:fs');
const path = require('node:path');
const local = require('./lib/n8n-local');
const { createSandbox } = require('../sandbox/server.js');

const USER_FOLDER = path.join(local.ROOT, '.n8n-screens');
const DOCS_DIR = path.join(local.ROOT, 'docs');
const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1440, height: 900 };
const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const WORKFLOW_ID = 'p1ExPosInventory'; // examples/pos-sale-inventory-adjust.json
const TRIGGER_WORKFLOW_ID = 'p1ExOrderNotify1'; // examples/order-ready-notification.json
const TRIGGER_NODE = 'Order ready for pickup';
const TOOL_WORKFLOW_ID = 'p1ScreensMcpTool';
const TOOL_NODE = 'Get order';
const STEP_TIMEOUT = 30000;
const port = (name, fallback) => Number(process.env[name] || fallback);
/** sandbox, shop connector, n8n, n8n's task broker, the CLI's task broker (broker + 1). */
const PORTS = [
	{ what: 'the PharmaOne sandbox', port: port('PHARMAONE_SCREENSHOTS_SANDBOX_PORT', 8797), env: 'PHARMAONE_SCREENSHOTS_SANDBOX_PORT' },
	{ what: 'the sandbox shop connector', port: port('PHARMAONE_SCREENSHOTS_SHOP_PORT', 8798), env: 'PHARMAONE_SCREENSHOTS_SHOP_PORT' },
	{ what: 'n8n', port: port('PHARMAONE_SCREENSHOTS_N8N_PORT', 5688), env: 'PHARMAONE_SCREENSHOTS_N8N_PORT' },
	{ what: "n8n's task broker", port: port('PHARMAONE_SCREENSHOTS_BROKER_PORT', 5697), env: 'PHARMAONE_SCREENSHOTS_BROKER_PORT' },
	{ what: "the n8n CLI's task broker (broker port + 1)", port: port('PHARMAONE_SCREENSHOTS_BROKER_PORT', 5697) + 1, env: 'PHARMAONE_SCREENSHOTS_BROKER_PORT' },
];

const say = (message) => console.log(`[screenshots] ${message}`);
const tid = (id) => `[data-test-id="${id}"]`;

/** Installs Debian's chromium when /usr/bin/chromium is missing (as root, or through sudo). */
async function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	say('installing Debian chromium (apt-get) ...');
	const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['apt-get', 'update'], ['apt-get', 'install', '-y', 'chromium']]) {
		const [command, ...rest] = [...sudo, ...args];
		const result = await local.run(command, rest, { env, echo: true, timeoutMs: 15 * 60000 });
		if (result.code !== 0) throw new Error(`${args.join(' ')} failed (exit ${result.code})`);
	}
	if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is still missing after apt-get install chromium`);
}

function loadPlaywright() {
	try {
		return require('playwright-core');
	} catch {
		throw new Error('playwright-core is missing: run `npm ci` (it is a devDependency)');
	}
}

/** Starts the sandbox and n8n (fresh .n8n-screens/, loopback ports); fills ctx with what the captures need. */
async function startServers(ctx) {
	fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	say('n8n runtime (first run: ~4-6 min and ~2.8 GB, cached afterwards) ...');
	ctx.runtime = await local.ensureRuntime({ echo: false });
	say('building, packing and installing n8n-nodes-pharmaone into .n8n-screens/ ...');
	await local.installPackage(USER_FOLDER, { echo: false, skipBuild: process.env.SKIP_BUILD === '1' });

	// Fixed ports, so the URLs in the pictures stay the same from run to run (checked free in main()).
	const ports = PORTS.map((entry) => entry.port);
	ctx.sandbox = createSandbox({ port: ports[0], shopPort: ports[1], now: new Date().toISOString() });
	const { baseUrl, shopUrl } = await ctx.sandbox.start();
	const { orgId, apiKey, signingSecret } = ctx.sandbox.options;

	ctx.n8nUrl = `http://127.0.0.1:${ports[2]}`;
	const base = { userFolder: USER_FOLDER, port: ports[2], encryptionKey: 'dummy-screens-encryption-key' };
	const cliEnv = local.n8nEnv(ctx.runtime, { ...base, brokerPort: ports[4] });
	const importDir = path.join(USER_FOLDER, 'import');
	fs.mkdirSync(importDir, { recursive: true });
	const credentialsFile = path.join(importDir, 'credentials.json');
	fs.writeFileSync(credentialsFile, JSON.stringify(local.sandboxCredentials({ baseUrl, shopUrl, orgId, apiKey, signingSecret })));
	say('importing credentials and the example workflows ...');
	await local.n8nCli(ctx.runtime, cliEnv, ['import:credentials', `--input=${credentialsFile}`]);
	fs.rmSync(credentialsFile);
	await local.n8nCli(ctx.runtime, cliEnv, ['import:workflow', '--separate', `--input=${path.join(local.ROOT, 'examples')}`]);
	const toolFile = path.join(importDir, 'tool-workflow.json');
	fs.writeFileSync(toolFile, JSON.stringify([toolWorkflow()]));
	await local.n8nCli(ctx.runtime, cliEnv, ['import:workflow', `--input=${toolFile}`]);
	await local.n8nCli(ctx.runtime, cliEnv, ['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`]);

	const logFile = path.join(USER_FOLDER, 'n8n.log');
	say(`starting n8n on ${ctx.n8nUrl} (log: .n8n-screens/n8n.log) ...`);
	ctx.n8n = local.startN8n(ctx.runtime, local.n8nEnv(ctx.runtime, { ...base, brokerPort: ports[3] }), logFile);
	await local.waitFor('n8n to answer /healthz/readiness', async () => (await local.fetchWithTimeout(`${ctx.n8nUrl}/healthz/readiness`)).ok, {
		timeoutMs: 180000,
	});
	await new local.N8nRest(ctx.n8nUrl).setupOwner();
}

/** An MCP server serving PharmaOne Tool (Order → Get with its defaults), for docs/tool.png. */
function toolWorkflow() {
	const trigger = 'MCP Server Trigger';
	return {
		id: TOOL_WORKFLOW_ID,
		name: 'PharmaOne for AI agents and MCP clients',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'screens-mcp', name: trigger, type: '@n8n/n8n-nodes-langchain.mcpTrigger', typeVersion: 2.1, position: [0, 0], parameters: { path: 'pharmaone' }, webhookId: '6d1f3a52-7a51-4c1e-9a0e-5b2f0c8e4d11' },
			{ id: 'screens-tool', name: TOOL_NODE, type: 'n8n-nodes-pharmaone.pharmaOneTool', typeVersion: 1, position: [0, 240], parameters: { resource: 'order', operation: 'get' }, credentials: { pharmaOneApi: { id: local.CREDENTIAL_IDS.api, name: 'PharmaOne Sandbox API' } } },
		],
		connections: { [TOOL_NODE]: { ai_tool: [[{ node: trigger, type: 'ai_tool', index: 0 }]] } },
	};
}

/** Closes whatever modal n8n opened on its own (surveys, announcements); bounded. */
async function dismissModals(page) {
	for (let i = 0; i < 3; i++) {
		const open = await page.locator('.el-overlay:visible, [role="dialog"]:visible').count();
		if (!open) return;
		await page.keyboard.press('Escape');
		await page.waitForTimeout(400);
	}
}

async function signIn(page, ctx) {
	await page.goto(`${ctx.n8nUrl}/signin`, { waitUntil: 'domcontentloaded' });
	await page.locator('input[type="email"]').fill(local.OWNER.email);
	await page.locator('input[type="password"]').fill(local.OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: STEP_TIMEOUT });
	await page.waitForLoadState('networkidle', { timeout: STEP_TIMEOUT }).catch(() => {});
	await dismissModals(page);
}

/** Opens a workflow in the editor and waits for its canvas. */
async function openWorkflow(page, ctx, id) {
	await page.goto(`${ctx.n8nUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	await page.locator(tid('canvas-node')).first().waitFor({ timeout: STEP_TIMEOUT });
	await page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
	await dismissModals(page);
}

/** 1. The node creator's action list of the PharmaOne node (opened after a node, so actions come first). */
async function captureOperations(page, ctx, file) {
	await openWorkflow(page, ctx, WORKFLOW_ID);
	await page.locator(tid('node-creator-plus-button')).click({ timeout: STEP_TIMEOUT });
	const creator = page.locator(tid('node-creator'));
	const search = creator.locator(`${tid('node-creator-search-bar')} input, input${tid('node-creator-search-bar')}`).first();
	await search.fill('PharmaOne', { timeout: STEP_TIMEOUT });
	await creator.locator(tid('node-creator-item-name'), { hasText: /^PharmaOne$/ }).first().click({ timeout: STEP_TIMEOUT });
	await creator.getByText('Adjust inventory stock', { exact: true }).first().waitFor({ timeout: STEP_TIMEOUT });
	await page.waitForTimeout(800);
	// Grow the window until the whole action list fits (at most 2400 px high), then restore it.
	const hidden = await creator.evaluate((root) => {
		const scrollers = [root, ...root.querySelectorAll('*')].filter((el) => el.scrollHeight > el.clientHeight + 4 && /auto|scroll/.test(getComputedStyle(el).overflowY));
		return Math.max(0, ...scrollers.map((el) => el.scrollHeight - el.clientHeight));
	});
	await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(2400, VIEWPORT.height + hidden) });
	await page.waitForTimeout(800);
	// Only the panel: the whole window at this height would be shrunk to unreadable text in a README.
	const box = await creator.boundingBox();
	const [x, y] = [Math.max(0, Math.ceil(box.x)), Math.max(0, Math.floor(box.y))];
	await page.screenshot({ path: file, clip: { x, y, width: VIEWPORT.width - x, height: Math.floor(box.y + box.height) - y } });
	await page.setViewportSize(VIEWPORT);
	await page.keyboard.press('Escape');
}

/** 2. A credential dialog, tested against the sandbox (green banner): the PharmaOne API one by default. */
async function captureCredential(page, ctx, file, id = local.CREDENTIAL_IDS.api) {
	await page.goto(`${ctx.n8nUrl}/home/credentials/${id}`, { waitUntil: 'domcontentloaded' });
	const dialog = page.locator(tid('credential-edit-dialog'));
	await dialog.waitFor({ timeout: STEP_TIMEOUT });
	const success = page.getByText(/Connection tested successfully/i).first();
	if (!(await success.isVisible().catch(() => false))) {
		const retry = page.getByRole('button', { name: /^(Retry|Test)$/ }).first();
		if (await retry.isVisible().catch(() => false)) await retry.click();
		else await page.locator(tid('credential-save-button')).click({ timeout: STEP_TIMEOUT });
	}
	await success.waitFor({ timeout: STEP_TIMEOUT });
	await page.waitForTimeout(500);
	await page.screenshot({ path: file });
}

/** 3. The example workflow on the canvas after a successful manual run. */
async function captureWorkflow(page, ctx, file) {
	await openWorkflow(page, ctx, WORKFLOW_ID);
	await page.locator(tid('execute-workflow-button')).first().click({ timeout: STEP_TIMEOUT });
	await local.waitFor(
		'every node of the workflow to show success',
		async () => (await page.locator(tid('canvas-node-status-success')).count()) >= 3,
		{ timeoutMs: 60000 },
	);
	await page.waitForTimeout(1500); // toasts settle
	await page.screenshot({ path: file });
}

/** Opens a node's panel in a workflow, waits (bounded) until `ready(ndv)` resolves, then captures the window. */
async function captureNodePanel(page, ctx, file, { workflowId, nodeName, ready }) {
	await openWorkflow(page, ctx, workflowId);
	await page.locator(tid('canvas-node'), { hasText: nodeName }).first().dblclick({ timeout: STEP_TIMEOUT });
	const ndv = page.locator(tid('ndv')).first();
	await ndv.waitFor({ timeout: STEP_TIMEOUT });
	await ready(ndv);
	await page.waitForTimeout(1000);
	await page.screenshot({ path: file });
}

/** 4. The PharmaOne Trigger's node panel: setup notice, webhook URLs. */
function captureTrigger(page, ctx, file) {
	return captureNodePanel(page, ctx, file, {
		workflowId: TRIGGER_WORKFLOW_ID,
		nodeName: TRIGGER_NODE,
		ready: async (ndv) => {
			await ndv.getByText('Webhook URLs', { exact: true }).first().click({ timeout: STEP_TIMEOUT });
			await ndv.getByText(/\/webhook(-test)?\/[0-9a-f-]+\/webhook/).first().waitFor({ timeout: STEP_TIMEOUT });
		},
	});
}

/** 5. PharmaOne Tool's panel: the Tool Description of Order → Get and the Order ID the model defines. */
function captureTool(page, ctx, file) {
	return captureNodePanel(page, ctx, file, {
		workflowId: TOOL_WORKFLOW_ID,
		nodeName: TOOL_NODE,
		ready: (ndv) => ndv.getByText('Tool Description', { exact: true }).first().waitFor({ timeout: STEP_TIMEOUT }),
	});
}

const CAPTURES = {
	operations: captureOperations,
	credential: captureCredential,
	'shop-credential': (page, ctx, file) => captureCredential(page, ctx, file, local.CREDENTIAL_IDS.shop),
	workflow: captureWorkflow,
	trigger: captureTrigger,
	tool: captureTool,
};

/** Runs the selected captures in one browser; returns { name: 'ok' | error message }. */
async function captureAll(ctx, names) {
	const { chromium } = loadPlaywright();
	const dataDir = fs.mkdtempSync(path.join(USER_FOLDER, 'chromium-'));
	// A new, empty --user-data-dir (playwright passes it for a persistent context).
	const context = await chromium.launchPersistentContext(dataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		timeout: 60000,
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	ctx.browser = context;
	context.setDefaultTimeout(STEP_TIMEOUT);
	const page = context.pages()[0] ?? (await context.newPage());
	await signIn(page, ctx);
	fs.mkdirSync(DOCS_DIR, { recursive: true });
	const outcome = {};
	for (const name of names) {
		const file = path.join(DOCS_DIR, `${name}.png`);
		try {
			await CAPTURES[name](page, ctx, file);
			outcome[name] = 'ok';
			say(`docs/${name}.png: ${fs.statSync(file).size} bytes`);
		} catch (error) {
			outcome[name] = error.message.split('\n')[0];
			say(`docs/${name}.png FAILED: ${error.message}`);
			await page.screenshot({ path: path.join(USER_FOLDER, `failed-${name}.png`) }).catch(() => {});
		}
	}
	return outcome;
}

async function stopAll(ctx) {
	if (ctx.browser) await ctx.browser.close().catch(() => {});
	await local.stopProcess(ctx.n8n).catch(() => {});
	local.killAllChildren();
	if (ctx.sandbox) await ctx.sandbox.stop().catch(() => {});
}

async function main() {
	const only = process.argv.find((arg) => arg.startsWith('--only='));
	const names = only ? only.slice('--only='.length).split(',').filter(Boolean) : Object.keys(CAPTURES);
	const unknown = names.filter((name) => !CAPTURES[name]);
	if (unknown.length) throw new Error(`unknown picture(s): ${unknown.join(', ')} (known: ${Object.keys(CAPTURES).join(', ')})`);
	loadPlaywright();
	await local.assertPortsFree(PORTS, 'npm run screenshots');
	await ensureChromium();
	const ctx = {};
	let outcome;
	const onSignal = () => stopAll(ctx).finally(() => process.exit(130));
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		await startServers(ctx);
		outcome = await captureAll(ctx, names);
	} finally {
		await stopAll(ctx);
		say('stopped the browser, n8n and the sandbox.');
	}
	const failed = Object.entries(outcome).filter(([, status]) => status !== 'ok');
	if (failed.length) throw new Error(`failed: ${failed.map(([name, status]) => `${name} (${status})`).join('; ')}`);
	say(`done: ${names.map((name) => `docs/${name}.png`).join(', ')}`);
}

if (require.main === module) {
	main().catch((error) => {
		console.error(`[screenshots] ${error.message}`);
		process.exit(1);
	});
}

module.exports = { startServers, captureAll, stopAll, CAPTURES };
