import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS, V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import shops from '../../../../fixtures/shop/getAll.json';

describe('Shop → Get Many', () => {
	test('GET /shops returns each shop as an item', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).matchHeader('authorization', mock.bearer(1)).reply(200, shops);
		const result = await new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }).run({
			parameters: { resource: 'shop', operation: 'getAll', returnAll: true },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual(shops.data);
	});

	test('Limit and Active Shops Only apply to the list', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).reply(200, shops);
		const result = await new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }).run({
			parameters: { resource: 'shop', operation: 'getAll', returnAll: false, limit: 3, activeOnly: true },
		});
		expect(result.json.map((shop) => shop.shop_id)).toEqual(['shop1', 'testtttt', 'shop3']);
	});
});
