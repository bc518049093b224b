// Types for the plain-JavaScript PharmaOne sandbox (sandbox/server.js).

export interface SandboxFaults {
	latencyMs?: number;
	rateLimit?: { everyN: number; retryAfterSeconds?: number } | null;
	serverError?: { everyN: number; status?: number; retryAfterSeconds?: number } | null;
	tokenTtlSeconds?: number | null;
	ignorePaging?: boolean | null;
	failNextRequests?: { count: number; status?: number; retryAfterSeconds?: number } | null;
	/** The next `count` writes (not GETs, not the token exchange) are applied, then answered `status` (502) or dropped. */
	failAfterApplying?: { count: number; status?: number; drop?: boolean } | null;
}

/** Where the docs are silent, which plausible behaviour the sandbox shows. */
export interface SandboxBehaviour {
	/** `GET /orders` and `GET /prescriptions`: newest first by update (default) or by creation. */
	listOrder?: 'updated' | 'created';
	/** `created_at` of an order created by `POST /orders`: its `order_datetime` (default) or the time it arrived. */
	upsertCreatedAt?: 'order_datetime' | 'now';
	/** `POST /inventory/adjust` answers `{status, id}` as documented (default), or also with `stockquantity`. */
	adjustAnswer?: 'documented' | 'level';
}

/** What a repeated external_reference (same shop) gets: another request, the first one, or a 409. */
export type DuplicateExternalReference = 'create' | 'return' | 'reject';

export interface SandboxOptions extends SandboxBehaviour {
	host?: string;
	port?: number;
	shopPort?: number;
	orgId?: string;
	apiKey?: string;
	jwtSecret?: string;
	signingSecret?: string;
	seed?: number;
	/** Catalogue products (default 40); three in four are in the organization inventory. */
	productCount?: number;
	orderCount?: number;
	prescriptionCount?: number;
	now?: string;
	latencyMs?: number;
	faults?: SandboxFaults;
	webhookUrls?: string[];
	scopes?: string[];
	connectorShopId?: string;
	lowStockThreshold?: number;
	webhookTimeoutMs?: number;
	webhookRetryDelaysMs?: number[];
	/**
	 * A valid key used with another organization's ID (undocumented): `token-401` (default) the token
	 * exchange answers 401; `token-403` it answers 403 org_mismatch; `route-403` it issues a token for the
	 * key's organization and v2 routes answer 403 org_mismatch.
	 */
	keyOrgMismatch?: 'token-401' | 'token-403' | 'route-403';
	/** The connector's status for an order it refuses as invalid (undocumented): 400 (default) or 422. */
	connectorInvalidStatus?: 400 | 422;
	duplicateExternalReference?: DuplicateExternalReference;
}

export interface SandboxSubscription {
	id: string;
	url: string;
	events: string[];
	secret: string;
}

export interface SandboxStats {
	requests: Record<string, number>;
	totalRequests: number;
	tokenExchanges: number;
	faultsInjected: number;
	webhooks: { sent: number; failed: number; attempts: number };
}

export interface SandboxDeliverySpec {
	event_type?: string;
	metadata?: Record<string, unknown>;
	title?: string;
	description?: string;
	deliveryId?: string;
	signatureOverride?: string;
	rawBodyOverride?: string;
	url?: string;
	secret?: string;
}

export interface SandboxDeliveryResult {
	delivery_id: string;
	event: Record<string, unknown> | null;
	results: Array<{ url: string; status: number; body?: string; error?: string }>;
}

export interface Sandbox {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	state: any;
	options: Required<Pick<SandboxOptions, 'orgId' | 'apiKey' | 'jwtSecret' | 'signingSecret'>> & SandboxOptions;
	start(): Promise<{ baseUrl: string; shopUrl: string }>;
	stop(): Promise<void>;
	info(): Record<string, unknown>;
	getFaults(): SandboxFaults;
	setFaults(partial: SandboxFaults): SandboxFaults;
	clearFaults(): SandboxFaults;
	getBehaviour(): Required<SandboxBehaviour>;
	setBehaviour(partial: SandboxBehaviour): Required<SandboxBehaviour>;
	setDuplicateExternalReference(mode: DuplicateExternalReference): void;
	setTokenScopes(scopes: string[] | null): void;
	issueToken(options?: { scopes?: string[]; orgId?: string; ttlSeconds?: number }): string;
	revokeTokens(): void;
	/** The API key is refused (Kong 401) and every token revoked, until restoreKey(). */
	revokeKey(): void;
	restoreKey(): void;
	addSubscription(sub: { url: string; events?: string[]; secret?: string }): SandboxSubscription;
	changeOrderStatus(
		orderId: string,
		newStatus: string | Record<string, unknown>,
	): { id: string; status: string; old_status: string };
	deliver(spec: SandboxDeliverySpec): Promise<SandboxDeliveryResult>;
	flushWebhooks(): Promise<void>;
	stats(): SandboxStats;
	resetStats(): void;
}

export const ALL_SCOPES: string[];
export function createSandbox(options?: SandboxOptions): Sandbox;
