import nock from 'nock';

import { PharmaOne } from '../../../../nodes/PharmaOne/PharmaOne.node';
import { EngineHarness } from '../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { pharmaOneMock } from '../../../harness/fakePharmaOne';
import errors from '../../../fixtures/errors.json';
import order from '../../../fixtures/order/get.json';
import orderList from '../../../fixtures/order/getAll.json';
import upserted from '../../../fixtures/order/upsert.json';
import patched from '../../../fixtures/order/updateStatus.json';

const ORDER_ID = order.id;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

/** n orders shaped like the recorded list row, with distinct ids. */
function orderRows(from: number, count: number) {
	return Array.from({ length: count }, (_, k) => ({ ...orderList.data[0], id: `ORD_20260614_${String(from + k).padStart(10, '0')}` }));
}

describe('Order → Get', () => {
	test('GET /orders/{orderId} with Bearer, returns the whole order with pairedItem when Simplify is off', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/${ORDER_ID}`).matchHeader('authorization', mock.bearer(1)).reply(200, order);
		const result = await harness().run({
			parameters: { resource: 'order', operation: 'get', orderId: byId(ORDER_ID), simplify: false },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([order]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('by default the whole order comes back: line items, shipping address and flags', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/${ORDER_ID}`).reply(200, order);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'get', orderId: byId(ORDER_ID) } });
		expect(result.json).toEqual([order]);
		expect(result.json[0].items).toHaveLength(order.items.length);
		expect(result.json[0].shipping_address).toEqual(order.shipping_address);
	});

	test('Simplify keeps identity, status, customer and money, not items, address or flags', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/${ORDER_ID}`).reply(200, order);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'get', orderId: byId(ORDER_ID), simplify: true } });
		expect(result.json).toEqual([
			{
				id: order.id,
				external_id: order.external_id,
				status: order.status,
				shop_id: order.shop_id,
				customer_name: order.customer_name,
				customer_email: order.customer_email,
				total_amount: order.total_amount,
				payment_status: order.payment_status,
				created_at: order.created_at,
				updated_at: order.updated_at,
			},
		]);
	});

	test('the order id is URL-encoded in the path', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/A%2FB%20C`).reply(200, order);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'get', orderId: byId('A/B C') } });
		expect(result.error).toBeUndefined();
		expect(nock.pendingMocks().filter((m) => m.includes('/orders/'))).toEqual([]);
	});

	test('404 names the order', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/ORD_missing`).reply(404, errors.notFound);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'get', orderId: byId('ORD_missing') } });
		expect(result.error?.message).toBe('Order "ORD_missing" was not found');
	});

	test('an empty Order ID fails before any request, naming the parameter and the item', async () => {
		const result = await harness().run({ parameters: { resource: 'order', operation: 'get', orderId: byId('  ') } });
		expect(result.error?.message).toBe('The "Order" parameter is empty (item 1)');
		expect(result.error?.context?.itemIndex).toBe(0);
	});
});

describe('Order → Get Many', () => {
	test('Limit 50: one request with limit=50, filters sent, rows returned as items (not the envelope)', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/orders`)
			.query({ limit: '50', offset: '0', status: 'awaiting_packing', shop_id: 'shop1' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, orderList);
		const result = await harness().run({
			parameters: {
				resource: 'order',
				operation: 'getAll',
				returnAll: false,
				limit: 50,
				filters: { status: 'awaiting_packing', shopId: byId('shop1') },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(orderList.data);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('a status not listed, typed as an expression, is sent as typed', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders`).query({ limit: '5', offset: '0', status: 'shipped' }).reply(200, orderList);
		const result = await harness().run({
			parameters: { resource: 'order', operation: 'getAll', limit: 5, filters: { status: '=shipped' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(orderList.data);
	});

	test('the status filter is one choice: known statuses, no "Other" and no separate Custom Status', () => {
		const filters = new PharmaOne().description.properties.find(
			(property) => property.name === 'filters' && property.displayOptions?.show?.resource?.includes('order'),
		);
		const options = (filters?.options ?? []) as Array<{ name: string; options?: Array<{ value: unknown }> }>;
		expect(options.map((option) => option.name)).toEqual(['status', 'shopId']);
		expect(options[0].options?.map((option) => option.value)).toEqual(['pending', 'awaiting_packing', 'ready_pickup']);
	});

	test('Return All pages with 200 rows per request until the total is reached', async () => {
		const mock = pharmaOneMock();
		const total = 450;
		for (const offset of [0, 200, 400]) {
			const count = Math.min(200, total - offset);
			mock.scope
				.get(`${V2}/orders`)
				.query({ limit: '200', offset: String(offset) })
				.reply(200, { data: orderRows(offset, count), pagination: { limit: 200, offset, total } });
		}
		const result = await harness().run({ parameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(450);
		expect(new Set(result.json.map((row) => row.id)).size).toBe(450);
		expect(nock.pendingMocks().filter((m) => m.includes('/orders'))).toEqual([]);
	});

	test('Limit 250 fetches 200 then 50 and no further page', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders`).query({ limit: '200', offset: '0' }).reply(200, { data: orderRows(0, 200), pagination: { limit: 200, offset: 0, total: 5000 } });
		mock.scope.get(`${V2}/orders`).query({ limit: '50', offset: '200' }).reply(200, { data: orderRows(200, 50), pagination: { limit: 50, offset: 200, total: 5000 } });
		const extra = nock(BASE_URL).get(`${V2}/orders`).query({ limit: '200', offset: '250' }).reply(200, { data: [] });
		const result = await harness().run({ parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 250 } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(250);
		expect(extra.isDone()).toBe(false);
	});

	test('a server that ignores offset (the same page again) does not loop', async () => {
		const mock = pharmaOneMock();
		const page = { data: orderRows(0, 200), pagination: { limit: 200, offset: 0, total: 100000 } };
		mock.scope.get(`${V2}/orders`).query(true).times(2).reply(200, page);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(200);
	});
});

describe('Order → Create or Update', () => {
	test('POST /orders with the upsert key, items using qty, additional fields and the escape hatch', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.post(`${V2}/orders`, (body) => bodies.push(body) > 0)
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, upserted);
		const result = await harness().run({
			parameters: {
				resource: 'order',
				operation: 'upsert',
				shopId: byId('shop1'),
				externalId: 'POS-ORDER-123',
				items: { item: [{ name: 'Example Strain', p1Id: '12345', qty: 5, price: 8.99 }] },
				additionalFields: {
					customer_name: 'Max Mustermann',
					order_datetime: '2026-06-05T12:00:00.000Z',
					total_amount: 44.95,
					additionalBodyFields: '{"order_number": "optional-existing-number", "future_field": true}',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([upserted]);
		expect(bodies).toEqual([
			{
				shop_id: 'shop1',
				external_id: 'POS-ORDER-123',
				customer_name: 'Max Mustermann',
				order_datetime: '2026-06-05T12:00:00.000Z',
				total_amount: 44.95,
				items: [{ name: 'Example Strain', p1_id: '12345', qty: 5, price: 8.99 }],
				order_number: 'optional-existing-number',
				future_field: true,
			},
		]);
	});

	test('items from JSON: p1_id numbers become strings', async () => {
		const mock = pharmaOneMock();
		const bodies: Array<{ items: unknown }> = [];
		mock.scope.post(`${V2}/orders`, (body) => bodies.push(body) > 0).reply(200, upserted);
		const result = await harness().run({
			parameters: {
				resource: 'order',
				operation: 'upsert',
				shopId: byId('shop1'),
				externalId: 'POS-ORDER-124',
				itemsInput: 'json',
				itemsJson: '[{"p1_id": 12345, "qty": 2}]',
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies[0].items).toEqual([{ p1_id: '12345', qty: 2 }]);
	});

	describe('Order Date is read in the workflow\'s time zone and sent as UTC', () => {
		async function sentDate(orderDate: string, timezone?: string, items = [{ json: {} }]) {
			const mock = pharmaOneMock();
			const bodies: Array<{ order_datetime?: string }> = [];
			mock.scope.post(`${V2}/orders`, (body) => bodies.push(body) > 0).reply(200, upserted);
			const result = await harness().run({
				timezone,
				items,
				parameters: {
					resource: 'order',
					operation: 'upsert',
					shopId: byId('shop1'),
					externalId: 'POS-ORDER-125',
					items: { item: [{ name: 'X', qty: 1 }] },
					additionalFields: { order_datetime: orderDate },
				},
			});
			expect(result.error).toBeUndefined();
			return bodies[0]?.order_datetime;
		}

		test.each([
			['2026-11-26T10:15', 'Europe/Berlin', '2026-11-26T09:15:00.000Z'],
			['2026-11-26T10:15:00', 'Europe/Berlin', '2026-11-26T09:15:00.000Z'],
			['2026-07-01T10:15', 'Europe/Berlin', '2026-07-01T08:15:00.000Z'],
			['2026-11-26 10:15', 'America/New_York', '2026-11-26T15:15:00.000Z'],
			['2026-11-26T10:15:00+01:00', 'America/New_York', '2026-11-26T09:15:00.000Z'],
			['2026-06-05T12:00:00.000Z', 'Europe/Berlin', '2026-06-05T12:00:00.000Z'],
		])('%s in a %s workflow is sent as %s', async (value, timezone, expected) => {
			expect(await sentDate(value, timezone)).toBe(expected);
		});

		test('an expression returning a Luxon DateTime or a JS Date keeps its instant', async () => {
			expect(await sentDate('={{ DateTime.fromISO("2026-11-26T10:15", { zone: "Europe/Berlin" }) }}', 'UTC')).toBe('2026-11-26T09:15:00.000Z');
			expect(await sentDate('={{ new Date(Date.UTC(2026, 10, 26, 9, 15)) }}', 'Europe/Berlin')).toBe('2026-11-26T09:15:00.000Z');
		});

		test('an unparseable date names the field and the failing item, and nothing is sent for it', async () => {
			const mock = pharmaOneMock();
			const bodies: Array<{ order_datetime?: string }> = [];
			mock.scope.post(`${V2}/orders`, (body) => bodies.push(body) > 0).times(2).reply(200, upserted);
			const result = await harness().run({
				timezone: 'Europe/Berlin',
				items: [{ json: { at: '2026-11-26T10:15' } }, { json: { at: '31.12.2026 10:00' } }],
				parameters: {
					resource: 'order',
					operation: 'upsert',
					shopId: byId('shop1'),
					externalId: 'POS-ORDER-126',
					items: { item: [{ name: 'X', qty: 1 }] },
					additionalFields: { order_datetime: '={{ $json.at }}' },
				},
			});
			expect(result.error?.message).toBe('Invalid "Order Date" (item 2): "31.12.2026 10:00" is not a date and time such as 2026-11-26T10:15');
			expect(result.error?.description).toMatch(/workflow's time zone \(Europe\/Berlin\)/);
			expect(bodies.map((body) => body.order_datetime)).toEqual(['2026-11-26T09:15:00.000Z']); // item 1 only
		});
	});

	test.each([
		['no items', { items: {} }, 'Invalid "Items" (item 1): Add at least one line item'],
		['quantity 0', { items: { item: [{ name: 'X', qty: 0 }] } }, 'Invalid "Quantity" (item 1): line 1: Quantity must be greater than 0'],
		['malformed additional JSON', { items: { item: [{ name: 'X', qty: 1 }] }, additionalFields: { additionalBodyFields: '{"a": ' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
		['a product ID that is not a P1 ID', { items: { item: [{ name: 'X', qty: 1 }, { p1Id: 'ABC-12', qty: 1 }] } }, 'Invalid "Product ID" in line 2 of "Items" (item 1): "ABC-12" is not a PharmaOne product ID (P1 ID)'],
		['a p1_id in JSON that is not a P1 ID', { itemsInput: 'json', itemsJson: '[{"p1_id": "ABC-12", "qty": 1}]' }, 'Invalid "p1_id" in line 1 of "Items (JSON)" (item 1): "ABC-12" is not a PharmaOne product ID (P1 ID)'],
		['an Order Date that is not a date', { items: { item: [{ name: 'X', qty: 1 }] }, additionalFields: { order_datetime: '31.12.2026 10:00' } }, 'Invalid "Order Date" (item 1): "31.12.2026 10:00" is not a date and time such as 2026-11-26T10:15'],
		['items JSON not an array', { itemsInput: 'json', itemsJson: '{"qty": 1}' }, 'The "Items (JSON)" field must be a JSON array (item 1)'],
		['blank external id from an expression', { externalId: '={{ "  " }}', items: { item: [{ name: 'X', qty: 1 }] } }, 'The "External ID" parameter is empty (item 1)'],
	])('bad input (%s) fails before any request', async (_case, overrides, message) => {
		const result = await harness().run({
			parameters: { resource: 'order', operation: 'upsert', shopId: byId('shop1'), externalId: 'POS-1', ...overrides },
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(0);
	});
});

describe('Order → Update', () => {
	test('PUT /orders/{orderId} with only the fields set, the address nested', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.put(`${V2}/orders/${ORDER_ID}`, (body) => bodies.push(body) > 0).matchHeader('authorization', mock.bearer(1)).reply(200, order);
		const result = await harness().run({
			parameters: {
				resource: 'order',
				operation: 'update',
				orderId: byId(ORDER_ID),
				updateFields: { customer_email: 'max@example.com', city: 'Berlin', postal_code: '10115', additionalBodyFields: '{"note": "gate 2"}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ customer_email: 'max@example.com', shipping_address: { city: 'Berlin', postal_code: '10115' }, note: 'gate 2' }]);
	});

	test('nothing to update fails before any request', async () => {
		const result = await harness().run({ parameters: { resource: 'order', operation: 'update', orderId: byId(ORDER_ID) } });
		expect(result.error?.message).toBe(`Nothing to update for order "${ORDER_ID}" (item 1)`);
	});
});

describe('Order → Update Status', () => {
	test('PATCH /orders/{orderId}/status with status and flags', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.patch(`${V2}/orders/${ORDER_ID}/status`, (body) => bodies.push(body) > 0).matchHeader('authorization', mock.bearer(1)).reply(200, patched);
		const result = await harness().run({
			parameters: { resource: 'order', operation: 'updateStatus', orderId: byId(ORDER_ID), status: 'ready_pickup', options: { picked_up: false, payment_status: 'paid' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([patched]);
		expect(bodies).toEqual([{ status: 'ready_pickup', picked_up: false, payment_status: 'paid' }]);
	});

	test('a custom status is accepted (open enum)', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.patch(`${V2}/orders/${ORDER_ID}/status`, (body) => bodies.push(body) > 0).reply(200, patched);
		const result = await harness().run({
			parameters: { resource: 'order', operation: 'updateStatus', orderId: byId(ORDER_ID), status: '__custom', customStatus: 'handed_to_courier' },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ status: 'handed_to_courier' }]);
	});

	test('insufficient_scope names the missing scope', async () => {
		const mock = pharmaOneMock();
		mock.scope.patch(`${V2}/orders/${ORDER_ID}/status`).reply(403, errors.insufficientScope);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'updateStatus', orderId: byId(ORDER_ID), status: 'ready_pickup' } });
		expect(result.error?.message).toBe('The API key\'s token lacks the scope "orders.write"');
		expect(result.error?.httpCode).toBe('403');
	});

	test('org_mismatch says the Organization ID does not belong to the key', async () => {
		const mock = pharmaOneMock();
		mock.scope.patch(`${V2}/orders/${ORDER_ID}/status`).reply(403, errors.orgMismatch);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'updateStatus', orderId: byId(ORDER_ID), status: 'ready_pickup' } });
		expect(result.error?.message).toBe('The Organization ID in the credential does not belong to this API key');
	});
});

describe('Continue On Fail', () => {
	test('a failing item becomes {error} with pairedItem and the next items still run', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/ORD_a`).reply(200, { ...order, id: 'ORD_a' });
		mock.scope.get(`${V2}/orders/ORD_missing`).reply(404, errors.notFound);
		mock.scope.get(`${V2}/orders/ORD_c`).reply(200, { ...order, id: 'ORD_c' });
		const result = await harness().run({
			continueOnFail: true,
			parameters: { resource: 'order', operation: 'get', orderId: byId('={{ $json.id }}') },
			items: [{ json: { id: 'ORD_a' } }, { json: { id: 'ORD_missing' } }, { json: { id: '' } }, { json: { id: 'ORD_c' } }],
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((row) => row.id ?? row.error)).toEqual([
			'ORD_a',
			'Order "ORD_missing" was not found',
			'The "Order" parameter is empty (item 3)',
			'ORD_c',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
	});
});
