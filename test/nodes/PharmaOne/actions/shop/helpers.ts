/** What several shop test files share. */
import nock from 'nock';

import { EngineHarness } from '../../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../../harness/fixtures';
import { captureBody, pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

/** The tests Attach Product and Detach Product share: the same body to their own route. */
export function shopProductTests(operation: string, path: string, response: object) {
	test(`POST /shops/${path} with Bearer sends shop_id and p1_id as strings`, async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.post(`${V2}/shops/${path}`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, response);
		const result = await harness().run({
			parameters: { resource: 'shop', operation, shopId: byId('shop1'), productId: byId('={{ 12345 }}') },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345' }]);
		expect(result.json).toEqual([response]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(pendingData()).toEqual([]);
	});

	test('Additional Body Fields are merged into the body', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/${path}`, captureBody(bodies)).reply(200, response);
		const result = await harness().run({
			parameters: {
				resource: 'shop',
				operation,
				shopId: byId('shop1'),
				productId: byId('12345'),
				additionalFields: { additionalBodyFields: '{"position": 3}' },
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1', p1_id: '12345', position: 3 }]);
	});

	test('one request per item, outputs paired with their items', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/shops/${path}`, captureBody(bodies)).times(2).reply(200, response);
		const result = await harness().run({
			items: [{ json: { id: '12345' } }, { json: { id: 12346 } }],
			parameters: { resource: 'shop', operation, shopId: byId('shop1'), productId: byId('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{ shop_id: 'shop1', p1_id: '12345' },
			{ shop_id: 'shop1', p1_id: '12346' },
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a 5xx is not retried (the route may not be idempotent)', async () => {
		const mock = pharmaOneMock();
		mock.scope.post(`${V2}/shops/${path}`).reply(500, { error: 'internal' });
		const second = nock(BASE_URL).post(`${V2}/shops/${path}`).reply(200, response);
		const result = await harness().run({
			parameters: { resource: 'shop', operation, shopId: byId('shop1'), productId: byId('12345') },
		});
		expect(result.error?.message).toBe('PharmaOne failed to process the request (HTTP 500)');
		expect(second.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});

	test.each([
		['Shop', { shopId: byId('={{ "" }}'), productId: byId('12345') }, 'The "Shop" parameter is empty (item 1)'],
		['Product', { shopId: byId('shop1'), productId: byId('={{ " " }}') }, 'The "Product" parameter is empty (item 1)'],
		['JSON', { shopId: byId('shop1'), productId: byId('12345'), additionalFields: { additionalBodyFields: '"x"' } }, 'The "Additional Body Fields (JSON)" field must be a JSON object (item 1)'],
	])('invalid %s fails before any request', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'shop', operation, ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
}
