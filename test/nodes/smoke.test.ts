import nock from 'nock';

import { EngineHarness } from '../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, V2, dummyJwt } from '../harness/fixtures';
import order from '../fixtures/order/get.json';

test('smoke', async () => {
	const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
	nock(BASE_URL).post(`${V2}/auth/token`).reply(200, { access_token: dummyJwt(1), token_type: 'Bearer', expires_in: 3600 });
	nock(BASE_URL).get(`${V2}/orders/ORD_20260614_8v039dhnrv`).reply(200, order);
	const result = await harness.run({
		parameters: { resource: 'order', operation: 'get', orderId: { __rl: true, mode: 'id', value: 'ORD_20260614_8v039dhnrv' } },
	});
	expect(result.error).toBeUndefined();
	expect(result.json).toEqual([order]);
});
