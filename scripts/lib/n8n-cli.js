'use strict';

// The n8n CLI for the demo and the end-to-end tests (part of scripts/lib/n8n-local.js): installing the runtime
// (scripts/n8n-runtime.js) and this package (scripts/install-package.js), the environment of one n8n instance, and
// `n8n import:*`, `n8n execute`, publishing. What differs between n8n versions comes from scripts/lib/n8n-versions.js.

const fs = require('node:fs');
const path = require('node:path');
const { ROOT, run } = require('./n8n-process');
const versions = require('./n8n-versions');

/**
 * Installs (once, cached) n8n and, when this machine's Node.js is one n8n refuses, the Node.js it needs
 * (scripts/n8n-runtime.js); returns { dir, node, n8n, modules, nodeSource, nodeVersion, n8nVersion }. The n8n
 * version: `version`, else PHARMAONE_N8N_VERSION, else the default (2.41.1); `node scripts/n8n-runtime.js --list`.
 */
async function ensureRuntime({ echo = true, version = process.env.PHARMAONE_N8N_VERSION } = {}) {
	const args = [path.join(ROOT, 'scripts', 'n8n-runtime.js'), '--json', ...(version ? ['--version', version] : [])];
	const result = await run(process.execPath, args, { echo, timeoutMs: 40 * 60000 });
	if (result.code !== 0) throw new Error(`scripts/n8n-runtime.js failed (exit ${result.code}):\n${result.stderr.slice(-3000)}`);
	return JSON.parse(result.stdout.trim().split('\n').pop());
}

/** The version profile (scripts/lib/n8n-versions.js) of a runtime (its n8n's package.json when it does not say). */
function profileOf(runtime) {
	const version = runtime.n8nVersion ?? JSON.parse(fs.readFileSync(path.join(runtime.modules, 'n8n', 'package.json'), 'utf8')).version;
	return versions.forVersion(version);
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

/**
 * The environment of one n8n instance: its own folder, HTTP port and task-broker port, all on 127.0.0.1, plus what
 * the runtime's n8n version needs (n8n-versions.js `env`); `extra` is applied last.
 */
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
		...profileOf(runtime).env,
		...extra,
	};
}

/**
 * Runs one n8n CLI command (`import:workflow`, `execute`, ...) to completion. A command that another n8n version
 * names differently (`publish:workflow` on 2.x is `update:workflow --active=true` on 1.x) is translated by
 * n8n-versions.js `cliArgs`.
 */
async function n8nCli(runtime, env, args, { timeoutMs = 180000 } = {}) {
	const translated = profileOf(runtime).cliArgs(args);
	const result = await run(runtime.node, [runtime.n8n, ...translated], { env, timeoutMs });
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`n8n ${translated.join(' ')} failed (exit ${result.code}):\n${tail}`);
	}
	return result.stdout;
}

/** Publishes (2.x) or activates (1.x) a workflow with the CLI, for the next `n8n start`. */
function publishWorkflow(runtime, env, workflowId) {
	return n8nCli(runtime, env, ['publish:workflow', `--id=${workflowId}`]);
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

module.exports = { ensureRuntime, profileOf, installPackage, n8nEnv, n8nCli, publishWorkflow, executeWorkflow, nodeOutputs };
