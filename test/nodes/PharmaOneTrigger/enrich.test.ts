import type { IDataObject } from 'n8n-workflow';

import { PharmaOneTrigger } from '../../../nodes/PharmaOneTrigger/PharmaOneTrigger.node';
import order from '../../fixtures/order/get.json';
import { pendingData, pharmaOneMock } from '../../harness/fakePharmaOne';
import { CUSTOM_CREDENTIALS, V2, dummyJwt } from '../../harness/fixtures';
import { SECRET, WEBHOOK_CREDENTIALS, ORDER_ID, envelope, STATUS_UPDATED, signed, harness } from './deliveries';

describe('Include Headers', () => {
	test('adds the headers without the signature', async () => {
		const delivery = signed(STATUS_UPDATED, {
			deliveryId: 'dummy-delivery-headers',
			headers: { authorization: 'Bearer dummy-proxy-token' },
		});
		const outcome = await harness({ options: { includeHeaders: true } }).deliver(delivery);
		const headers = outcome.items[0].headers as IDataObject;
		expect(headers).toMatchObject({
			'x-pharmaone-event': 'order_status_updated',
			'x-pharmaone-delivery-id': 'dummy-delivery-headers',
			'content-type': 'application/json',
		});
		expect(headers).not.toHaveProperty('x-pharmaone-signature');
		expect(headers).not.toHaveProperty('authorization');
	});

	test('leaves headers out by default', async () => {
		const outcome = await harness().deliver(signed(STATUS_UPDATED));
		expect(outcome.items[0]).not.toHaveProperty('headers');
	});
});

describe('Fetch Full Order', () => {
	const credentials = { ...WEBHOOK_CREDENTIALS, pharmaOneApi: CUSTOM_CREDENTIALS };

	test('adds the order fetched with the PharmaOne API credential (Bearer JWT)', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/${ORDER_ID}`).matchHeader('authorization', mock.bearer(1)).reply(200, order);
		const trigger = harness({ options: { fetchFullOrder: true } }, { credentials });
		const outcome = await trigger.deliver(signed(STATUS_UPDATED));
		expect(outcome.started).toBe(true);
		expect(outcome.items[0].order).toEqual(order);
		expect(outcome.items[0]).not.toHaveProperty('orderFetchError');
		expect(mock.state.tokenExchanges).toBe(1);
		expect(pendingData()).toEqual([]);
	});

	test('a failed fetch still starts the workflow, with orderFetchError and no secrets', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/${ORDER_ID}`).reply(404, { error: 'not_found', message: 'Order not found' });
		const trigger = harness({ options: { fetchFullOrder: true } }, { credentials });
		const outcome = await trigger.deliver(signed(STATUS_UPDATED));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toBe(true);
		expect(outcome.items[0]).not.toHaveProperty('order');
		expect(outcome.items[0].orderFetchError).toMatchObject({
			message: `Order "${ORDER_ID}" was not found`,
			httpCode: '404',
		});
		const text = JSON.stringify(outcome.items);
		expect(text).not.toContain(CUSTOM_CREDENTIALS.apiKey);
		expect(text).not.toContain(dummyJwt(1));
		expect(text).not.toContain(SECRET);
	});

	test('a server error is not retried while PharmaOne waits for the answer', async () => {
		const scope = pharmaOneMock().scope.get(`${V2}/orders/${ORDER_ID}`).times(1).reply(503, { error: 'unavailable' });
		const outcome = await harness({ options: { fetchFullOrder: true } }, { credentials }).deliver(signed(STATUS_UPDATED));
		expect(scope.isDone()).toBe(true);
		expect(outcome.started).toBe(true);
		expect(outcome.items[0].orderFetchError).toMatchObject({ httpCode: '503' });
	});

	test('without a PharmaOne API credential the workflow still starts, with orderFetchError', async () => {
		const outcome = await harness({ options: { fetchFullOrder: true } }).deliver(signed(STATUS_UPDATED));
		expect(outcome.started).toBe(true);
		expect(outcome.items[0].orderFetchError).toMatchObject({ message: expect.stringContaining('pharmaOneApi') });
	});

	test('no request for events without metadata.order_id, for order_deleted, or with the option off', async () => {
		const trigger = harness({ options: { fetchFullOrder: true } }, { credentials });
		for (const body of [
			envelope('low_stock', { p1_id: '12345' }),
			envelope('order_created', {}),
			envelope('order_deleted', { order_id: ORDER_ID }),
		]) {
			const outcome = await trigger.deliver(signed(body));
			expect(outcome.started).toBe(true);
			expect(outcome.items[0]).not.toHaveProperty('order');
			expect(outcome.items[0]).not.toHaveProperty('orderFetchError');
		}
		const off = await harness({}, { credentials }).deliver(signed(STATUS_UPDATED));
		expect(off.items[0]).not.toHaveProperty('order');
		// nock.disableNetConnect would have failed any unexpected request.
	});

	test('the PharmaOne API credential is only shown when Fetch Full Order is on', () => {
		const credential = new PharmaOneTrigger().description.credentials?.find((c) => c.name === 'pharmaOneApi');
		expect(credential?.displayOptions).toEqual({ show: { 'options.fetchFullOrder': [true] } });
	});
});
