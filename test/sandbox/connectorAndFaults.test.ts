import {
	API_KEY,
	auth,
	baseUrl,
	call,
	jsonInit,
	receiver,
	sandbox,
	shopUrl,
	useSandbox,
	v2,
} from './helpers';

describe('PharmaOne sandbox', () => {
	useSandbox();

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
});
