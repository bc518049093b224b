import * as crypto from 'node:crypto';

import { startWebhookReceiver } from '../../sandbox/receiver';
import type { WebhookReceiver } from '../../sandbox/receiver';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonBody = any;

interface CallResult {
	status: number;
	body: JsonBody;
	headers: Headers;
}

const API_KEY = 'dummy-sandbox-api-key';
const JWT_KEY = 'dummy-sandbox-jwt-key';
const SIGNING_SECRET = 'dummy-sandbox-signing-secret';
const ORDER_COUNT = 450;

async function call(url: string, init: RequestInit = {}): Promise<CallResult> {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: JsonBody = text;
	try {
		body = JSON.parse(text);
	} catch {
		// keep the text
	}
	return { status: response.status, body, headers: response.headers };
}

function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
	return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function hmacHex(secret: string, data: string | Buffer): string {
	return crypto.createHmac('sha256', secret).update(data).digest('hex');
}

/** Verifies X-PharmaOne-Signature over the exact raw body, in constant time. */
function signatureIsValid(raw: string, header: unknown): boolean {
	const expected = Buffer.from(`sha256=${hmacHex(SIGNING_SECRET, Buffer.from(raw, 'utf8'))}`);
	const given = Buffer.from(String(header ?? ''));
	return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

describe('PharmaOne sandbox', () => {
	let sandbox: Sandbox;
	let baseUrl: string;
	let shopUrl: string;
	let v2: string;
	let auth: Record<string, string>;
	let receiver: WebhookReceiver;

	async function newToken(): Promise<string> {
		const res = await call(`${v2}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
		expect(res.status).toBe(200);
		return res.body.access_token as string;
	}

	beforeAll(async () => {
		receiver = await startWebhookReceiver({
			respond: (d) => (signatureIsValid(d.raw, d.headers['x-pharmaone-signature']) ? { status: 200 } : { status: 401 }),
		});
		sandbox = createSandbox({ orderCount: ORDER_COUNT, seed: 7, webhookRetryDelaysMs: [20, 40] });
		({ baseUrl, shopUrl } = await sandbox.start());
		v2 = `${baseUrl}/api/v2/public/orgs/org1`;
		sandbox.addSubscription({ url: receiver.url });
		auth = { Authorization: `Bearer ${await newToken()}` };
	});

	afterAll(async () => {
		await sandbox.stop();
		await receiver.close();
	});

	afterEach(() => {
		sandbox.clearFaults();
	});

	describe('authentication', () => {
		it('accepts the API key in the apikey header, the X-API-Key header and the apikey query', async () => {
			const viaHeader = await call(`${v2}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
			const viaXHeader = await call(`${v2}/auth/token`, { method: 'POST', headers: { 'X-API-Key': API_KEY } });
			const viaQuery = await call(`${v2}/auth/token?apikey=${API_KEY}`, { method: 'POST' });
			for (const res of [viaHeader, viaXHeader, viaQuery]) {
				expect(res.status).toBe(200);
				expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
			}
		});

		it('answers a missing or wrong key with the Kong 401 body', async () => {
			for (const headers of [{}, { apikey: 'dummy-wrong-key' }] as Array<Record<string, string>>) {
				const res = await call(`${v2}/auth/token`, { method: 'POST', headers });
				expect(res.status).toBe(401);
				expect(res.body).toEqual({ message: 'Unauthorized', request_id: expect.stringMatching(/^[0-9a-f]{16,}$/) });
			}
		});

		it('refuses a key used for another organization', async () => {
			const res = await call(`${baseUrl}/api/v2/public/orgs/org2/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: 'Invalid or missing API key' });
		});

		it('issues an HS256 JWT with the documented claims, all scopes and a unique jti', async () => {
			const first = await newToken();
			const second = await newToken();
			const [head, payload, signature] = first.split('.');
			expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
			expect(Buffer.from(hmacHex(JWT_KEY, `${head}.${payload}`), 'hex').toString('base64url')).toBe(signature);
			const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
			expect(claims).toMatchObject({ org_id: 'org1', iss: 'pharmaone-integration', sub: 'integration' });
			expect(claims.exp - claims.iat).toBe(3600);
			expect([...claims.scopes].sort()).toEqual(
				[
					'inventory.read',
					'inventory.write',
					'order_requests.write',
					'orders.read',
					'orders.write',
					'prescriptions.read',
					'prescriptions.write',
					'products.read',
					'products.write',
					'reports.read',
				].sort(),
			);
			const secondClaims = JSON.parse(Buffer.from(second.split('.')[1], 'base64url').toString());
			expect(secondClaims.jti).not.toBe(claims.jti);
		});

		it('rejects missing, malformed, expired and revoked tokens with invalid_token', async () => {
			expect((await call(`${v2}/shops`)).body.error).toBe('invalid_token');
			const bad = await call(`${v2}/shops`, { headers: { Authorization: 'Bearer dummy.not.valid' } });
			expect(bad.status).toBe(401);
			expect(bad.body).toEqual({ error: 'invalid_token', message: expect.any(String) });

			sandbox.setFaults({ tokenTtlSeconds: 0 });
			const expired = await newToken();
			sandbox.clearFaults();
			expect((await call(`${v2}/shops`, { headers: { Authorization: `Bearer ${expired}` } })).status).toBe(401);

			const token = await newToken();
			const headers = { Authorization: `Bearer ${token}` };
			expect((await call(`${v2}/shops`, { headers })).status).toBe(200);
			sandbox.revokeTokens();
			const revoked = await call(`${v2}/shops`, { headers });
			expect(revoked.status).toBe(401);
			expect(revoked.body.error).toBe('invalid_token');
			auth = { Authorization: `Bearer ${await newToken()}` };
			expect((await call(`${v2}/shops`, { headers: auth })).status).toBe(200);
		});

		it('a revoked API key is refused at the exchange and every token it had is revoked, until restored', async () => {
			const token = await newToken();
			sandbox.revokeKey();
			try {
				expect((await call(`${v2}/shops`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
				const exchange = await call(`${v2}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
				expect(exchange.status).toBe(401);
				expect(exchange.body.message).toBe('Unauthorized');
			} finally {
				sandbox.restoreKey();
			}
			auth = { Authorization: `Bearer ${await newToken()}` };
			expect((await call(`${v2}/shops`, { headers: auth })).status).toBe(200);
		});

		it('answers org_mismatch when the URL orgId differs from the token org_id', async () => {
			const res = await call(`${baseUrl}/api/v2/public/orgs/org2/shops`, { headers: auth });
			expect(res.status).toBe(403);
			expect(res.body).toEqual({ error: 'org_mismatch', message: 'Token org_id does not match URL orgId' });
		});

		it('answers insufficient_scope when the token lacks the route scope', async () => {
			const limited = createSandbox({ orderCount: 3, scopes: ['orders.read'] });
			try {
				const { baseUrl: limitedBase } = await limited.start();
				const base = `${limitedBase}/api/v2/public/orgs/org1`;
				const token = (await call(`${base}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } })).body
					.access_token;
				const headers = { Authorization: `Bearer ${token}` };
				expect((await call(`${base}/orders`, { headers })).status).toBe(200);
				const res = await call(`${base}/inventory`, { headers });
				expect(res.status).toBe(403);
				expect(res.body).toEqual({ error: 'insufficient_scope', message: 'Missing scope: inventory.read' });
			} finally {
				await limited.stop();
			}
		});
	});

	describe('reads', () => {
		it('lists shops with the documented shape', async () => {
			const res = await call(`${v2}/shops`, { headers: auth });
			expect(res.body.data).toContainEqual({ shop_id: 'shop1', name: 'Demo Shop', is_active: true });
			expect(res.body.data.some((s: JsonBody) => s.is_active === false)).toBe(true);
		});

		it('pages orders by limit/offset, clamps limit to 200 and reports the total', async () => {
			const first = await call(`${v2}/orders`, { headers: auth });
			expect(first.body.pagination).toEqual({ limit: 50, offset: 0, total: ORDER_COUNT });
			expect(Object.keys(first.body.data[0]).sort()).toEqual(
				['created_at', 'customer_name', 'external_id', 'id', 'payment_status', 'shop_id', 'status', 'total_amount', 'updated_at'].sort(),
			);
			const ids = new Set<string>();
			const updated: string[] = [];
			for (let offset = 0; ; offset += 200) {
				const page = await call(`${v2}/orders?limit=1000&offset=${offset}`, { headers: auth });
				expect(page.body.pagination.limit).toBe(200);
				expect(page.body.data.length).toBeLessThanOrEqual(200);
				for (const o of page.body.data) {
					ids.add(o.id);
					updated.push(o.updated_at);
				}
				if (page.body.data.length < 200) break;
			}
			expect(ids.size).toBe(ORDER_COUNT);
			expect([...updated].sort().reverse()).toEqual(updated);
			const filtered = await call(`${v2}/orders?status=awaiting_packing&shop_id=shop1&limit=200`, { headers: auth });
			expect(filtered.body.data.every((o: JsonBody) => o.status === 'awaiting_packing' && o.shop_id === 'shop1')).toBe(true);
			expect(filtered.body.pagination.total).toBe(filtered.body.data.length);
		});

		it('returns order details and a not_found body for unknown orders', async () => {
			const [summary] = (await call(`${v2}/orders?limit=1`, { headers: auth })).body.data;
			const detail = await call(`${v2}/orders/${summary.id}`, { headers: auth });
			expect(detail.body).toMatchObject({ id: summary.id, shipping_address: { city: expect.any(String) } });
			expect(detail.body.items[0]).toEqual({ p1_id: expect.any(String), name: expect.any(String), quantity: expect.any(Number), price: expect.any(Number) });
			expect(detail.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
			const missing = await call(`${v2}/orders/ORD_20260101_missing000`, { headers: auth });
			expect(missing.status).toBe(404);
			expect(missing.body).toEqual({ error: 'not_found', message: 'Order ORD_20260101_missing000 not found' });
		});

		it('ignores offset when the ignorePaging fault is on', async () => {
			sandbox.setFaults({ ignorePaging: true });
			const a = await call(`${v2}/orders?limit=5&offset=0`, { headers: auth });
			const b = await call(`${v2}/orders?limit=5&offset=100`, { headers: auth });
			expect(b.body.data).toEqual(a.body.data);
		});
	});

	describe('writes and webhooks', () => {
		it('patches an order status and delivers a signed order_status_updated webhook', async () => {
			const list = await call(`${v2}/orders?status=awaiting_packing&limit=1`, { headers: auth });
			const orderId = list.body.data[0].id;
			const res = await call(`${v2}/orders/${orderId}/status`, jsonInit('PATCH', { status: 'ready_pickup' }, auth));
			expect(res.body).toEqual({ id: orderId, status: 'ready_pickup', old_status: 'awaiting_packing' });
			const newest = await call(`${v2}/orders?limit=1`, { headers: auth });
			expect(newest.body.data[0]).toMatchObject({ id: orderId, status: 'ready_pickup' });

			const delivery = await receiver.waitFor(
				(d) => d.body?.metadata?.order_id === orderId && d.body.event_type === 'order_status_updated',
			);
			expect(signatureIsValid(delivery.raw, delivery.headers['x-pharmaone-signature'])).toBe(true);
			expect(delivery.headers['content-type']).toBe('application/json');
			expect(delivery.headers['x-pharmaone-event']).toBe('order_status_updated');
			expect(delivery.headers['x-pharmaone-delivery-id']).toMatch(/^[0-9a-f-]{36}$/);
			expect(delivery.headers['x-pharmaone-signature']).toBe(`sha256=${hmacHex(SIGNING_SECRET, delivery.raw)}`);
			expect(delivery.body).toMatchObject({
				org_id: 'org1',
				title: 'Order status updated',
				metadata: { order_id: orderId, old_status: 'awaiting_packing', new_status: 'ready_pickup' },
			});
			await sandbox.flushWebhooks();
			expect(sandbox.stats().webhooks.sent).toBeGreaterThan(0);
		});

		it('adjusts stock, appends to the log and refuses to go below zero', async () => {
			const before = (await call(`${v2}/inventory`, { headers: auth })).body.data.find((r: JsonBody) => r.p1_id === 12345);
			expect(before).toMatchObject({ stockquantity: 50, log_entries: expect.any(Number) });
			const adjust = await call(
				`${v2}/inventory/adjust`,
				jsonInit('POST', { p1_id: '12345', delta_on_hand: -46, reason: 'POS sale', shop_id: 'shop1' }, auth),
			);
			expect(adjust.body).toEqual({ status: 'ok', id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
			const after = (await call(`${v2}/inventory`, { headers: auth })).body.data.find((r: JsonBody) => r.p1_id === 12345);
			expect(after.stockquantity).toBe(4);
			expect(after.log_entries).toBe(before.log_entries + 1);
			const log = await call(`${v2}/inventory/12345/log`, { headers: auth });
			expect(log.body.data[0]).toEqual({
				id: adjust.body.id,
				p1_id: 12345,
				shop_id: 'shop1',
				delta_on_hand: -46,
				delta_incoming: 0,
				reason: 'POS sale',
				created_at: expect.any(String),
			});
			const refused = await call(`${v2}/inventory/adjust`, jsonInit('POST', { p1_id: '12345', delta_on_hand: -5, reason: 'POS sale' }, auth));
			expect(refused.status).toBe(409);
			expect(refused.body).toEqual({ error: 'insufficient_stock', message: 'Stock cannot go below zero' });
			const lowStock = await receiver.waitFor((d) => d.body?.event_type === 'low_stock');
			expect(lowStock.body.metadata).toMatchObject({ p1_id: '12345', stock_quantity: 4 });
			expect((await call(`${v2}/inventory/99999999/log`, { headers: auth })).status).toBe(404);
		});

		it('upserts orders idempotently by external_id and shop_id', async () => {
			const body = { shop_id: 'shop1', external_id: 'POS-DUMMY-1', customer_name: 'Max Muster', items: [{ p1_id: '12345', qty: 2, price: 8.99 }] };
			const created = await call(`${v2}/orders`, jsonInit('POST', body, auth));
			expect(created.body).toMatchObject({ external_id: 'POS-DUMMY-1', shop_id: 'shop1', created: true });
			const again = await call(`${v2}/orders`, jsonInit('POST', { ...body, customer_name: 'Max Updated' }, auth));
			expect(again.body).toMatchObject({ id: created.body.id, created: false });
			const otherShop = await call(`${v2}/orders`, jsonInit('POST', { ...body, shop_id: 'shop2' }, auth));
			expect(otherShop.body.id).not.toBe(created.body.id);
			const detail = await call(`${v2}/orders/${created.body.id}`, { headers: auth });
			expect(detail.body).toMatchObject({ customer_name: 'Max Updated', total_amount: 17.98 });
			expect(detail.body.items[0]).toMatchObject({ p1_id: '12345', quantity: 2 });
			const total = (await call(`${v2}/orders?limit=1`, { headers: auth })).body.pagination.total;
			expect(total).toBe(ORDER_COUNT + 2);
		});
	});

	describe('order requests and the shop connector', () => {
		const envelope = {
			external_reference: 'POS-123',
			source: 'n8n',
			payload: { shop_id: 'shop1', customer_email: 'max@example.com', items: [{ name: 'Product name', quantity: 5, p1_id: '12345' }] },
		};

		it('accepts a v1 order request with only the API key', async () => {
			const url = `${baseUrl}/api/v1/public/orgs/org1/order-requests`;
			const res = await call(url, jsonInit('POST', envelope, { apikey: API_KEY }));
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ id: expect.stringMatching(/^req_/), status: 'pending', message: 'Order request received', external_reference: 'POS-123' });
			expect((await call(url, jsonInit('POST', envelope))).status).toBe(401);
			const v2Request = await call(`${v2}/order-requests`, jsonInit('POST', envelope, { apikey: API_KEY }));
			expect(v2Request.status).toBe(401);
			expect((await call(`${v2}/order-requests`, jsonInit('POST', envelope, auth))).status).toBe(200);
		});

		it('serves the connector on the shop port only and rejects shop_id in the body', async () => {
			const payload: Record<string, unknown> = { ...envelope.payload };
			delete payload.shop_id;
			const ok = await call(`${shopUrl}/api/v1/external-order`, jsonInit('POST', { ...envelope, payload }, { 'X-API-Key': API_KEY }));
			expect(ok.status).toBe(200);
			expect(ok.body).toMatchObject({ id: expect.any(String), status: 'pending', external_reference: 'POS-123' });
			const rejected = await call(`${shopUrl}/api/v1/external-order`, jsonInit('POST', envelope, { apikey: API_KEY }));
			expect(rejected.status).toBe(400);
			expect(rejected.body.error).toBe('validation_error');
			expect((await call(`${shopUrl}/api/v1/external-order`, jsonInit('POST', { payload }))).status).toBe(401);
			expect((await call(`${baseUrl}/api/v1/external-order`, jsonInit('POST', { payload }, { apikey: API_KEY }))).status).toBe(404);
		});

		it('validates order requests, queries and JSON bodies with 400s', async () => {
			const post = (body: unknown) => call(`${v2}/order-requests`, jsonInit('POST', body, auth));
			expect((await post({})).body).toEqual({ error: 'validation_error', message: 'payload is required' });
			expect((await post({ payload: { customer_name: 'A', items: [{ name: 'x', quantity: 1 }] } })).status).toBe(400);
			expect((await post({ payload: { shop_id: 'shop1', items: [{ name: 'x', quantity: 1 }] } })).status).toBe(400);
			expect((await post({ payload: { shop_id: 'shop1', customer_name: 'A', items: [{ name: 'x', quantity: 0 }] } })).status).toBe(400);
			const notPdf = Buffer.from('dummy text').toString('base64');
			expect((await post({ payload: { shop_id: 'shop1', customer_name: 'A', prescription_pdf_base64: notPdf } })).status).toBe(400);
			const pdf = Buffer.from('%PDF-1.4 dummy').toString('base64');
			expect((await post({ payload: { shop_id: 'shop1', customer_name: 'A', prescription_pdf_base64: pdf } })).status).toBe(200);

			const noShop = await call(`${v2}/products`, { headers: auth });
			expect(noShop.status).toBe(400);
			expect(noShop.body).toEqual({ error: 'validation_error', message: 'shop_id is required' });
			expect((await call(`${v2}/inventory/adjust`, jsonInit('POST', { p1_id: '12345' }, auth))).status).toBe(400);
			expect((await call(`${v2}/inventory/12345/history?days=0`, { headers: auth })).status).toBe(400);
			expect((await call(`${v2}/reports/stats?from=2026-13-01`, { headers: auth })).status).toBe(400);
			expect((await call(`${v2}/reports/pharmaone?month=2026-6`, { headers: auth })).status).toBe(400);
			const badJson = await call(`${v2}/orders`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{"shop_id":' });
			expect(badJson.status).toBe(400);
			expect(badJson.body).toEqual({ error: 'invalid_json' });
		});
	});

	describe('faults and sandbox admin API', () => {
		it('answers every Nth request with 429 and Retry-After', async () => {
			sandbox.setFaults({ rateLimit: { everyN: 2, retryAfterSeconds: 7 } });
			const first = await call(`${v2}/shops`, { headers: auth });
			const second = await call(`${v2}/shops`, { headers: auth });
			const third = await call(`${v2}/shops`, { headers: auth });
			expect([first.status, second.status, third.status]).toEqual([200, 429, 200]);
			expect(second.headers.get('retry-after')).toBe('7');
		});

		it('fails the next N requests and injects server errors deterministically', async () => {
			sandbox.setFaults({ failNextRequests: { count: 2, status: 503, retryAfterSeconds: 1 } });
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await call(`${v2}/shops`, { headers: auth })).status);
			expect(statuses).toEqual([503, 503, 200]);
			sandbox.setFaults({ failNextRequests: null, serverError: { everyN: 3, status: 502 } });
			const more = [];
			for (let i = 0; i < 3; i++) more.push((await call(`${v2}/shops`, { headers: auth })).status);
			expect(more).toEqual([200, 200, 502]);
		});

		it('sends admin test deliveries with bad signatures and repeated delivery ids', async () => {
			const good = await call(`${baseUrl}/__sandbox/deliver`, jsonInit('POST', { event_type: 'order_created', metadata: { order_id: 'ORD_X' }, deliveryId: 'dummy-delivery-1' }));
			expect(good.body.results).toEqual([expect.objectContaining({ url: receiver.url, status: 200 })]);
			const bad = await call(`${baseUrl}/__sandbox/deliver`, jsonInit('POST', { event_type: 'order_created', deliveryId: 'dummy-delivery-1', signatureOverride: 'sha256=00' }));
			expect(bad.body.results[0].status).toBe(401);
			// The refused copy may be retried by the sandbox's bounded redelivery, so count signatures, not copies.
			const withId = receiver.deliveries.filter((d) => d.headers['x-pharmaone-delivery-id'] === 'dummy-delivery-1');
			const signatures = new Set(withId.map((d) => d.headers['x-pharmaone-signature']));
			expect(signatures.size).toBe(2);
			expect(signatures.has('sha256=00')).toBe(true);
		});

		it('a test delivery to a URL without metadata describes a real order that became ready for pickup', async () => {
			const res = await call(`${baseUrl}/__sandbox/deliver`, jsonInit('POST', { url: receiver.url }));
			expect(res.body.results).toEqual([expect.objectContaining({ url: receiver.url, status: 200 })]);
			expect(res.body.event.event_type).toBe('order_status_updated');
			expect(res.body.event.metadata).toEqual({ order_id: expect.any(String), old_status: 'awaiting_packing', new_status: 'ready_pickup' });
			expect(sandbox.state.orders.byId.has(res.body.event.metadata.order_id)).toBe(true);
			const other = await call(`${baseUrl}/__sandbox/deliver`, jsonInit('POST', { url: receiver.url, event_type: 'low_stock' }));
			expect(other.body.event.metadata).toEqual({});
		});

		it('changes an order status through the admin API and reports stats', async () => {
			const [order] = (await call(`${v2}/orders?status=pending&limit=1`, { headers: auth })).body.data;
			const res = await call(`${baseUrl}/__sandbox/orders/${order.id}/status`, jsonInit('POST', { status: 'awaiting_packing' }));
			expect(res.body).toEqual({ id: order.id, status: 'awaiting_packing', old_status: 'pending' });
			await receiver.waitFor((d) => d.body?.metadata?.order_id === order.id);
			const stats = (await call(`${baseUrl}/__sandbox/stats`)).body;
			expect(stats.requests['GET /orders']).toBeGreaterThan(0);
			expect(stats.tokenExchanges).toBeGreaterThan(0);
			expect((await call(`${baseUrl}/no/such/route`)).status).toBe(404);
		});
	});

	it('seeds 10,000 orders and pages them at limit 200 in exactly 50 pages', async () => {
		const big = createSandbox({ orderCount: 10000, seed: 3 });
		try {
			const { baseUrl: bigBase } = await big.start();
			const base = `${bigBase}/api/v2/public/orgs/org1`;
			const headers = { Authorization: `Bearer ${big.issueToken()}` };
			let seen = 0;
			let pages = 0;
			for (let offset = 0; offset < 10200; offset += 200) {
				const page = await call(`${base}/orders?limit=200&offset=${offset}`, { headers });
				expect(page.body.pagination.total).toBe(10000);
				if (page.body.data.length === 0) break;
				pages++;
				seen += page.body.data.length;
			}
			expect(seen).toBe(10000);
			expect(pages).toBe(50);
		} finally {
			await big.stop();
		}
	});
});
