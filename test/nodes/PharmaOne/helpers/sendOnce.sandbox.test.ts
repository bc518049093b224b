import type { INodeParameters } from 'n8n-workflow';

import { createSandbox } from '../../../../sandbox/server';
import type { DuplicateExternalReference, Sandbox } from '../../../../sandbox/server';
import { deduplicationStore } from '../../../harness/deduplication';
import { EngineHarness } from '../../../harness/engine';

/**
 * The ambiguous failure against the sandbox, which really applies the request before its answer
 * is lost, in each of the ways PharmaOne might treat a repeated external_reference (the docs do
 * not say): create another request, return the first one, or refuse with 409.
 */
const store = deduplicationStore();

const ORDER_REQUEST: INodeParameters = {
	resource: 'orderRequest',
	operation: 'create',
	shopId: { __rl: true, mode: 'id', value: 'shop1' },
	externalReference: 'WEB-1001',
	customerEmail: 'max@example.com',
	items: { item: [{ name: 'Example Strain', p1Id: '12345', productId: '', quantity: 1, price: 0 }] },
	skipAlreadySent: true,
};
const FORGET: INodeParameters = { ...ORDER_REQUEST, skipAlreadySentOptions: { forgetKeys: true } };

describe.each<DuplicateExternalReference>(['create', 'return', 'reject'])(
	'PharmaOne answering a repeated external_reference with "%s"',
	(mode) => {
		let sandbox: Sandbox;
		let harness: EngineHarness;
		const received = () => [...sandbox.state.orderRequests.values()].filter((request) => request.external_reference === 'WEB-1001');

		beforeAll(async () => {
			sandbox = createSandbox({ orderCount: 1, duplicateExternalReference: mode });
			const { baseUrl } = await sandbox.start();
			harness = new EngineHarness({
				pharmaOneApi: { environment: 'custom', baseUrl, organizationId: sandbox.options.orgId, apiKey: sandbox.options.apiKey },
			});
		});
		afterAll(async () => await sandbox.stop());
		beforeEach(() => {
			store.reset();
			sandbox.state.orderRequests.clear();
			sandbox.clearFaults();
		});

		test.each([
			['answered 502', { count: 1, status: 502 }],
			['whose connection drops before the answer', { count: 1, drop: true }],
		])('an order request PharmaOne applied but %s: the key is kept and running again sends nothing', async (_name, fault) => {
			sandbox.setFaults({ failAfterApplying: fault });
			const failed = await harness.run({ parameters: ORDER_REQUEST });
			expect(failed.error?.message).toMatch(/\(External Reference "WEB-1001" kept as sent\)$/);
			expect(received()).toHaveLength(1);

			const again = await harness.run({ parameters: ORDER_REQUEST });
			expect(again.json).toEqual([{ skipped: true, reason: 'alreadySent', key: 'WEB-1001' }]);
			expect(received()).toHaveLength(1);
		});

		test('without Skip Already Sent the same re-run is what PharmaOne makes of a repeat', async () => {
			sandbox.setFaults({ failAfterApplying: { count: 1, status: 502 } });
			await harness.run({ parameters: { ...ORDER_REQUEST, skipAlreadySent: false } });
			const again = await harness.run({ parameters: { ...ORDER_REQUEST, skipAlreadySent: false } });
			expect(received()).toHaveLength(mode === 'create' ? 2 : 1);
			expect(again.error?.httpCode).toBe(mode === 'reject' ? '409' : undefined);
		});

		test('forgetting the key and sending again (after checking Manager) leaves the outcome to PharmaOne', async () => {
			sandbox.setFaults({ failAfterApplying: { count: 1, status: 502 } });
			await harness.run({ parameters: ORDER_REQUEST });
			const forgotten = await harness.run({ parameters: FORGET });
			expect(forgotten.json).toEqual([{ forgotten: true, key: 'WEB-1001' }]);
			const resent = await harness.run({ parameters: ORDER_REQUEST });
			if (mode === 'create') {
				// The request had arrived: this is the duplicate the README says to check Manager for.
				expect(resent.error).toBeUndefined();
				expect(received()).toHaveLength(2);
			} else if (mode === 'return') {
				expect(resent.json[0].id).toBe(received()[0].id);
				expect(received()).toHaveLength(1);
			} else {
				expect(resent.error?.httpCode).toBe('409');
				expect(resent.error?.description).toContain('is not remembered');
				expect(received()).toHaveLength(1);
			}
		});
	},
);
