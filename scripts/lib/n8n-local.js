'use strict';

// Runs a real n8n on this machine for the demo (scripts/demo.js) and the end-to-end tests (test/e2e/run.js):
// the cached n8n 2.41.1 and its Node.js of scripts/n8n-runtime.js, this package installed by
// scripts/install-package.js, n8n CLI commands, `n8n start` in its own process group, and n8n's REST API as
// the editor UI uses it. Plain CommonJS, Node.js 20+, no dependencies. Everything listens on 127.0.0.1.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** Login of the n8n owner the demo and the tests create (local only; dummy values). */
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Dummy-password-1',
};

/** Credential ids the example workflows refer to. */
const CREDENTIAL_IDS = {
	api: 'p1SandboxApi0001',
	webhook: 'p1SandboxHook001',
	shop: 'p1SandboxShop001',
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every child process started here and still running, so a Ctrl-C can stop them by PID. */
const running = new Set();

function track(child) {
	running.add(child);
	child.on('exit', () => running.delete(child));
	return child;
}

/** Kills the process groups of every child still running (on exit or interruption). */
function killAllChildren(signal = 'SIGKILL') {
	for (const child of running) killGroup(child.pid, signal);
}

/**
 * Runs a command to completion. Output is captured (and echoed to stderr when `echo` is set). The command
 * gets its own process group, which is killed if it runs longer than `timeoutMs`.
 */
function run(command, args, { env = process.env, cwd = ROOT, timeoutMs = 600000, echo = false, input } = {}) {
	return new Promise((resolve, reject) => {
		const child = track(spawn(command, args, { env, cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] }));
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
			if (echo) process.stderr.write(chunk);
		});
		child.stdin.end(input ?? '');
		const timer = setTimeout(() => {
			killGroup(child.pid, 'SIGKILL');
			reject(new Error(`${path.basename(command)} ${args.join(' ')}: timed out after ${timeoutMs} ms`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/** Sends a signal to a process group we started (its leader's PID), ignoring "already gone". */
function killGroup(pid, signal) {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already exited
		}
	}
}

/**
 * Installs (once, cached) n8n 2.41.1 and, when this machine's Node.js is one n8n refuses, the Node.js it needs
 * (scripts/n8n-runtime.js); returns { dir, node, n8n, modules, nodeSource, nodeVersion }.
 */
async function ensureRuntime({ echo = true } = {}) {
	const result = await run(process.execPath, [path.join(ROOT, 'scripts', 'n8n-runtime.js'), '--json'], { echo, timeoutMs: 40 * 60000 });
	if (result.code !== 0) throw new Error(`scripts/n8n-runtime.js failed (exit ${result.code}):\n${result.stderr.slice(-3000)}`);
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** Builds, packs and installs this package into `<userFolder>/.n8n/nodes` as the README says (scripts/install-package.js). */
async function installPackage(userFolder, { echo = true, skipBuild = false } = {}) {
	const env = { ...process.env, ...(skipBuild ? { SKIP_BUILD: '1' } : {}) };
	const result = await run(process.execPath, [path.join(ROOT, 'scripts', 'install-package.js'), userFolder], {
		env,
		echo,
		timeoutMs: 10 * 60000,
	});
	if (result.code !== 0) throw new Error(`scripts/install-package.js failed (exit ${result.code}):\n${result.stderr.slice(-3000)}`);
	return result.stdout.trim().split('\n').pop();
}

/** The environment of one n8n instance: its own folder, HTTP port and task-broker port, all on 127.0.0.1. */
function n8nEnv(runtime, { userFolder, port, brokerPort, encryptionKey, extra = {} }) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		// Settings meant for the project's Node 20 (and any n8n settings of the caller) stay out.
		if (key.startsWith('N8N_') || key.startsWith('DB_') || key === 'NODE_OPTIONS' || key === 'WEBHOOK_URL') delete env[key];
	}
	return {
		...env,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_PROTOCOL: 'http',
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		// $now/$today in expressions use this zone (n8n's default is America/New_York).
		GENERIC_TIMEZONE: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		// Fetches a server list from api.n8n.io, which this closed network cannot reach.
		N8N_DISABLED_MODULES: 'mcp-registry',
		...extra,
	};
}

/** Runs one n8n CLI command (`import:workflow`, `execute`, ...) to completion. */
async function n8nCli(runtime, env, args, { timeoutMs = 180000 } = {}) {
	const result = await run(runtime.node, [runtime.n8n, ...args], { env, timeoutMs });
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`n8n ${args.join(' ')} failed (exit ${result.code}):\n${tail}`);
	}
	return result.stdout;
}

/** `n8n execute --id` prints log lines, then the execution as JSON: returns that JSON (or throws). */
async function executeWorkflow(runtime, env, workflowId) {
	const result = await run(runtime.node, [runtime.n8n, 'execute', `--id=${workflowId}`, '--rawOutput'], {
		env,
		timeoutMs: 180000,
	});
	const start = result.stdout.search(/^\{/m);
	if (start < 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`n8n execute --id=${workflowId} printed no execution (exit ${result.code}):\n${tail}`);
	}
	const text = result.stdout.slice(start);
	try {
		return JSON.parse(text);
	} catch (error) {
		// A log line printed after the execution's JSON: parse up to where the JSON ended.
		const end = /after JSON at position (\d+)/.exec(error.message);
		if (!end) throw error;
		return JSON.parse(text.slice(0, Number(end[1])));
	}
}

/** The output items (json only) of each node of an execution, by node name. */
function nodeOutputs(execution) {
	const runData = execution?.data?.resultData?.runData ?? {};
	const outputs = {};
	for (const [name, runs] of Object.entries(runData)) {
		const last = runs[runs.length - 1];
		outputs[name] = {
			items: (last?.data?.main?.[0] ?? []).map((item) => item.json),
			binary: (last?.data?.main?.[0] ?? []).map((item) => item.binary),
			error: last?.error,
			status: last?.executionStatus,
		};
	}
	return outputs;
}

/** Starts `n8n start` in its own process group, its output going to `logFile`. */
function startN8n(runtime, env, logFile) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = track(
		spawn(runtime.node, [runtime.n8n, 'start'], { env, cwd: ROOT, detached: true, stdio: ['ignore', out, out] }),
	);
	fs.closeSync(out);
	child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return child;
}

/** Stops a child we started and its process group: SIGTERM, then SIGKILL after `graceMs`. */
async function stopProcess(child, graceMs = 20000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) {
		if (child) killGroup(child.pid, 'SIGKILL'); // task runners left behind, if any
		return;
	}
	killGroup(child.pid, 'SIGTERM');
	const exited = await Promise.race([child.exited ?? new Promise((r) => child.on('exit', r)), sleep(graceMs).then(() => false)]);
	killGroup(child.pid, 'SIGKILL');
	if (exited === false) await Promise.race([child.exited, sleep(5000)]);
}

/** fetch() that never waits longer than `timeoutMs` (Node's fetch has no timeout of its own). */
function fetchWithTimeout(url, options = {}, timeoutMs = 15000) {
	return fetch(url, { signal: AbortSignal.timeout(timeoutMs), ...options });
}

/** Polls `check` (returns a truthy value when done) until it succeeds, bounded by time and attempts. */
async function waitFor(what, check, { timeoutMs = 120000, intervalMs = 500 } = {}) {
	const deadline = Date.now() + timeoutMs;
	const maxAttempts = Math.ceil(timeoutMs / intervalMs) + 1;
	let lastError;
	for (let attempt = 0; attempt < maxAttempts && Date.now() < deadline; attempt++) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(intervalMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

/** A TCP port that is free on 127.0.0.1 right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** Whether something already listens on 127.0.0.1:port, or the port cannot be bound there. */
function portInUse(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let settled = false;
		const finish = (listening) => {
			if (settled) return;
			settled = true;
			socket.destroy();
			if (listening) {
				resolve(true);
				return;
			}
			// Nothing answered on 127.0.0.1: still taken if it cannot be bound (e.g. held on another address).
			const server = net.createServer();
			server.once('error', () => resolve(true));
			server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
		};
		socket.setTimeout(1000);
		socket.once('connect', () => finish(true));
		socket.once('timeout', () => finish(false));
		socket.once('error', () => finish(false));
	});
}

/**
 * Throws when any of `ports` ({ what, port, env }) is taken on 127.0.0.1, naming each taken port and the
 * environment variable that moves it, e.g. "PHARMAONE_DEMO_N8N_PORT=5679 npm run demo".
 */
async function assertPortsFree(ports, command) {
	const taken = [];
	for (const entry of ports) if (await portInUse(entry.port)) taken.push(entry);
	if (taken.length === 0) return;
	const lines = taken.map(({ what, port, env }) => `  port ${port} (${what}): choose another with ${env}`);
	const example = `${taken[0].env}=${taken[0].port + 1} ${command}`;
	throw new Error(
		`cannot start: ${taken.length === 1 ? 'a port is' : 'ports are'} already in use on 127.0.0.1\n${lines.join('\n')}\n` +
			`Stop what uses ${taken.length === 1 ? 'it' : 'them'} (often an n8n already running), or choose other ports, e.g. ${example}`,
	);
}

/** Credentials (plaintext, imported with `n8n import:credentials`) pointing at a running sandbox. */
function sandboxCredentials({ baseUrl, shopUrl, orgId, apiKey, signingSecret }) {
	return [
		{
			id: CREDENTIAL_IDS.api,
			name: 'PharmaOne Sandbox API',
			type: 'pharmaOneApi',
			data: { environment: 'custom', baseUrl, organizationId: orgId, apiKey },
		},
		{
			id: CREDENTIAL_IDS.webhook,
			name: 'PharmaOne Sandbox Webhook Secret',
			type: 'pharmaOneWebhookApi',
			data: { signingSecret },
		},
		{
			id: CREDENTIAL_IDS.shop,
			name: 'PharmaOne Sandbox Shop Connector',
			type: 'pharmaOneShopApi',
			data: { shopUrl, apiKey },
		},
	];
}

/** The example workflows of examples/*.json, by file name. */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/** The production URL of a workflow's PharmaOne Trigger: /webhook/<webhookId>/webhook. */
function triggerWebhookUrl(n8nBaseUrl, workflow) {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-pharmaone.pharmaOneTrigger');
	if (!trigger || !trigger.webhookId) throw new Error(`workflow ${workflow.id} has no PharmaOne Trigger with a webhookId`);
	return `${n8nBaseUrl}/webhook/${trigger.webhookId}/webhook`;
}

/** n8n's REST API, called the way the editor UI calls it (cookie login, browser-id header). */
class N8nRest {
	constructor(baseUrl) {
		this.baseUrl = baseUrl;
		this.cookie = '';
	}

	async request(method, urlPath, body) {
		const response = await fetchWithTimeout(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': 'dummy-local-browser',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		}, 30000);
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (auth) this.cookie = auth[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	/** Creates the owner on a new instance (skipping the setup screen); an existing owner is kept. */
	async setupOwner(owner = OWNER) {
		const result = await this.request('POST', '/rest/owner/setup', owner);
		if (result.status === 200) return 'created';
		if (result.status === 400 && /already/i.test(result.text)) return 'exists';
		throw new Error(`owner setup answered ${result.status}: ${result.text.slice(0, 300)}`);
	}

	async login(owner = OWNER) {
		const result = await this.request('POST', '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (result.status !== 200) throw new Error(`login answered ${result.status}: ${result.text.slice(0, 300)}`);
	}

	/** Executions of one workflow, newest first (`GET /rest/executions`, as the executions list). */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.request('GET', `/rest/executions?filter=${filter}&limit=50`);
		if (result.status !== 200) throw new Error(`GET /rest/executions answered ${result.status}: ${result.text.slice(0, 300)}`);
		return result.json.data.results;
	}

	/** One execution with its run data (stored "flatted"; parsed with n8n's own flatted package). */
	async execution(id, runtime) {
		const result = await this.request('GET', `/rest/executions/${encodeURIComponent(id)}`);
		if (result.status !== 200) throw new Error(`GET /rest/executions/${id} answered ${result.status}`);
		const { parse } = require(path.join(runtime.modules, 'flatted'));
		const execution = result.json.data;
		return { ...execution, data: typeof execution.data === 'string' ? parse(execution.data) : execution.data };
	}
}

/** Starts a long-running command (`n8n worker`, `redis-server`, ...) in its own process group, output to `logFile`. */
function startBackground(command, args, { env = process.env, cwd = ROOT, logFile }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = track(spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', out, out] }));
	fs.closeSync(out);
	child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return child;
}

/** Starts an n8n command that keeps running (`worker`, `webhook`, `start`); stop it with stopProcess. */
function startN8nCommand(runtime, env, logFile, command, args = []) {
	return startBackground(runtime.node, [runtime.n8n, command, ...args], { env, logFile });
}

/** Every execution of a workflow, following n8n's cursor 100 at a time (at most `maxPages` pages). */
async function listAllExecutions(rest, workflowId, { maxPages = 50 } = {}) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const byId = new Map();
	let cursor;
	for (let page = 0; page < maxPages; page++) {
		const query = `filter=${filter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const result = await rest.request('GET', `/rest/executions?${query}`);
		if (result.status !== 200) throw new Error(`GET /rest/executions answered ${result.status}: ${result.text.slice(0, 300)}`);
		for (const execution of result.json.data.results) byId.set(execution.id, execution);
		cursor = result.json.data.nextCursor;
		if (!cursor) return [...byId.values()];
	}
	throw new Error(`more than ${maxPages * 100} executions of ${workflowId}`);
}

module.exports = {
	ROOT,
	OWNER,
	CREDENTIAL_IDS,
	sleep,
	run,
	killGroup,
	killAllChildren,
	ensureRuntime,
	installPackage,
	n8nEnv,
	n8nCli,
	executeWorkflow,
	nodeOutputs,
	startN8n,
	stopProcess,
	waitFor,
	fetchWithTimeout,
	freePort,
	portInUse,
	assertPortsFree,
	sandboxCredentials,
	readExamples,
	triggerWebhookUrl,
	N8nRest,
	startBackground,
	startN8nCommand,
	listAllExecutions,
};
