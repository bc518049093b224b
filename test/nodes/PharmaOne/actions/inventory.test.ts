import nock from 'nock';

import { PharmaOne } from '../../../../nodes/PharmaOne/PharmaOne.node';
import { EngineHarness } from '../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { captureBody, pendingData, pharmaOneMock } from '../../../harness/fakePharmaOne';
import errors from '../../../fixtures/errors.json';
import adjusted from '../../../fixtures/inventory/adjust.json';
import inventory from '../../../fixtures/inventory/getAll.json';
import history from '../../../fixtures/inventory/getHistory.json';
import log from '../../../fixtures/inventory/getLog.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

describe('Inventory → Get Many', () => {
	test('Return All: GET /inventory with Bearer and no query; every row is an item', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/inventory`)
			.query((query) => Object.keys(query).length === 0)
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, inventory);
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(inventory.data);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(pendingData()).toEqual([]);
	});

	test('Limit keeps the first rows of the one response, with no paging parameters sent', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory`).query((query) => Object.keys(query).length === 0).reply(200, inventory);
		const extra = nock(BASE_URL).get(`${V2}/inventory`).query(true).reply(200, inventory);
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getAll', returnAll: false, limit: 2 } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(inventory.data.slice(0, 2));
		expect(extra.isDone()).toBe(false);
		expect(pendingData()).toHaveLength(1);
	});
});

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

describe('Inventory → Get Log', () => {
	test('GET /inventory/{p1Id}/log with Bearer; each entry is an item', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory/12345/log`).matchHeader('authorization', mock.bearer(1)).reply(200, log);
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getLog', productId: byId('12345') } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(log.data);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(pendingData()).toEqual([]);
	});

	test('Limit keeps the most recent entries (the route answers with up to 200 in one response)', async () => {
		const mock = pharmaOneMock();
		const entries = Array.from({ length: 200 }, (_, k) => ({ ...log.data[0], id: `log-${k}` }));
		mock.scope.get(`${V2}/inventory/12345/log`).times(2).reply(200, { data: entries });
		const limited = await harness().run({ parameters: { resource: 'inventory', operation: 'getLog', productId: byId('12345'), limit: 3 } });
		expect(limited.json.map((row) => row.id)).toEqual(['log-0', 'log-1', 'log-2']);
		const all = await harness().run({ parameters: { resource: 'inventory', operation: 'getLog', productId: byId('12345'), returnAll: true } });
		expect(all.json).toHaveLength(200);
	});

	test('Return All and Limit are offered as on every Get Many', () => {
		const names = new PharmaOne().description.properties
			.filter((property) => property.displayOptions?.show?.operation?.includes('getLog'))
			.filter((property) => !property.displayOptions?.show?.['@tool']) // PharmaOne Tool's own fields: test/tool/
			.map((property) => property.name);
		expect(names).toEqual(['productId', 'returnAll', 'limit']);
	});

	test('404 says the product is not in the inventory', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory/99999/log`).reply(404, errors.notFound);
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getLog', productId: byId('99999') } });
		expect(result.error?.message).toBe('Product "99999" in the organization inventory was not found');
	});

	test('an empty product fails before any request', async () => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getLog', productId: byId('={{ "" }}') } });
		expect(result.error?.message).toBe('The "Product" parameter is empty (item 1)');
		expect(mock.state.tokenExchanges).toBe(0);
	});
});

describe('Inventory → Get History', () => {
	test('GET /inventory/{p1Id}/history?days=30 by default; each day is an item', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/inventory/12345/history`)
			.query({ days: '30' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, history);
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getHistory', productId: byId('12345') } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(history.data);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
		expect(pendingData()).toEqual([]);
	});

	test.each([1, 365])('days=%s is accepted', async (days) => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory/12345/history`).query({ days: String(days) }).reply(200, history);
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getHistory', productId: byId('12345'), days } });
		expect(result.error).toBeUndefined();
		expect(pendingData()).toEqual([]);
	});

	test('days mapped as text from an expression are sent as that number', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/inventory/12345/history`).query({ days: '14' }).reply(200, history);
		const result = await harness().run({
			items: [{ json: { days: '14' } }],
			parameters: { resource: 'inventory', operation: 'getHistory', productId: byId('12345'), days: '={{ $json.days }}' },
		});
		expect(result.error).toBeUndefined();
		expect(pendingData()).toEqual([]);
	});

	test('a response that is not a list is returned as one item', async () => {
		const mock = pharmaOneMock();
		const summary = { p1_id: 12345, days: 7, changes: { '2026-06-14': -2 } };
		mock.scope.get(`${V2}/inventory/12345/history`).query({ days: '7' }).reply(200, summary);
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getHistory', productId: byId('12345'), days: 7 } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([summary]);
	});

	test.each([
		[0, 'Invalid "Days" (item 1): must be at least 1'],
		[366, 'Invalid "Days" (item 1): must be at most 365'],
		[2.5, 'Invalid "Days" (item 1): must be a whole number from 1 to 365'],
		['={{ "month" }}', 'Invalid "Days" (item 1): must be a whole number from 1 to 365'],
	])('days=%s fails before any request', async (days, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'inventory', operation: 'getHistory', productId: byId('12345'), days } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});
