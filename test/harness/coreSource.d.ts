export function coreSourceIncludes(relativePath: string, text: string): boolean;
