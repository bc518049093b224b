'use strict';

// The services queue mode needs beside n8n (queue.js): Redis and PostgreSQL from Debian's packages (installed with
// apt-get when missing), each on a free 127.0.0.1 port, with its log in the run folder.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');

/** `apt-get update`, then `apt-get install` of one Debian package (bounded; throws with apt-get's error output). */
async function aptInstall(name) {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', name]]) {
		const result = await local.run('apt-get', args, { env, timeoutMs: 10 * 60000 });
		if (result.code !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr.slice(-2000)}`);
	}
}

/** Installs Redis from Debian's packages when redis-server is missing; returns its path. */
async function ensureRedis() {
	const which = quick('bash', ['-c', 'command -v redis-server'], 10000);
	if (which.code === 0) return which.stdout.trim();
	console.log('# redis-server is missing: apt-get update && apt-get install -y redis-server');
	await aptInstall('redis-server');
	const again = quick('bash', ['-c', 'command -v redis-server'], 10000);
	if (again.code !== 0) throw new Error('redis-server is still missing after apt-get install');
	return again.stdout.trim();
}

/** Whether Redis answers PING on 127.0.0.1:port within `timeoutMs`. */
function redisPing(port, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		const done = (value) => {
			socket.destroy();
			resolve(value);
		};
		socket.setTimeout(timeoutMs, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
	});
}

/** A short command run to completion (bounded); { code, stdout, stderr }. */
function quick(command, args, timeoutMs = 120000) {
	const result = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
	return { code: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? result.error.message : ''}` };
}

/** PostgreSQL from Debian's packages (installed when missing): a throw-away cluster on a free port, run as `postgres`. */
async function startPostgres(ctx) {
	const find = () => quick('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1'], 10000);
	let bin = find().stdout.trim();
	if (!bin) {
		console.log('# PostgreSQL is missing: apt-get install -y postgresql');
		await aptInstall('postgresql');
		bin = find().stdout.trim();
	}
	ctx.pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-queue-pg-'));
	fs.chmodSync(ctx.pgDir, 0o755);
	const asPostgres = (args, timeoutMs = 120000) => quick('runuser', ['-u', 'postgres', '--', ...args], timeoutMs);
	quick('chown', ['postgres', ctx.pgDir]);
	const init = asPostgres([`${bin}/initdb`, '-D', path.join(ctx.pgDir, 'data'), '-A', 'trust', '-U', 'n8n', '-E', 'UTF8']);
	if (init.code !== 0) throw new Error(`initdb failed: ${init.stderr.slice(-1000)}`);
	ctx.pgPort = await local.freePort();
	ctx.postgres = local.startBackground('runuser', ['-u', 'postgres', '--', `${bin}/postgres`, '-D', path.join(ctx.pgDir, 'data'), '-p', String(ctx.pgPort),
		'-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${ctx.pgDir}`, '-c', 'fsync=off', '-c', 'max_connections=100'], { logFile: path.join(ctx.userFolder, 'postgres.log') });
	await local.waitFor('PostgreSQL', async () => asPostgres([`${bin}/pg_isready`, '-h', '127.0.0.1', '-p', String(ctx.pgPort)], 5000).code === 0, { timeoutMs: 60000 });
	const created = asPostgres([`${bin}/createdb`, '-h', '127.0.0.1', '-p', String(ctx.pgPort), '-U', 'n8n', 'n8n']);
	if (created.code !== 0) throw new Error(`createdb failed: ${created.stderr.slice(-1000)}`);
	ctx.db = {
		DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(ctx.pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: '',
	};
}

async function startRedis(ctx) {
	const binary = await ensureRedis();
	ctx.redisPort = await local.freePort();
	const args = ['--port', String(ctx.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', ctx.userFolder];
	ctx.redis = local.startBackground(binary, args, { logFile: path.join(ctx.userFolder, 'redis.log') });
	await local.waitFor(`redis-server on 127.0.0.1:${ctx.redisPort}`, async () => {
		if (ctx.redis.exitCode !== null) throw new Error(`redis-server exited with ${ctx.redis.exitCode}; see redis.log`);
		return redisPing(ctx.redisPort);
	}, { timeoutMs: 30000, intervalMs: 200 });
}

module.exports = { startRedis, startPostgres };
