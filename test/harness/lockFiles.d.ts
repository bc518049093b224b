import type { LockOwner } from '../../scripts/lib/file-lock';

export function tempDir(): string;
export function removeDir(dir: string): void;
export function readLock(file: string): LockOwner | undefined;
export function writeLock(file: string, owner: Partial<LockOwner> | string, ageMs?: number): void;
export function lockAgeMs(file: string): number;
export function holdLockInChild(file: string): Promise<{ pid: number; crash(): Promise<void> }>;
export const self: { pid: number; hostname: string };
export function sleep(ms: number): Promise<void>;
