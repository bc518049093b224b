'use strict';

// A lock file one process at a time holds, in plain Node.js (no flock), that survives a crashed holder.
//
// Taking it creates the file exclusively (open 'wx') with the holder's pid, host name and a random token; the
// holder touches it every `heartbeatMs`. A waiter takes over a lock whose holder is gone: the same host and the
// pid no longer runs, or no heartbeat for `staleMs` (another host sharing the folder, a reused pid, a holder
// killed between creating and writing the file). Taking over renames the stale file away and checks it was the
// one judged stale; a lock taken meanwhile by someone else is put back. Used by scripts/n8n-runtime.js.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/**
 * Whether a lock may be taken over. `owner` is the parsed lock file (undefined when unreadable or half
 * written), `ageMs` the time since its last heartbeat.
 */
function isStale(owner, ageMs, { hostname, staleMs, alive }) {
	if (ageMs > staleMs) return true;
	if (!owner || typeof owner.pid !== 'number') return false; // being written right now, or a young corrupt file
	return owner.hostname === hostname && !alive(owner.pid);
}

function readOwner(file) {
	try {
		const stat = fs.statSync(file);
		let owner;
		try {
			owner = JSON.parse(fs.readFileSync(file, 'utf8'));
		} catch {
			owner = undefined;
		}
		return { owner, mtimeMs: stat.mtimeMs };
	} catch (error) {
		if (error.code === 'ENOENT') return undefined;
		throw error;
	}
}

/** Moves a stale lock out of the way; if the file moved was not the one judged stale, puts it back. */
function breakLock(file, staleToken) {
	const aside = `${file}.stale-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
	try {
		fs.renameSync(file, aside);
	} catch (error) {
		if (error.code === 'ENOENT') return; // someone else broke or released it
		throw error;
	}
	const moved = readOwner(aside);
	if (moved && moved.owner?.token !== staleToken) {
		try {
			fs.linkSync(aside, file); // fails if yet another process took the lock meanwhile
		} catch {
			// that process holds it now; the one we moved finds its lock gone when it releases
		}
	}
	fs.rmSync(aside, { force: true });
}

/**
 * Takes the lock at `file`, waiting up to `timeoutMs`; returns { release() }. `onWait(owner)` is called once when
 * the lock is held by another process.
 */
async function acquireLock(file, { timeoutMs = 40 * 60000, staleMs = 120000, heartbeatMs = 10000, pollMs = 500, onWait, alive = processAlive } = {}) {
	const token = crypto.randomBytes(12).toString('hex');
	const hostname = os.hostname();
	const deadline = Date.now() + timeoutMs;
	let waited = false;
	for (;;) {
		try {
			const fd = fs.openSync(file, 'wx');
			fs.writeSync(fd, JSON.stringify({ pid: process.pid, hostname, token, since: new Date().toISOString() }));
			fs.closeSync(fd);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		const current = readOwner(file);
		if (!current) continue;
		if (isStale(current.owner, Date.now() - current.mtimeMs, { hostname, staleMs, alive })) {
			breakLock(file, current.owner?.token);
			continue;
		}
		if (!waited && onWait) onWait(current.owner);
		waited = true;
		if (Date.now() >= deadline) {
			const holder = current.owner ? `pid ${current.owner.pid} on ${current.owner.hostname}` : 'another process';
			throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${holder} to release ${file}`);
		}
		await sleep(pollMs);
	}
	const heartbeat = setInterval(() => {
		const now = new Date();
		try {
			fs.utimesSync(file, now, now);
		} catch {
			// released or taken over; release() reports nothing either way
		}
	}, heartbeatMs);
	heartbeat.unref();
	return {
		token,
		release() {
			clearInterval(heartbeat);
			if (readOwner(file)?.owner?.token === token) fs.rmSync(file, { force: true });
		},
	};
}

module.exports = { acquireLock, isStale, breakLock, processAlive };
