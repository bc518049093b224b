import { SECRET, ORDER_ID, envelope, STATUS_UPDATED, signed, harness } from './deliveries';

describe('accepted deliveries', () => {
	test('a valid delivery starts one item: the envelope and the delivery id', async () => {
		const outcome = await harness().deliver(signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-1' }));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toBe(true);
		expect(outcome.items).toEqual([{ ...STATUS_UPDATED, deliveryId: 'dummy-delivery-1' }]);
		expect(JSON.stringify(outcome.items)).not.toContain(SECRET);
	});

	test('works in test mode (Listen for test event)', async () => {
		const outcome = await harness({}, { mode: 'manual' }).deliver(signed(STATUS_UPDATED));
		expect(outcome.started).toBe(true);
	});

	test('keys PharmaOne adds later are kept', async () => {
		const body = { ...STATUS_UPDATED, shop_id: 'shop1', new_field: { a: 1 } };
		const outcome = await harness().deliver(signed(body));
		expect(outcome.items[0]).toMatchObject({ shop_id: 'shop1', new_field: { a: 1 } });
	});

	test('the event falls back to the X-PharmaOne-Event header', async () => {
		const body = { ...STATUS_UPDATED };
		delete body.event_type;
		const outcome = await harness({ events: ['order_status_updated'] }).deliver(
			signed(body, { headers: { 'x-pharmaone-event': 'order_status_updated' } }),
		);
		expect(outcome.started).toBe(true);
		expect(outcome.items[0].event_type).toBe('order_status_updated');
	});

	test('a valid signature over malformed JSON answers 400 and starts nothing', async () => {
		const outcome = await harness().deliver(signed('{"event_type": "order_created",'));
		expect(outcome.status).toBe(400);
		expect(outcome.started).toBe(false);
		expect(outcome.result).toEqual({ noWebhookResponse: true });
		expect(outcome.sentBody).toMatchObject({ error: 'invalid_body' });
	});

	test.each(['[1,2]', '"text"', 'null', ''])('a signed body that is not a JSON object (%s) answers 400', async (raw) => {
		const outcome = await harness().deliver(signed(raw));
		expect(outcome.status).toBe(400);
		expect(outcome.started).toBe(false);
	});
});

describe('event selection', () => {
	test('an unselected event answers 200 and starts nothing', async () => {
		const outcome = await harness({ events: ['order_created'] }).deliver(signed(STATUS_UPDATED));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toBe(false);
		expect(outcome.result).toEqual({});
	});

	test('All Events is the default and accepts unknown events', async () => {
		const outcome = await harness().deliver(signed(envelope('order_request_created')));
		expect(outcome.started).toBe(true);
	});

	test('a custom event name is accepted, case-insensitively', async () => {
		const trigger = harness({ events: ['order_created'], options: { customEvents: ' Order_Request_Created , other ' } });
		expect((await trigger.deliver(signed(envelope('order_request_created')))).started).toBe(true);
		expect((await trigger.deliver(signed(envelope('order_created')))).started).toBe(true);
		expect((await trigger.deliver(signed(envelope('low_stock')))).started).toBe(false);
	});

	test('nothing selected starts nothing', async () => {
		const outcome = await harness({ events: [] }).deliver(signed(STATUS_UPDATED));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toBe(false);
	});

	test('Only New Status filters order_status_updated by metadata.new_status', async () => {
		const trigger = harness({ options: { onlyNewStatus: 'ready_pickup, shipped' } });
		expect((await trigger.deliver(signed(STATUS_UPDATED))).started).toBe(true);

		const other = envelope('order_status_updated', { order_id: ORDER_ID, new_status: 'awaiting_packing' });
		const outcome = await trigger.deliver(signed(other));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toBe(false);

		const noStatus = envelope('order_status_updated', { order_id: ORDER_ID });
		expect((await trigger.deliver(signed(noStatus))).started).toBe(false);
	});

	test('Only New Status does not affect other events', async () => {
		const trigger = harness({ options: { onlyNewStatus: 'ready_pickup' } });
		expect((await trigger.deliver(signed(envelope('order_created', { order_id: ORDER_ID })))).started).toBe(true);
	});
});
