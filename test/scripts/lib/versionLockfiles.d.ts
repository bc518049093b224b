export declare function olderVersions(): string[];
export declare function versionFile(version: string, file: string): string;
export declare function resolveFrom(
	packages: Record<string, { version?: string }>,
	from: string,
	name: string,
): { version?: string } | undefined;
