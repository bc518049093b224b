export function runtimeLockfiles(): { packageJson: string; packageLock: string };
