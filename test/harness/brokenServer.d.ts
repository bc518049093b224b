export declare function startBrokenServer(mode: 'cut' | 'drop'): Promise<{ baseUrl: string; requests: string[]; stop(): Promise<void> }>;
