import { V2 } from '../../../../harness/fixtures';
import { pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import history from '../../../../fixtures/inventory/getHistory.json';
import { byId, harness } from './helpers';

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
