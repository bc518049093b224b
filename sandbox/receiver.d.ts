// Types for sandbox/receiver.js.
export interface ReceivedDelivery {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	raw: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
}

export interface WebhookReceiver {
	url: string;
	deliveries: ReceivedDelivery[];
	waitFor(predicate: (d: ReceivedDelivery) => boolean, timeoutMs?: number): Promise<ReceivedDelivery>;
	close(): Promise<void>;
}

export function startWebhookReceiver(options?: {
	host?: string;
	port?: number;
	respond?: (d: ReceivedDelivery) => { status?: number; body?: unknown };
}): Promise<WebhookReceiver>;
