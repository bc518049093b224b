// File and process helpers for the lock tests (test/scripts/lib/file-lock.test.ts): temporary folders, lock file
// contents and ages, and a separate Node.js process that takes a lock and can then be killed like a crash.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const LOCK_MODULE = path.join(__dirname, '..', '..', 'scripts', 'lib', 'file-lock.js');

function tempDir() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-lock-'));
}

function removeDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
}

/** The parsed lock file, or undefined when there is none. */
function readLock(file) {
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

function writeLock(file, owner, ageMs = 0) {
	fs.writeFileSync(file, typeof owner === 'string' ? owner : JSON.stringify(owner));
	const when = new Date(Date.now() - ageMs);
	fs.utimesSync(file, when, when);
}

function lockAgeMs(file) {
	return Date.now() - fs.statSync(file).mtimeMs;
}

/** Starts a Node.js process that takes the lock at `file` and keeps it; resolves once it holds it. */
function holdLockInChild(file) {
	const script = `require(${JSON.stringify(LOCK_MODULE)}).acquireLock(${JSON.stringify(file)}).then(() => { console.log('held'); setInterval(() => {}, 1000); });`;
	const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the child did not take the lock within 10 s')), 10000);
		child.on('error', reject);
		child.stdout.on('data', (chunk) => {
			if (!String(chunk).includes('held')) return;
			clearTimeout(timer);
			resolve({
				pid: child.pid,
				/** SIGKILL: no handler runs, the lock file stays behind as after a crash. */
				crash: () => new Promise((done) => child.once('exit', () => done(undefined)).kill('SIGKILL')),
			});
		});
	});
}

/** This process: its pid and host name, as a lock it takes records them. */
const self = { pid: process.pid, hostname: os.hostname() };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

module.exports = { self, sleep, tempDir, removeDir, readLock, writeLock, lockAgeMs, holdLockInChild };
