'use strict';

// Runs npm from Node.js scripts on Linux, macOS and Windows: `node npm-cli.js ...` (no shell, no npm.cmd), with
// the environment of a user's shell (the settings an `npm run ...` that started us exports are dropped: one of
// them, npm_config_local_prefix, would point every npm command at this repository). Used by
// scripts/n8n-runtime.js and scripts/install-package.js.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { npmCliCandidates } = require('./runtime-select');

/** npm's CLI script (see npmCliCandidates for where it is looked for). */
function findNpmCli() {
	const candidates = npmCliCandidates({ execPath: process.execPath, platform: process.platform, env: process.env });
	const found = candidates.find((file) => fs.existsSync(file));
	if (!found) throw new Error(`npm was not found (looked for npm-cli.js in: ${candidates.join(', ')})`);
	return found;
}

/** This process's environment without npm_* settings; `prependPath` goes first on PATH; `nodedir` for node-gyp. */
function npmEnv({ prependPath, nodedir } = {}) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
	const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
	if (prependPath) env[pathKey] = `${prependPath}${path.delimiter}${env[pathKey] ?? ''}`;
	if (nodedir !== undefined) env.npm_config_nodedir = nodedir;
	return env;
}

/**
 * Runs `node ...args` to completion; its output goes to our stderr (stdout is kept for the calling script's
 * result), or is returned when `capture` is set. `label` names the command in errors.
 */
function runNode(nodeBin, args, { cwd, env, capture = false, label = `node ${args.join(' ')}` }) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, args, { cwd, env, stdio: ['ignore', capture ? 'pipe' : 2, 2] });
		let stdout = '';
		if (capture) child.stdout.on('data', (chunk) => (stdout += chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) resolve(stdout.trim());
			else reject(new Error(`${label} failed (exit ${code ?? signal}) in ${cwd}`));
		});
	});
}

/** `npm ...args`, run as `node npm-cli.js ...args` with the given Node.js binary. */
function runNpm(nodeBin, npmCli, args, options) {
	return runNode(nodeBin, [npmCli, ...args], { label: `npm ${args.join(' ')}`, ...options });
}

module.exports = { findNpmCli, npmEnv, runNode, runNpm };
