export declare function documentedRoutes(withScopes?: boolean): string[];
