import nock from 'nock';

import { BASE_URL, V2 } from '../../../../harness/fixtures';
import { pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import inventory from '../../../../fixtures/inventory/getAll.json';
import { harness } from './helpers';

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
