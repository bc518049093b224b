// Types for scripts/lib/runtime-select.js (plain JavaScript, run by Node.js without a build).

export type NodeChoice =
	| { source: 'machine'; version: string }
	| { source: 'package'; packageName: string; preferredVersion: string; reason: string }
	| { source: 'unsupported'; reason: string };

export declare const PREFERRED_NODE_VERSION: string;
export declare const NODE_PACKAGES: Record<string, string>;
export declare function parseVersion(text: string): [number, number, number] | undefined;
export declare function compareVersions(a: string, b: string): number;
export declare function satisfies(version: string, range: string): boolean;
export declare function satisfiesAll(version: string, engines: string | string[]): boolean;
export declare function nodePackageName(platform: string, arch: string, options?: { libc?: string }): string | undefined;
export declare function chooseNode(input: {
	platform: string;
	arch: string;
	libc?: string;
	machineVersion: string;
	engines: string | string[];
	preferredVersion?: string;
}): NodeChoice;
export declare function pickPackageVersion(versions: string[], options: { engines: string | string[]; preferredVersion?: string }): string | undefined;
export declare function cacheKey(input: {
	packageJson: string;
	packageLock: string;
	choice: NodeChoice;
	platform: string;
	arch: string;
	modules: string;
}): string;
export declare function n8nFromLock(packageLockText: string): { version: string; engines: string };
export declare const NATIVE_MODULES: string[];
export declare function nodeRequirements(packageLockText: string): { n8nVersion: string; engines: string[]; native: string[] };
export declare function npmCliCandidates(input: { execPath: string; platform: string; env: Record<string, string | undefined> }): string[];
export declare function headerMajor(nodeVersionH: string | undefined): number | undefined;
