import { PharmaOneTrigger } from '../../../nodes/PharmaOneTrigger/PharmaOneTrigger.node';
import { SECRET } from './deliveries';

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
