import type { IHttpRequestMethods } from 'n8n-workflow';

/**
 * How a route authenticates:
 * - `jwt`: Manager host, `Authorization: Bearer <1-hour JWT>` (credential `pharmaOneApi`)
 * - `apiKey`: Manager host, raw `apikey` header, no JWT (credential `pharmaOneApi`)
 * - `shopApiKey`: the telemedicine shop URL, `apikey` header (credential `pharmaOneShopApi`)
 */
export type RouteAuth = 'jwt' | 'apiKey' | 'shopApiKey';

/** `offset`: limit/offset paging; `page`: limit/page paging; `none`: one response. */
export type RoutePaging = 'none' | 'offset' | 'page';

export interface Route {
	readonly method: IHttpRequestMethods;
	/** Path below the host; `{orgId}` and other `{name}` placeholders are filled URL-encoded. */
	readonly path: string;
	readonly auth: RouteAuth;
	/** Scope the JWT needs (documentation and error messages). */
	readonly scope?: string;
	readonly paging: RoutePaging;
	/** Largest page the API serves, used by Return All. */
	readonly maxPageSize?: number;
	/**
	 * Whether repeating the request after a network error or 5xx cannot duplicate work
	 * (reads, full replacements, the status patch and the keyed upsert).
	 */
	readonly idempotent: boolean;
	/**
	 * What a 404 names, e.g. `Order "{orderId}"`: `{name}` placeholders are filled from the request's path
	 * values, query and body, in that order (see `fillSubject`). Without it, or with a value missing, the
	 * message is the general one.
	 */
	readonly subject?: string;
}

const V2 = '/api/v2/public/orgs/{orgId}';

/**
 * Every PharmaOne route the package covers, in the order of PharmaOne's API documentation
 * (docs/architecture.md says how to add one). Data only: one line per route.
 */
export const ROUTES = {
	auth: {
		token: { method: 'POST', path: `${V2}/auth/token`, auth: 'apiKey', paging: 'none', idempotent: true },
	},
	shop: {
		getAll: { method: 'GET', path: `${V2}/shops`, auth: 'jwt', scope: 'products.read', paging: 'none', idempotent: true },
		attachProduct: { method: 'POST', path: `${V2}/shops/attach-product`, auth: 'jwt', scope: 'products.write', paging: 'none', idempotent: false },
		detachProduct: { method: 'POST', path: `${V2}/shops/detach-product`, auth: 'jwt', scope: 'products.write', paging: 'none', idempotent: false },
		setProductOverrides: { method: 'POST', path: `${V2}/shops/product-overrides`, auth: 'jwt', scope: 'products.write', paging: 'none', idempotent: false, subject: 'Product "{p1_id}" in shop "{shop_id}"' },
	},
	product: {
		getAll: { method: 'GET', path: `${V2}/products`, auth: 'jwt', scope: 'products.read', paging: 'page', maxPageSize: 100, idempotent: true },
		get: { method: 'GET', path: `${V2}/products/{p1Id}`, auth: 'jwt', scope: 'products.read', paging: 'none', idempotent: true, subject: 'Product "{p1Id}" in shop "{shop_id}"' },
		addToInventory: { method: 'POST', path: `${V2}/products/add-to-inventory`, auth: 'jwt', scope: 'products.write', paging: 'none', idempotent: false, subject: 'Product "{p1_id}"' },
		update: { method: 'PUT', path: `${V2}/products/{p1Id}`, auth: 'jwt', scope: 'products.write', paging: 'none', idempotent: true, subject: 'Product "{p1Id}" in the organization inventory' },
	},
	inventory: {
		getAll: { method: 'GET', path: `${V2}/inventory`, auth: 'jwt', scope: 'inventory.read', paging: 'none', idempotent: true },
		adjust: { method: 'POST', path: `${V2}/inventory/adjust`, auth: 'jwt', scope: 'inventory.write', paging: 'none', idempotent: false, subject: 'Product "{p1_id}" in the organization inventory' },
		getLog: { method: 'GET', path: `${V2}/inventory/{p1Id}/log`, auth: 'jwt', scope: 'inventory.read', paging: 'none', idempotent: true, subject: 'Product "{p1Id}" in the organization inventory' },
		getHistory: { method: 'GET', path: `${V2}/inventory/{p1Id}/history`, auth: 'jwt', scope: 'inventory.read', paging: 'none', idempotent: true, subject: 'Product "{p1Id}" in the organization inventory' },
	},
	report: {
		getStats: { method: 'GET', path: `${V2}/reports/stats`, auth: 'jwt', scope: 'reports.read', paging: 'none', idempotent: true },
		getProductPerformance: { method: 'GET', path: `${V2}/reports/product-performance`, auth: 'jwt', scope: 'reports.read', paging: 'none', idempotent: true },
		getProductSales: { method: 'GET', path: `${V2}/reports/product-sales`, auth: 'jwt', scope: 'reports.read', paging: 'none', idempotent: true },
		getPharmaOneFees: { method: 'GET', path: `${V2}/reports/pharmaone`, auth: 'jwt', scope: 'reports.read', paging: 'none', idempotent: true },
	},
	order: {
		getAll: { method: 'GET', path: `${V2}/orders`, auth: 'jwt', scope: 'orders.read', paging: 'offset', maxPageSize: 200, idempotent: true },
		get: { method: 'GET', path: `${V2}/orders/{orderId}`, auth: 'jwt', scope: 'orders.read', paging: 'none', idempotent: true, subject: 'Order "{orderId}"' },
		upsert: { method: 'POST', path: `${V2}/orders`, auth: 'jwt', scope: 'orders.write', paging: 'none', idempotent: true },
		update: { method: 'PUT', path: `${V2}/orders/{orderId}`, auth: 'jwt', scope: 'orders.write', paging: 'none', idempotent: true, subject: 'Order "{orderId}"' },
		updateStatus: { method: 'PATCH', path: `${V2}/orders/{orderId}/status`, auth: 'jwt', scope: 'orders.write', paging: 'none', idempotent: true, subject: 'Order "{orderId}"' },
	},
	orderRequest: {
		create: { method: 'POST', path: `${V2}/order-requests`, auth: 'jwt', scope: 'order_requests.write', paging: 'none', idempotent: false },
		createV1: { method: 'POST', path: '/api/v1/public/orgs/{orgId}/order-requests', auth: 'apiKey', paging: 'none', idempotent: false },
	},
	prescription: {
		getAll: { method: 'GET', path: `${V2}/prescriptions`, auth: 'jwt', scope: 'prescriptions.read', paging: 'offset', maxPageSize: 100, idempotent: true },
		get: { method: 'GET', path: `${V2}/prescriptions/{id}`, auth: 'jwt', scope: 'prescriptions.read', paging: 'none', idempotent: true, subject: 'Prescription "{id}"' },
		create: { method: 'POST', path: `${V2}/prescriptions`, auth: 'jwt', scope: 'prescriptions.write', paging: 'none', idempotent: false },
	},
	telemedicineOrder: {
		create: { method: 'POST', path: '/api/v1/external-order', auth: 'shopApiKey', paging: 'none', idempotent: false },
	},
} as const satisfies Record<string, Record<string, Route>>;


/** Every route of the table, flattened. */
export const ALL_ROUTES: readonly Route[] = Object.values(ROUTES).flatMap((group) => Object.values(group) as Route[]);

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A route's path with its `{placeholders}` filled URL-encoded from `values` (`{orgId}` from
 * `orgId`). Throws naming the placeholder when a value is missing or empty.
 */
export function fillPath(route: Route, values: Record<string, string>, orgId?: string): string {
	return route.path.replace(PLACEHOLDER, (_match, name: string) => {
		const value = name === 'orgId' && orgId !== undefined ? orgId : values[name];
		if (value === undefined || value === '') throw new Error(`Missing value for "${name}" in ${route.path}`);
		return encodeURIComponent(value);
	});
}

/**
 * What a 404 of this request names: the route's `subject` with each `{name}` taken from the first of
 * `sources` (path values, query, body) that has it as text or a number; undefined when the route has none
 * or a value is missing.
 */
export function fillSubject(route: Route, sources: ReadonlyArray<Record<string, unknown> | undefined>): string | undefined {
	let missing = false;
	const subject = route.subject?.replace(PLACEHOLDER, (_match, name: string) => {
		const value = sources.map((source) => source?.[name]).find((candidate) => typeof candidate === 'string' || typeof candidate === 'number');
		if (value === undefined || value === '') missing = true;
		return String(value);
	});
	return missing ? undefined : subject;
}
