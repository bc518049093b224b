// Types for scripts/lib/file-lock.js (plain JavaScript, run by Node.js without a build).

export interface LockOwner {
	pid: number;
	hostname: string;
	token: string;
	since: string;
}

export interface LockOptions {
	timeoutMs?: number;
	staleMs?: number;
	heartbeatMs?: number;
	pollMs?: number;
	onWait?: (owner: LockOwner | undefined) => void;
	alive?: (pid: number) => boolean;
}

export interface HeldLock {
	token: string;
	release(): void;
}

export declare function acquireLock(file: string, options?: LockOptions): Promise<HeldLock>;
export declare function isStale(
	owner: Partial<LockOwner> | undefined,
	ageMs: number,
	options: { hostname: string; staleMs: number; alive: (pid: number) => boolean },
): boolean;
export declare function breakLock(file: string, staleToken: string | undefined): void;
export declare function processAlive(pid: number): boolean;
