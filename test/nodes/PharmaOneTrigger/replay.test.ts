import { signatureFor } from '../../../nodes/PharmaOneTrigger/helpers/signature';
import { WebhookHarness } from '../../harness/webhook';
import { SECRET, STATUS_UPDATED, signed, harness } from './deliveries';

describe('replay protection on X-PharmaOne-Delivery-Id', () => {
	test('a repeated delivery answers 200 and starts nothing the second time', async () => {
		const trigger = harness();
		const delivery = signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-repeat' });
		const first = await trigger.deliver(delivery);
		const second = await trigger.deliver(delivery);
		expect(first.started).toBe(true);
		expect(second.status).toBe(200);
		expect(second.started).toBe(false);
		expect(second.result).toEqual({});
	});

	test('a repeated delivery starts nothing even when n8n does not save the static data (n8n 2.41)', async () => {
		const trigger = new WebhookHarness({
			parameters: {},
			credentials: { pharmaOneWebhookApi: { signingSecret: SECRET } },
			discardStaticData: true,
		});
		const delivery = signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-unsaved' });
		expect((await trigger.deliver(delivery)).started).toBe(true);
		expect(trigger.savedStaticData).toEqual({});
		expect((await trigger.deliver(delivery)).started).toBe(false);
		expect((await trigger.deliver(signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-other' }))).started).toBe(true);
	});

	test('the memory is bounded to the most recent 1,000 ids', async () => {
		const trigger = harness();
		for (let i = 0; i < 1005; i++) {
			await trigger.deliver(signed(STATUS_UPDATED, { deliveryId: `dummy-delivery-${i}` }));
		}
		const saved = trigger.savedStaticData['node:PharmaOne Trigger'] as { deliveryIds: string[] };
		expect(saved.deliveryIds).toHaveLength(1000);
		expect(saved.deliveryIds[0]).toBe('dummy-delivery-5');
		// The oldest ids were forgotten, so they would be processed again; recent ones are not.
		expect((await trigger.deliver(signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-0' }))).started).toBe(true);
		expect((await trigger.deliver(signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-1004' }))).started).toBe(false);
	});

	test('a filtered-out delivery is not remembered (the static data is not even read)', async () => {
		const trigger = harness({ events: ['order_created'] });
		expect((await trigger.deliver(signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-filtered' }))).started).toBe(false);
		expect(trigger.savedStaticData).toEqual({});
	});

	test('a delivery without an id is still verified and processed every time', async () => {
		const trigger = harness();
		const delivery = signed(STATUS_UPDATED, { deliveryId: null });
		const first = await trigger.deliver(delivery);
		const second = await trigger.deliver(delivery);
		expect(first.started && second.started).toBe(true);
		expect(first.items[0].deliveryId).toBeNull();

		const forged = { ...delivery, headers: { ...delivery.headers, 'x-pharmaone-signature': signatureFor('{}', SECRET) } };
		expect((await trigger.deliver(forged)).status).toBe(401);
	});
});
