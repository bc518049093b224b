import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signatureFor } from '../../../nodes/PharmaOneTrigger/helpers/signature';
import { PharmaOneTrigger } from '../../../nodes/PharmaOneTrigger/PharmaOneTrigger.node';
import order from '../../fixtures/order/get.json';
import { pendingData, pharmaOneMock } from '../../harness/fakePharmaOne';
import { CUSTOM_CREDENTIALS, V2, dummyJwt } from '../../harness/fixtures';
import type { Delivery, TriggerSetup } from '../../harness/webhook';
import { WebhookHarness } from '../../harness/webhook';

const SECRET = 'dummy-webhook-signing-secret';
const WEBHOOK_CREDENTIALS = { pharmaOneWebhookApi: { signingSecret: SECRET } };

const ORDER_ID = 'ORD_20260614_8v039dhnrv';

function envelope(eventType: string, metadata: IDataObject = {}): IDataObject {
	return {
		id: '7c1d7a52-0c5f-4c55-9d5e-3f4e1b2a9c10',
		org_id: 'org1',
		event_type: eventType,
		title: 'Order status updated',
		description: `Order ${ORDER_ID} updated via external API`,
		metadata,
		created_at: '2026-06-05T12:00:00Z',
	};
}

const STATUS_UPDATED = envelope('order_status_updated', {
	order_id: ORDER_ID,
	old_status: 'awaiting_packing',
	new_status: 'ready_pickup',
});

let deliveryCounter = 0;

/** A delivery as PharmaOne sends it: signed raw bytes and its headers. */
function signed(
	body: IDataObject | string,
	overrides: { secret?: string; headers?: Record<string, string | string[]>; deliveryId?: string | null } = {},
): Delivery {
	const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
	const eventType = typeof body === 'string' ? 'order_created' : String(body.event_type ?? 'order_created');
	deliveryCounter++;
	const headers: Record<string, string | string[]> = {
		'content-type': 'application/json',
		'user-agent': 'dummy-agent',
		'x-pharmaone-event': eventType,
		'x-pharmaone-signature': signatureFor(raw, overrides.secret ?? SECRET),
	};
	if (overrides.deliveryId !== null) {
		headers['x-pharmaone-delivery-id'] = overrides.deliveryId ?? `00000000-0000-4000-8000-${String(deliveryCounter).padStart(12, '0')}`;
	}
	return { rawBody: raw, headers: { ...headers, ...overrides.headers } };
}

function harness(parameters: INodeParameters = {}, setup: Omit<TriggerSetup, 'parameters'> = {}) {
	return new WebhookHarness({ credentials: WEBHOOK_CREDENTIALS, ...setup, parameters });
}

describe('node description', () => {
	const { description, webhookMethods } = new PharmaOneTrigger();

	test('is a webhook trigger answering on receipt', () => {
		expect(description.group).toEqual(['trigger']);
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' },
		]);
		expect(description.usableAsTool).toBeUndefined();
	});

	test('offers every documented event and All', () => {
		const events = description.properties.find((p) => p.name === 'events');
		const values = (events?.options ?? []).map((o) => ('value' in o ? o.value : undefined));
		expect(values).toEqual(
			expect.arrayContaining([
				'*',
				'order_created',
				'order_updated',
				'order_status_updated',
				'order_marked_paid',
				'order_deleted',
				'prescription_approved',
				'paperless_signature_completed',
				'low_stock',
				'out_of_stock',
			]),
		);
	});

	test('the webhook lifecycle methods are no-ops that report success', async () => {
		const hooks = webhookMethods.default;
		const context = {} as never;
		await expect(hooks.checkExists.call(context)).resolves.toBe(true);
		await expect(hooks.create.call(context)).resolves.toBe(true);
		await expect(hooks.delete.call(context)).resolves.toBe(true);
	});
});

describe('signature verification: every failure answers 401 and starts nothing', () => {
	const body = JSON.stringify(STATUS_UPDATED);

	// Every row has all three entries: jest reads a callback with more parameters than the
	// row has as one that takes `done`.
	const cases: Array<[string, () => Delivery, TriggerSetup['credentials']]> = [
		['wrong secret', () => signed(body, { secret: 'dummy-other-secret' }), WEBHOOK_CREDENTIALS],
		['tampered body', () => ({ ...signed(body), rawBody: Buffer.from(body.replace('ready_pickup', 'shipped')) }), WEBHOOK_CREDENTIALS],
		['missing signature header', () => {
			const delivery = signed(body);
			delete delivery.headers['x-pharmaone-signature'];
			return delivery;
		}, WEBHOOK_CREDENTIALS],
		['empty signature header', () => signed(body, { headers: { 'x-pharmaone-signature': '' } }), WEBHOOK_CREDENTIALS],
		['malformed signature header', () => signed(body, { headers: { 'x-pharmaone-signature': 'sha256=not-hex' } }), WEBHOOK_CREDENTIALS],
		['uppercase hex signature', () => {
			const header = signatureFor(body, SECRET);
			return signed(body, { headers: { 'x-pharmaone-signature': `sha256=${header.slice(7).toUpperCase()}` } });
		}, WEBHOOK_CREDENTIALS],
		['no raw body available', () => ({ ...signed(body), rawBody: undefined }), WEBHOOK_CREDENTIALS],
		['empty signing secret in the credential', () => signed(body, { secret: '' }), { pharmaOneWebhookApi: { signingSecret: '' } }],
		['no signing secret credential attached', () => signed(body), {}],
	];

	test.each(cases)('%s', async (_case, makeDelivery, credentials) => {
		const trigger = new WebhookHarness({ credentials });
		const outcome = await trigger.deliver(makeDelivery());
		expect(outcome.status).toBe(401);
		expect(outcome.started).toBe(false);
		expect(outcome.result).toEqual({ noWebhookResponse: true });
		expect(JSON.stringify(outcome.sentBody)).not.toContain(SECRET);
		expect(outcome.sentBody).toEqual({ error: 'invalid_signature', message: expect.any(String) });
	});

	test('a refused delivery does not use up its delivery id', async () => {
		const trigger = harness();
		const good = signed(body, { deliveryId: 'dummy-delivery-refused-first' });
		const forged = { ...good, headers: { ...good.headers, 'x-pharmaone-signature': signatureFor(body, 'dummy-other-secret') } };
		expect((await trigger.deliver(forged)).status).toBe(401);
		const outcome = await trigger.deliver(good);
		expect(outcome.started).toBe(true);
	});
});

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

describe('signing secret: read once, read again before refusing', () => {
	const NEW_SECRET = 'dummy-rotated-signing-secret';
	const body = JSON.stringify(STATUS_UPDATED);

	/** A trigger whose credential reads are counted. */
	function counted() {
		const trigger = harness();
		const reads = jest.spyOn(trigger.credentials, 'getDecrypted');
		return { trigger, reads: () => reads.mock.calls.filter(([, , type]) => type === 'pharmaOneWebhookApi').length };
	}

	afterEach(() => jest.restoreAllMocks());

	test('deliveries after the first verify without reading the credential again', async () => {
		const { trigger, reads } = counted();
		for (let k = 0; k < 5; k++) expect((await trigger.deliver(signed(body))).started).toBe(true);
		expect(reads()).toBe(1);
	});

	test('a secret rotated in n8n: the first delivery signed with the new secret is read again and accepted', async () => {
		const { trigger, reads } = counted();
		expect((await trigger.deliver(signed(body))).started).toBe(true);
		trigger.credentials.set('pharmaOneWebhookApi', { signingSecret: NEW_SECRET });
		const outcome = await trigger.deliver(signed(body, { secret: NEW_SECRET }));
		expect(outcome.status).toBe(200);
		expect(outcome.started).toBe(true);
		expect(reads()).toBe(2);
		// The new secret is now the remembered one: the old one is refused (after one more read).
		expect((await trigger.deliver(signed(body))).status).toBe(401);
		expect((await trigger.deliver(signed(body, { secret: NEW_SECRET }))).started).toBe(true);
		expect(reads()).toBe(3);
	});

	test('a forged delivery is refused even with a secret remembered, after reading the credential', async () => {
		const { trigger, reads } = counted();
		expect((await trigger.deliver(signed(body))).started).toBe(true);
		const outcome = await trigger.deliver(signed(body, { secret: 'dummy-forged-secret' }));
		expect(outcome.status).toBe(401);
		expect(outcome.started).toBe(false);
		expect(reads()).toBe(2);
	});

	test('a secret replaced in n8n is no longer accepted once the remembered one is a minute old', async () => {
		const now = Date.now();
		const clock = jest.spyOn(Date, 'now').mockReturnValue(now);
		const { trigger } = counted();
		expect((await trigger.deliver(signed(body))).started).toBe(true);
		trigger.credentials.set('pharmaOneWebhookApi', { signingSecret: NEW_SECRET });
		clock.mockReturnValue(now + 60_000);
		expect((await trigger.deliver(signed(body))).status).toBe(401);
		expect((await trigger.deliver(signed(body, { secret: NEW_SECRET }))).started).toBe(true);
	});

	test('a credential that can no longer be read refuses deliveries that need a fresh read', async () => {
		const { trigger } = counted();
		expect((await trigger.deliver(signed(body))).started).toBe(true);
		jest.spyOn(trigger.credentials, 'getDecrypted').mockRejectedValue(new Error('dummy decryption failure'));
		expect((await trigger.deliver(signed(body, { secret: NEW_SECRET }))).status).toBe(401);
	});

	test('triggers do not share remembered secrets', async () => {
		const first = harness();
		expect((await first.deliver(signed(body))).started).toBe(true);
		const other = new WebhookHarness({ credentials: { pharmaOneWebhookApi: { signingSecret: NEW_SECRET } } });
		expect((await other.deliver(signed(body))).status).toBe(401);
		expect((await other.deliver(signed(body, { secret: NEW_SECRET }))).started).toBe(true);
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

	test('a filtered-out delivery is not remembered', async () => {
		const trigger = harness({ events: ['order_created'] });
		await trigger.deliver(signed(STATUS_UPDATED, { deliveryId: 'dummy-delivery-filtered' }));
		expect(trigger.savedStaticData).toEqual({ 'node:PharmaOne Trigger': {} });
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

describe('credential test', () => {
	const test_ = new PharmaOneTrigger().methods.credentialTest.pharmaOneWebhookSecretTest;
	const run = async (signingSecret: unknown) =>
		await test_.call({} as never, { id: '1', name: 'x', type: 'pharmaOneWebhookApi', data: { signingSecret } } as never);

	test('fails for an empty secret or stray whitespace', async () => {
		expect(await run('')).toMatchObject({ status: 'Error' });
		expect(await run(`${SECRET}\n`)).toMatchObject({ status: 'Error' });
	});

	test('passes a filled-in secret and says it cannot be confirmed with PharmaOne', async () => {
		const result = await run(SECRET);
		expect(result.status).toBe('OK');
		expect(result.message).toMatch(/no API to confirm/);
		expect(result.message).not.toContain(SECRET);
	});
});
