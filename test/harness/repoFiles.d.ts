export declare function hasActionTest(resource: string, operation: string): boolean;
export declare function codeFiles(dir: string): string[];
export declare function filesOver(limit: number, dirs: string[]): string[];
