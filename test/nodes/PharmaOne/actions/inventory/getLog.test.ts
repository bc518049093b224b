import { PharmaOne } from '../../../../../nodes/PharmaOne/PharmaOne.node';
import { V2 } from '../../../../harness/fixtures';
import { pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import errors from '../../../../fixtures/errors.json';
import log from '../../../../fixtures/inventory/getLog.json';
import { byId, harness } from './helpers';

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
