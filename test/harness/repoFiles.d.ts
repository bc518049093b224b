export declare function hasActionTest(resource: string, operation: string): boolean;
