import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import errors from '../../../../fixtures/errors.json';
import patched from '../../../../fixtures/order/updateStatus.json';
import { byId, harness, ORDER_ID } from './helpers';

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
