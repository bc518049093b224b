// Types for scripts/lib/n8n-versions.js (plain JavaScript, run by Node.js without a build).

export interface VersionProfile {
	version: string;
	publishing: 'publish' | 'activate';
	env: Record<string, string>;
	cliArgs(args: string[]): string[];
	loginBody(owner: { email: string; password: string }): Record<string, string>;
	publishRequest(id: string, versionId: string): { method: string; urlPath: string; body: Record<string, unknown> };
	executionPaging: { name: 'cursor' | 'lastId'; next(data: { results: Array<{ id: string }>; nextCursor?: string | null }, limit: number): string };
}

export declare const MEASURED: string[];
export declare const CHANGES: Record<string, Array<[string, string]>>;
export declare function forVersion(version: string): VersionProfile;
