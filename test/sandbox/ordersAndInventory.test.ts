import { createSandbox } from '../../sandbox/server';
import {
	auth,
	call,
	hmacHex,
	type JsonBody,
	jsonInit,
	ORDER_COUNT,
	receiver,
	sandbox,
	signatureIsValid,
	SIGNING_SECRET,
	useSandbox,
	v2,
} from './helpers';

describe('PharmaOne sandbox', () => {
	useSandbox();

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
