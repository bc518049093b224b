import nock from 'nock';

import { PharmaOne } from '../../../../../nodes/PharmaOne/PharmaOne.node';
import { BASE_URL, V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import orderList from '../../../../fixtures/order/getAll.json';
import { byId, harness } from './helpers';

/** n orders shaped like the recorded list row, with distinct ids. */
function orderRows(from: number, count: number) {
	return Array.from({ length: count }, (_, k) => ({ ...orderList.data[0], id: `ORD_20260614_${String(from + k).padStart(10, '0')}` }));
}

describe('Order → Get Many', () => {
	test('Limit 50: one request with limit=50, filters sent, rows returned as items (not the envelope)', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/orders`)
			.query({ limit: '50', offset: '0', status: 'awaiting_packing', shop_id: 'shop1' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, orderList);
		const result = await harness().run({
			parameters: {
				resource: 'order',
				operation: 'getAll',
				returnAll: false,
				limit: 50,
				filters: { status: 'awaiting_packing', shopId: byId('shop1') },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(orderList.data);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('a status not listed, typed as an expression, is sent as typed', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders`).query({ limit: '5', offset: '0', status: 'shipped' }).reply(200, orderList);
		const result = await harness().run({
			parameters: { resource: 'order', operation: 'getAll', limit: 5, filters: { status: '=shipped' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(orderList.data);
	});

	test('the status filter is one choice: known statuses, no "Other" and no separate Custom Status', () => {
		const filters = new PharmaOne().description.properties.find(
			(property) => property.name === 'filters' && property.displayOptions?.show?.resource?.includes('order'),
		);
		const options = (filters?.options ?? []) as Array<{ name: string; options?: Array<{ value: unknown }> }>;
		expect(options.map((option) => option.name)).toEqual(['status', 'shopId']);
		expect(options[0].options?.map((option) => option.value)).toEqual(['pending', 'awaiting_packing', 'ready_pickup']);
	});

	test('Return All pages with 200 rows per request until the total is reached', async () => {
		const mock = pharmaOneMock();
		const total = 450;
		for (const offset of [0, 200, 400]) {
			const count = Math.min(200, total - offset);
			mock.scope
				.get(`${V2}/orders`)
				.query({ limit: '200', offset: String(offset) })
				.reply(200, { data: orderRows(offset, count), pagination: { limit: 200, offset, total } });
		}
		const result = await harness().run({ parameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(450);
		expect(new Set(result.json.map((row) => row.id)).size).toBe(450);
		expect(nock.pendingMocks().filter((m) => m.includes('/orders'))).toEqual([]);
	});

	test('Limit 250 fetches 200 then 50 and no further page', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders`).query({ limit: '200', offset: '0' }).reply(200, { data: orderRows(0, 200), pagination: { limit: 200, offset: 0, total: 5000 } });
		mock.scope.get(`${V2}/orders`).query({ limit: '50', offset: '200' }).reply(200, { data: orderRows(200, 50), pagination: { limit: 50, offset: 200, total: 5000 } });
		const extra = nock(BASE_URL).get(`${V2}/orders`).query({ limit: '200', offset: '250' }).reply(200, { data: [] });
		const result = await harness().run({ parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 250 } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(250);
		expect(extra.isDone()).toBe(false);
	});

	test('a server that ignores offset (the same page again) does not loop', async () => {
		const mock = pharmaOneMock();
		const page = { data: orderRows(0, 200), pagination: { limit: 200, offset: 0, total: 100000 } };
		mock.scope.get(`${V2}/orders`).query(true).times(2).reply(200, page);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(200);
	});
});
