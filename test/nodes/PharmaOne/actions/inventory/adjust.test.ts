import nock from 'nock';

import { BASE_URL, V2 } from '../../../../harness/fixtures';
import { captureBody, pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import adjusted from '../../../../fixtures/inventory/adjust.json';
import { byId, harness } from './helpers';

describe('Inventory → Adjust', () => {
	test('POST /inventory/adjust with Bearer sends the documented body', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.post(`${V2}/inventory/adjust`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, adjusted);
		const result = await harness().run({
			parameters: {
				resource: 'inventory',
				operation: 'adjust',
				productId: byId('={{ 12345 }}'),
				reason: 'POS sale',
				deltaOnHand: -2,
				deltaIncoming: 5,
				additionalFields: { shopId: byId('shop1'), metadata: '{"pos_ref": "TX-999"}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{ p1_id: '12345', reason: 'POS sale', delta_on_hand: -2, delta_incoming: 5, shop_id: 'shop1', metadata: { pos_ref: 'TX-999' } },
		]);
		expect(result.json).toEqual([adjusted]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(pendingData()).toEqual([]);
	});

	test('a zero delta and unset options are left out; the escape hatch is merged last', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, adjusted);
		const result = await harness().run({
			parameters: {
				resource: 'inventory',
				operation: 'adjust',
				productId: byId('12345'),
				reason: 'Delivery ordered',
				deltaIncoming: 10,
				additionalFields: { additionalBodyFields: '{"batch": "B-1"}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12345', reason: 'Delivery ordered', delta_incoming: 10, batch: 'B-1' }]);
	});

	test('a delta mapped as text from an expression is sent as a number', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, adjusted);
		const result = await harness().run({
			items: [{ json: { qty: '-3' } }],
			parameters: { resource: 'inventory', operation: 'adjust', productId: byId('12345'), reason: 'Sale', deltaOnHand: '={{ $json.qty }}' },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12345', reason: 'Sale', delta_on_hand: -3 }]);
	});

	test.each([
		[503, 'PharmaOne failed to process the request (HTTP 503)'],
		[500, 'PharmaOne failed to process the request (HTTP 500)'],
	])('a %s is never retried, and the error says it may have been applied', async (status, message) => {
		const mock = pharmaOneMock();
		mock.scope.post(`${V2}/inventory/adjust`).reply(status, { error: 'unavailable' }, { 'Retry-After': '0' });
		const second = nock(BASE_URL).post(`${V2}/inventory/adjust`).reply(200, adjusted);
		const result = await harness().run({
			parameters: { resource: 'inventory', operation: 'adjust', productId: byId('12345'), reason: 'Sale', deltaOnHand: -1 },
		});
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('was not sent again');
		expect(second.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test('Continue On Fail: a rejected item becomes an error item, the others are sent', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/inventory/adjust`, captureBody(bodies)).reply(200, adjusted);
		const result = await harness().run({
			continueOnFail: true,
			items: [{ json: { delta: 0 } }, { json: { delta: 4 } }],
			parameters: { resource: 'inventory', operation: 'adjust', productId: byId('12345'), reason: 'Count', deltaOnHand: '={{ $json.delta }}' },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ p1_id: '12345', reason: 'Count', delta_on_hand: 4 }]);
		expect(result.json[0].error).toBe('Nothing to adjust: "Delta On Hand" and "Delta Incoming" are both 0 (item 1)');
		expect(result.json[1]).toEqual(adjusted);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	const VALID = { productId: byId('12345'), reason: 'Sale', deltaOnHand: -1 };

	test.each([
		['both deltas unset', { deltaOnHand: undefined }, 'Nothing to adjust: "Delta On Hand" and "Delta Incoming" are both 0 (item 1)'],
		['both deltas 0', { deltaOnHand: 0, deltaIncoming: 0 }, 'Nothing to adjust: "Delta On Hand" and "Delta Incoming" are both 0 (item 1)'],
		['fractional on hand', { deltaOnHand: 1.5 }, 'Invalid "Delta On Hand" (item 1): must be a whole number'],
		['text incoming', { deltaIncoming: '={{ "ten" }}' }, 'Invalid "Delta Incoming" (item 1): must be a whole number'],
		['empty reason', { reason: '={{ "  " }}' }, 'The "Reason" parameter is empty (item 1)'],
		['empty product', { productId: byId('={{ "" }}') }, 'The "Product" parameter is empty (item 1)'],
		['metadata array', { additionalFields: { metadata: '[1, 2]' } }, 'The "Metadata (JSON)" field must be a JSON object (item 1)'],
		['metadata broken', { additionalFields: { metadata: '{"pos_ref": ' } }, 'The "Metadata (JSON)" field is not valid JSON (item 1)'],
	])('%s fails before any request', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const parameters = { resource: 'inventory', operation: 'adjust', ...VALID, ...values };
		if (parameters.deltaOnHand === undefined) delete (parameters as Record<string, unknown>).deltaOnHand;
		const result = await harness().run({ parameters });
		expect(result.error?.message).toBe(message);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});
