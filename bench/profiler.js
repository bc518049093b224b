'use strict';

// CPU profiles of the running n8n, taken through its inspector (n8n is started with --inspect=127.0.0.1:<port>
// when the profile section runs). This file is both the driver the benchmark talks to and the child process
// that speaks the DevTools protocol (it needs a global WebSocket: run with n8n's Node.js 24).
//   child:  node bench/profiler.js <inspectorPort>   reads "start" / "stop <file>" / "quit" lines on stdin,
//           answers "ok" lines on stdout.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

async function child(port) {
	const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
	const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
	await new Promise((resolve, reject) => {
		socket.onopen = resolve;
		socket.onerror = reject;
	});
	let id = 0;
	const waiting = new Map();
	socket.onmessage = (event) => {
		const message = JSON.parse(event.data);
		if (message.id !== undefined && waiting.has(message.id)) {
			waiting.get(message.id)(message);
			waiting.delete(message.id);
		}
	};
	const send = (method, params = {}) =>
		new Promise((resolve) => {
			waiting.set(++id, resolve);
			socket.send(JSON.stringify({ id, method, params }));
		});
	await send('Profiler.enable');
	await send('Profiler.setSamplingInterval', { interval: 200 });
	let buffer = '';
	process.stdin.on('data', async (chunk) => {
		buffer += chunk;
		let newline;
		while ((newline = buffer.indexOf('\n')) >= 0) {
			const [command, file] = buffer.slice(0, newline).trim().split(' ');
			buffer = buffer.slice(newline + 1);
			if (command === 'start') {
				await send('Profiler.start');
			} else if (command === 'stop') {
				const { result } = await send('Profiler.stop');
				fs.writeFileSync(file, JSON.stringify(result.profile));
			} else if (command === 'quit') {
				socket.close();
				process.stdout.write('ok\n');
				process.exit(0);
			}
			process.stdout.write('ok\n');
		}
	});
	process.stdout.write('ok\n');
}

/** Starts the profiler child against n8n's inspector; returns { start(), stop(file), close() }. */
async function connect(nodeBinary, port) {
	const proc = spawn(nodeBinary, [__filename, String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
	const answers = [];
	let waiter;
	let pending = '';
	proc.stdout.on('data', (chunk) => {
		pending += chunk;
		let newline;
		while ((newline = pending.indexOf('\n')) >= 0) {
			answers.push(pending.slice(0, newline));
			pending = pending.slice(newline + 1);
			if (waiter) waiter();
		}
	});
	const answer = () =>
		new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('the profiler did not answer within 120 s')), 120000);
			const check = () => {
				if (answers.length > 0) {
					clearTimeout(timer);
					waiter = undefined;
					resolve(answers.shift());
				}
			};
			waiter = check;
			check();
		});
	await answer();
	const command = async (line) => {
		proc.stdin.write(`${line}\n`);
		await answer();
	};
	return {
		start: () => command('start'),
		stop: (file) => command(`stop ${path.resolve(file)}`),
		close: async () => {
			await command('quit').catch(() => proc.kill('SIGKILL'));
		},
		pid: proc.pid,
	};
}

if (require.main === module) {
	child(Number(process.argv[2])).catch((error) => {
		console.error(`[profiler] ${error.stack}`);
		process.exit(1);
	});
}

module.exports = { connect };
