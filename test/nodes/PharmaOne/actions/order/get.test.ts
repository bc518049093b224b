import nock from 'nock';

import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import errors from '../../../../fixtures/errors.json';
import order from '../../../../fixtures/order/get.json';
import { byId, harness, ORDER_ID } from './helpers';

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
