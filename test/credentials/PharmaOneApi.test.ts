import nock from 'nock';

import { PharmaOneApi } from '../../credentials/PharmaOneApi.credentials';
import { tokenSource } from '../../nodes/shared/connection';
import { EngineHarness } from '../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, DUMMY_API_KEY, ORG_ID, V2, dummyJwt } from '../harness/fixtures';
import { pendingData, pharmaOneMock } from '../harness/fakePharmaOne';
import errors from '../fixtures/errors.json';
import order from '../fixtures/order/get.json';
import shops from '../fixtures/shop/getAll.json';

const ORDER_ID = order.id;

function getOrderParameters() {
	return {
		resource: 'order',
		operation: 'get',
		orderId: { __rl: true, mode: 'id', value: '={{ $json.orderId }}' },
		simplify: false,
	};
}

function orderItems(count: number) {
	return Array.from({ length: count }, () => ({ json: { orderId: ORDER_ID } }));
}

describe('PharmaOne API credential inside n8n’s engine', () => {
	test('one token exchange serves 50 items, and a second run reuses the stored token', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/orders/${ORDER_ID}`).matchHeader('authorization', mock.bearer(1)).times(100).reply(200, order);

		const first = await harness.run({ parameters: getOrderParameters(), items: orderItems(50) });
		expect(first.error).toBeUndefined();
		expect(first.json).toHaveLength(50);
		expect(mock.state.tokenExchanges).toBe(1);
		expect(harness.credentials.store.get('pharmaOneApi')?.accessToken).toBe(dummyJwt(1));

		const second = await harness.run({ parameters: getOrderParameters(), items: orderItems(50) });
		expect(second.error).toBeUndefined();
		expect(second.json).toHaveLength(50);
		expect(mock.state.tokenExchanges).toBe(1);
		expect(nock.isDone()).toBe(false); // the token interceptor allows more, the data one is exhausted
		expect(nock.pendingMocks().filter((m) => m.includes('/orders/'))).toEqual([]);
	});

	test('an expired token is answered 401, exchanged once, and the request retried once', async () => {
		const harness = new EngineHarness({
			pharmaOneApi: { ...CUSTOM_CREDENTIALS, accessToken: dummyJwt(0), tokenSource: tokenSource(CUSTOM_CREDENTIALS) },
		});
		const mock = pharmaOneMock();
		const seen: string[] = [];
		mock.scope
			.get(`${V2}/orders/${ORDER_ID}`)
			.times(2)
			.reply(function () {
				const auth = String(this.req.headers.authorization);
				seen.push(auth);
				return auth === mock.bearer(1) ? [200, order] : [401, { error: 'invalid_token', message: 'Token expired' }];
			});

		const result = await harness.run({ parameters: getOrderParameters(), items: orderItems(1) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([order]);
		expect(seen).toEqual([`Bearer ${dummyJwt(0)}`, mock.bearer(1)]);
		expect(mock.state.tokenExchanges).toBe(1);
		expect(harness.credentials.store.get('pharmaOneApi')?.accessToken).toBe(dummyJwt(1));
	});

	test('a refused API key fails with a message that says how to fix it', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		pharmaOneMock({ refuse: true });
		const result = await harness.run({ parameters: getOrderParameters(), items: orderItems(1) });
		expect(result.error?.message).toMatch(/refused the API key/);
		expect(result.error?.description).toMatch(/Org Settings → Integrations → External API keys/);
		expect(result.json).toEqual([]);
	});

	test('the credential test exchanges the key and lists shops, tolerating spaces and trailing slashes', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).matchHeader('authorization', mock.bearer(1)).reply(200, shops);
		const result = await harness.testCredential();
		expect(result.error).toBeUndefined();
		expect(mock.state.tokenExchanges).toBe(1);
		expect(nock.pendingMocks().filter((m) => m.includes('/shops'))).toEqual([]);
	});

	test('after the API key is edited, the stored token is not sent: the new key is exchanged first', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		const seen: string[] = [];
		mock.scope
			.get(`${V2}/shops`)
			.times(3)
			.reply(function () {
				const authorization = this.req.headers.authorization;
				seen.push(String(authorization));
				return authorization === undefined ? [401, errors.kongUnauthorized] : [200, shops];
			});
		expect((await harness.testCredential()).error).toBeUndefined();
		const stored = harness.credentials.store.get('pharmaOneApi') ?? {};
		expect(stored.accessToken).toBe(dummyJwt(1));

		// The user edits the key; n8n keeps the cached token and tokenSource with the credential.
		const edited = 'dummy-edited-api-key';
		harness.credentials.set('pharmaOneApi', { ...stored, apiKey: edited });
		const newKey = pharmaOneMock({ apiKey: edited, firstToken: 9 });
		expect((await harness.testCredential()).error).toBeUndefined();
		expect(newKey.state.tokenExchanges).toBe(1);
		// The credential test sends no token for the edited key; PharmaOne's 401 makes n8n exchange it.
		expect(seen).toEqual([mock.bearer(1), 'undefined', mock.bearer(9)]);
	});

	test('an edited key that PharmaOne refuses fails the credential test', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).reply(200, shops);
		expect((await harness.testCredential()).error).toBeUndefined();
		const stored = harness.credentials.store.get('pharmaOneApi') ?? {};
		harness.credentials.set('pharmaOneApi', { ...stored, apiKey: 'dummy-wrong-key' });
		// Without a token for the edited key the credential test is answered 401; n8n then exchanges the key.
		mock.scope.get(`${V2}/shops`).reply(401, errors.kongUnauthorized);
		const refused = pharmaOneMock({ apiKey: 'dummy-wrong-key', refuse: true });
		const result = await harness.testCredential();
		expect(refused.state.tokenExchanges).toBe(1);
		expect(result.error).toMatchObject({ httpCode: '401' });
	});

	test('the credential test fails when the organization does not match the key', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).reply(403, errors.orgMismatch);
		const result = await harness.testCredential();
		expect(result.error).toBeDefined();
	});

	test('Production is the default environment', async () => {
		const harness = new EngineHarness({ pharmaOneApi: { organizationId: ORG_ID, apiKey: DUMMY_API_KEY } });
		const production = pharmaOneMock({ baseUrl: 'https://manager.prod.pharmaone.shop' });
		production.scope.get(`${V2}/shops`).matchHeader('authorization', production.bearer(1)).reply(200, shops);
		const result = await harness.run({ parameters: { resource: 'shop', operation: 'getAll', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(4);
		expect(production.state.tokenExchanges).toBe(1);
		expect(pendingData()).toEqual([]);
	});
});

describe('authenticate', () => {
	const credential = new PharmaOneApi();
	const stored = { ...CUSTOM_CREDENTIALS, accessToken: dummyJwt(3), tokenSource: tokenSource(CUSTOM_CREDENTIALS) };
	const authenticate = credential.authenticate as (
		c: typeof stored,
		o: { method?: string; url: string; headers?: Record<string, string> },
	) => Promise<{ headers: Record<string, string> }>;

	test('sends the JWT as Bearer on v2 routes and never the API key', async () => {
		const options = await authenticate(stored, { method: 'POST', url: `${BASE_URL}${V2}/order-requests` });
		expect(options.headers.Authorization).toBe(`Bearer ${dummyJwt(3)}`);
		expect(options.headers.apikey).toBeUndefined();
	});

	test('sends the raw API key and no JWT on the v1 order-request route', async () => {
		const options = await authenticate(stored, {
			method: 'POST',
			url: `${BASE_URL}/api/v1/public/orgs/${ORG_ID}/order-requests`,
			headers: { Authorization: 'Bearer stale-dummy' },
		});
		expect(options.headers.apikey).toBe(DUMMY_API_KEY);
		expect(options.headers.Authorization).toBeUndefined();
	});

	test('a token issued for other settings is never sent (PharmaOne answers 401 and n8n exchanges the key)', async () => {
		const options = await authenticate({ ...stored, tokenSource: 'other' }, { url: `${BASE_URL}${V2}/shops` });
		expect(options.headers).toEqual({});
	});

	test('the hidden token property is expirable and a password', () => {
		const token = credential.properties.find((p) => p.name === 'accessToken');
		expect(token?.type).toBe('hidden');
		expect(token?.typeOptions).toMatchObject({ expirable: true, password: true });
	});
});
