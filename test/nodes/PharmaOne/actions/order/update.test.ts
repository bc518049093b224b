import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import order from '../../../../fixtures/order/get.json';
import { byId, harness, ORDER_ID } from './helpers';

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
