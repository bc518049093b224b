'use strict';

// Child processes and waiting for the demo and the end-to-end tests (part of scripts/lib/n8n-local.js): commands
// run to completion or in the background, each in its own process group so it can be stopped with all it started;
// bounded polling; free ports on 127.0.0.1. Plain CommonJS, Node.js 20+, no dependencies.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');

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

/** Starts a long-running command (`n8n worker`, `redis-server`, ...) in its own process group, output to `logFile`. */
function startBackground(command, args, { env = process.env, cwd = ROOT, logFile }) {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = track(spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', out, out] }));
	fs.closeSync(out);
	child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return child;
}

/** Starts `n8n start` in its own process group, its output going to `logFile`. */
function startN8n(runtime, env, logFile) {
	return startBackground(runtime.node, [runtime.n8n, 'start'], { env, logFile });
}

/** Starts an n8n command that keeps running (`worker`, `webhook`, `start`); stop it with stopProcess. */
function startN8nCommand(runtime, env, logFile, command, args = []) {
	return startBackground(runtime.node, [runtime.n8n, command, ...args], { env, logFile });
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

module.exports = {
	ROOT,
	sleep,
	run,
	killGroup,
	killAllChildren,
	startBackground,
	startN8n,
	startN8nCommand,
	stopProcess,
	fetchWithTimeout,
	waitFor,
	freePort,
	portInUse,
	assertPortsFree,
};
