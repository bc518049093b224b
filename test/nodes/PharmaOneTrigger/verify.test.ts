import { signatureFor } from '../../../nodes/PharmaOneTrigger/helpers/signature';
import type { Delivery, TriggerSetup } from '../../harness/webhook';
import { WebhookHarness } from '../../harness/webhook';
import { SECRET, WEBHOOK_CREDENTIALS, STATUS_UPDATED, signed, harness } from './deliveries';

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
