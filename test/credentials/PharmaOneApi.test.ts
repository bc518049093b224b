import nock from 'nock';

import { PharmaOneApi } from '../../credentials/PharmaOneApi.credentials';
import { tokenSource } from '../../nodes/shared/connection';
import { CREDENTIAL_TEST_FORBIDDEN, ORG_MISMATCH_MESSAGE } from '../../nodes/shared/errors';
import { createSandbox } from '../../sandbox/server';
import type { SandboxOptions } from '../../sandbox/server';
import { testCredentialLikeN8n } from '../harness/credentialTester';
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

	test('an expired token is answered 401, exchanged once, and the request sent again with the new token', async () => {
		const harness = new EngineHarness({
			pharmaOneApi: { ...CUSTOM_CREDENTIALS, accessToken: dummyJwt(0), tokenSource: tokenSource(CUSTOM_CREDENTIALS) },
		});
		const mock = pharmaOneMock();
		const seen: string[] = [];
		mock.scope
			.get(`${V2}/orders/${ORDER_ID}`)
			.times(3)
			.reply(function () {
				const auth = String(this.req.headers.authorization);
				seen.push(auth);
				return auth === mock.bearer(1) ? [200, order] : [401, { error: 'invalid_token', message: 'Token expired' }];
			});

		const result = await harness.run({ parameters: getOrderParameters(), items: orderItems(1) });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([order]);
		// The 401 comes back to the client as an answer; the request is sent once more with n8n's
		// refresh on, so n8n meets the 401 itself, exchanges the key and sends it with the new token.
		expect(seen).toEqual([`Bearer ${dummyJwt(0)}`, `Bearer ${dummyJwt(0)}`, mock.bearer(1)]);
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
		expect(result.error?.message).toMatch(/refused the API key \(HTTP 401\)/);
	});

	test('a 403 on the shop list fails the credential test with the translator\'s wording, not "Forbidden"', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/shops`).reply(403, errors.orgMismatch);
		expect(await testCredentialLikeN8n(harness, 'pharmaOneApi')).toMatchObject({ status: 'Error', message: CREDENTIAL_TEST_FORBIDDEN });
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

const REFUSED_KEY = 'PharmaOne refused the API key (HTTP 401): it is wrong, revoked, or for another environment';

describe('credential test and token exchange use the error translator of data routes', () => {
	test('a wrong API key: the test shows the translated message, after one exchange attempt', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const exchange = nock(BASE_URL).post(`${V2}/auth/token`).times(2).reply(401, errors.kongUnauthorized);
		const list = nock(BASE_URL).get(`${V2}/shops`).reply(200, shops);
		const outcome = await testCredentialLikeN8n(harness, 'pharmaOneApi');
		expect(outcome).toMatchObject({ status: 'Error', message: REFUSED_KEY });
		expect(exchange.pendingMocks()).toHaveLength(1); // tried once: n8n does not repeat a translated failure
		expect(list.isDone()).toBe(false);
	});

	test('the backend\'s 401 body and a 403 org_mismatch at the exchange are translated too', async () => {
		nock(BASE_URL).post(`${V2}/auth/token`).reply(401, { error: 'Invalid or missing API key' });
		expect(await testCredentialLikeN8n(new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }), 'pharmaOneApi')).toMatchObject({
			message: REFUSED_KEY,
		});
		nock(BASE_URL).post(`${V2}/auth/token`).reply(403, errors.orgMismatch);
		expect(await testCredentialLikeN8n(new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }), 'pharmaOneApi')).toMatchObject({
			status: 'Error',
			message: ORG_MISMATCH_MESSAGE,
		});
	});

	test('a token whose org_id is another organization fails the exchange with the org_mismatch message', async () => {
		const otherOrgToken = `${dummyJwt(1).split('.')[0]}.${Buffer.from(JSON.stringify({ org_id: 'org2' })).toString('base64url')}.dummy-signature`;
		nock(BASE_URL).post(`${V2}/auth/token`).reply(200, { access_token: otherOrgToken });
		const data = nock(BASE_URL).get(`${V2}/shops`).reply(200, shops);
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		expect(await testCredentialLikeN8n(harness, 'pharmaOneApi')).toMatchObject({ status: 'Error', message: ORG_MISMATCH_MESSAGE });
		expect(data.isDone()).toBe(false);
		expect(harness.credentials.store.get('pharmaOneApi')?.accessToken).toBeUndefined(); // nothing stored
	});

	test('in a workflow, a refused key names the fix and says nothing about the data request being applied', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		nock(BASE_URL).post(`${V2}/auth/token`).reply(401, errors.kongUnauthorized);
		const adjust = nock(BASE_URL).post(`${V2}/inventory/adjust`).reply(200, {});
		const result = await harness.run({
			parameters: { resource: 'inventory', operation: 'adjust', productId: { __rl: true, mode: 'id', value: '12345' }, reason: 'sale', deltaOnHand: -1 },
		});
		expect(result.error?.message).toBe(REFUSED_KEY);
		expect(result.error?.description).toMatch(/Organization ID/);
		expect(adjust.isDone()).toBe(false);
	});

	test('a token exchange that fails with 503 is retried even before a write, which was never sent', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		let calls = 0;
		nock(BASE_URL)
			.post(`${V2}/auth/token`)
			.times(2)
			.reply(() => (++calls === 1 ? [503, { error: 'unavailable' }, { 'Retry-After': '0' }] : [200, { access_token: dummyJwt(1) }]));
		nock(BASE_URL).post(`${V2}/inventory/adjust`).reply(200, { status: 'ok', id: 'log-1' });
		const result = await harness.run({
			parameters: { resource: 'inventory', operation: 'adjust', productId: { __rl: true, mode: 'id', value: '12345' }, reason: 'sale', deltaOnHand: -1 },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([{ status: 'ok', id: 'log-1' }]);
		expect(calls).toBe(2);
	});

	test('a token exchange that keeps failing with 500 before a write does not claim the write may have been applied', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		nock(BASE_URL).post(`${V2}/auth/token`).times(4).reply(500, { error: 'internal' });
		const result = await harness.run({
			parameters: { resource: 'inventory', operation: 'adjust', productId: { __rl: true, mode: 'id', value: '12345' }, reason: 'sale', deltaOnHand: -1 },
			continueOnFail: true,
		});
		expect(result.json[0]).toMatchObject({ error: 'PharmaOne failed to process the request (HTTP 500)' });
		expect(String(result.json[0].description ?? '')).not.toMatch(/may or may not have applied/);
	});

	describe.each<[NonNullable<SandboxOptions['keyOrgMismatch']>, string]>([
		['token-401', REFUSED_KEY],
		['token-403', ORG_MISMATCH_MESSAGE],
		['route-403', ORG_MISMATCH_MESSAGE],
	])('against the sandbox answering another organization\'s ID with %s', (keyOrgMismatch, message) => {
		test('right settings → OK; wrong key → the refused-key message; another organization → its message', async () => {
			const sandbox = createSandbox({ orderCount: 1, apiKey: 'dummy-sandbox-credential-key', keyOrgMismatch });
			const { baseUrl } = await sandbox.start();
			const credential = (apiKey: string, organizationId: string) =>
				new EngineHarness({ pharmaOneApi: { environment: 'custom', baseUrl, organizationId, apiKey } });
			try {
				expect(await testCredentialLikeN8n(credential('dummy-sandbox-credential-key', 'org1'), 'pharmaOneApi')).toMatchObject({ status: 'OK' });
				expect(await testCredentialLikeN8n(credential('dummy-wrong-key', 'org1'), 'pharmaOneApi')).toMatchObject({
					status: 'Error',
					message: REFUSED_KEY,
				});
				expect(await testCredentialLikeN8n(credential('dummy-sandbox-credential-key', 'org2'), 'pharmaOneApi')).toMatchObject({
					status: 'Error',
					message,
				});
			} finally {
				await sandbox.stop();
			}
		});
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

	test('never sets the raw API key, whatever the route (the client sends it where the route table says)', async () => {
		const options = await authenticate(stored, {
			method: 'POST',
			url: `${BASE_URL}/api/v1/public/orgs/${ORG_ID}/order-requests`,
			headers: { Authorization: 'Bearer stale-dummy' },
		});
		expect(options.headers.apikey).toBeUndefined();
		expect(options.headers.Authorization).toBe(`Bearer ${stored.accessToken}`);
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
