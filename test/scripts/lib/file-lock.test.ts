import { acquireLock, breakLock, isStale } from '../../../scripts/lib/file-lock';
import { holdLockInChild, lockAgeMs, readLock, removeDir, self, sleep, tempDir, writeLock } from '../../harness/lockFiles';

const HOST = self.hostname;
const PID = self.pid;
const FAST = { pollMs: 20, heartbeatMs: 50 };

describe('runtime install lock (scripts/lib/file-lock.js)', () => {
	let dir: string;
	let file: string;

	beforeEach(() => {
		dir = tempDir();
		file = `${dir}/install.lock`;
	});
	afterEach(() => removeDir(dir));

	it('is taken when free, names its holder, and is gone after release', async () => {
		const lock = await acquireLock(file, FAST);
		expect(readLock(file)).toMatchObject({ pid: PID, hostname: HOST, token: lock.token });
		lock.release();
		expect(readLock(file)).toBeUndefined();
	});

	it('makes a second process wait until the first releases it', async () => {
		const first = await acquireLock(file, FAST);
		const onWait = jest.fn();
		let secondHeld = false;
		const second = acquireLock(file, { ...FAST, onWait }).then((lock) => {
			secondHeld = true;
			return lock;
		});
		await sleep(300);
		expect(secondHeld).toBe(false);
		expect(onWait).toHaveBeenCalledTimes(1);
		expect(onWait.mock.calls[0][0]).toMatchObject({ pid: PID, token: first.token });
		first.release();
		const lock = await second;
		expect(readLock(file)?.token).toBe(lock.token);
		lock.release();
	});

	it('gives up after timeoutMs with an error naming the holder', async () => {
		const first = await acquireLock(file, FAST);
		await expect(acquireLock(file, { ...FAST, timeoutMs: 200 })).rejects.toThrow(
			new RegExp(`waiting for pid ${PID} on ${HOST} to release .*install\\.lock`),
		);
		first.release();
	});

	it('is taken over at once when its holder crashed (killed with SIGKILL, lock file left behind)', async () => {
		const holder = await holdLockInChild(file);
		expect(readLock(file)?.pid).toBe(holder.pid);
		await holder.crash();
		expect(readLock(file)?.pid).toBe(holder.pid); // the crash left the file
		// staleMs far away: only "that pid no longer runs" can free it.
		const lock = await acquireLock(file, { ...FAST, staleMs: 3600000, timeoutMs: 5000 });
		expect(readLock(file)).toMatchObject({ pid: PID, token: lock.token });
		lock.release();
	});

	it('waits for a live holder in another process', async () => {
		const holder = await holdLockInChild(file);
		await expect(acquireLock(file, { ...FAST, timeoutMs: 300 })).rejects.toThrow(`pid ${holder.pid}`);
		await holder.crash();
	});

	it('is taken over when its heartbeat stopped (a holder on another host, or a reused pid)', async () => {
		writeLock(file, { pid: 1, hostname: 'another-host', token: 'dummy-old-token' }, 10000);
		const lock = await acquireLock(file, { ...FAST, staleMs: 5000, timeoutMs: 2000, alive: () => true });
		expect(readLock(file)?.token).toBe(lock.token);
		lock.release();
	});

	it('keeps its heartbeat fresh while held, so a live holder is never taken over', async () => {
		const first = await acquireLock(file, { ...FAST, heartbeatMs: 50 });
		await sleep(600);
		expect(lockAgeMs(file)).toBeLessThan(300);
		await expect(acquireLock(file, { ...FAST, staleMs: 400, timeoutMs: 300, alive: () => true })).rejects.toThrow('timed out');
		first.release();
	});

	it('takes over a half-written lock file only once it is older than staleMs', async () => {
		writeLock(file, '', 0);
		await expect(acquireLock(file, { ...FAST, staleMs: 5000, timeoutMs: 200 })).rejects.toThrow('another process');
		writeLock(file, '', 10000);
		const lock = await acquireLock(file, { ...FAST, staleMs: 5000, timeoutMs: 2000 });
		lock.release();
	});

	it('does not remove a lock that another process took after it was judged stale', () => {
		writeLock(file, { pid: PID, hostname: HOST, token: 'dummy-new-token' });
		breakLock(file, 'dummy-stale-token');
		expect(readLock(file)?.token).toBe('dummy-new-token');
		breakLock(file, 'dummy-new-token');
		expect(readLock(file)).toBeUndefined();
	});

	it('isStale: a dead pid on this host or a stopped heartbeat; never a young unreadable file', () => {
		const options = { hostname: HOST, staleMs: 1000, alive: (pid: number) => pid === 42 };
		expect(isStale({ pid: 42, hostname: HOST }, 10, options)).toBe(false);
		expect(isStale({ pid: 43, hostname: HOST }, 10, options)).toBe(true);
		expect(isStale({ pid: 43, hostname: 'another-host' }, 10, options)).toBe(false);
		expect(isStale({ pid: 42, hostname: HOST }, 1001, options)).toBe(true);
		expect(isStale(undefined, 10, options)).toBe(false);
		expect(isStale(undefined, 1001, options)).toBe(true);
	});
});
