import nock from 'nock';
import { sleep } from 'n8n-workflow';

import { PharmaOneClient } from '../../../nodes/shared/client';
import { describeFailure } from '../../../nodes/shared/errors';
import { parseRetryAfter, retryDelay } from '../../../nodes/shared/retry';
import { ROUTES } from '../../../nodes/shared/routes';
import { EngineHarness } from '../../harness/engine';
import { CUSTOM_CREDENTIALS, V2, dummyJwt } from '../../harness/fixtures';
import { tokenSource } from '../../../nodes/shared/connection';
import { pharmaOneMock } from '../../harness/fakePharmaOne';
import order from '../../fixtures/order/get.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const getOrder = (requestOptions = {}) => ({
	resource: 'order',
	operation: 'get',
	orderId: byId('={{ $json.id }}'),
	requestOptions,
});

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

describe('retry policy', () => {
	test('429 with Retry-After is retried and succeeds', async () => {
		const mock = pharmaOneMock();
		let calls = 0;
		mock.scope.get(`${V2}/orders/ORD_1`).times(2).reply(() => (++calls === 1 ? [429, { error: 'rate_limited' }, { 'Retry-After': '0' }] : [200, order]));
		const result = await harness().run({ parameters: getOrder(), items: [{ json: { id: 'ORD_1' } }] });
		expect(result.error).toBeUndefined();
		expect(calls).toBe(2);
	});

	test('503 on a read is retried with backoff', async () => {
		const mock = pharmaOneMock();
		let calls = 0;
		mock.scope.get(`${V2}/orders/ORD_1`).times(2).reply(() => (++calls === 1 ? [503, 'unavailable'] : [200, order]));
		const result = await harness().run({ parameters: getOrder(), items: [{ json: { id: 'ORD_1' } }] });
		expect(result.error).toBeUndefined();
		expect(calls).toBe(2);
	});

	test('attempts are bounded: a route that always fails with 503 is tried 4 times', async () => {
		const mock = pharmaOneMock();
		let calls = 0;
		mock.scope.get(`${V2}/orders/ORD_1`).times(10).reply(() => {
			calls++;
			return [503, { error: 'unavailable' }, { 'Retry-After': '0' }];
		});
		const result = await harness().run({ parameters: getOrder(), items: [{ json: { id: 'ORD_1' } }] });
		expect(result.error?.message).toBe('PharmaOne failed to process the request (HTTP 503)');
		expect(calls).toBe(4);
	});

	test('with retries turned off a 429 fails at once with advice', async () => {
		const mock = pharmaOneMock();
		let calls = 0;
		mock.scope.get(`${V2}/orders/ORD_1`).times(3).reply(() => {
			calls++;
			return [429, {}, { 'Retry-After': '7' }];
		});
		const result = await harness().run({ parameters: getOrder({ retry: false }), items: [{ json: { id: 'ORD_1' } }] });
		expect(calls).toBe(1);
		expect(result.error?.message).toBe('PharmaOne is rate limiting requests (HTTP 429)');
		// n8n 1.x drops the response headers from its error, so Retry-After is only read from 2.x on.
		expect(result.error?.description).toContain('PharmaOne asked to wait 7 seconds');
	});

	test.each([
		['inventory adjust', ROUTES.inventory.adjust],
		['add to inventory', ROUTES.product.addToInventory],
		['order request v2', ROUTES.orderRequest.create],
		['order request v1', ROUTES.orderRequest.createV1],
		['telemedicine order', ROUTES.telemedicineOrder.create],
		['prescription ingest', ROUTES.prescription.create],
	])('%s is never repeated after a 5xx or a network error, only after a 429', (_name, route) => {
		expect(retryDelay({ httpCode: '500' }, route, 1)).toBeUndefined();
		expect(retryDelay({ httpCode: '503', response: { status: 503, headers: { 'retry-after': '1' } } }, route, 1)).toBeUndefined();
		expect(retryDelay({ code: 'ECONNRESET' }, route, 1)).toBeUndefined();
		expect(retryDelay({ response: { status: 429, headers: { 'retry-after': '2' } } }, route, 1)).toBe(2000);
		const { description } = describeFailure({ status: 500 }, { route, host: 'https://manager.sandbox.test' });
		expect(description).toContain('may or may not have applied this request');
	});

	test.each([
		['get order', ROUTES.order.get],
		['put order', ROUTES.order.update],
		['status patch', ROUTES.order.updateStatus],
		['order upsert', ROUTES.order.upsert],
	])('%s is retried after a 5xx and a network error', (_name, route) => {
		expect(retryDelay({ httpCode: '502' }, route, 1)).toBeGreaterThanOrEqual(300);
		expect(retryDelay({ code: 'ECONNRESET' }, route, 2)).toBeGreaterThanOrEqual(600);
		expect(retryDelay({ httpCode: '400' }, route, 1)).toBeUndefined();
		expect(retryDelay({ httpCode: '404' }, route, 1)).toBeUndefined();
	});

	test('Retry-After accepts seconds and HTTP dates; a wait over 30 s is not attempted', () => {
		const now = Date.parse('2026-11-26T12:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:05 GMT', now)).toBe(5000);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(retryDelay({ response: { status: 429, headers: { 'retry-after': '120' } } }, ROUTES.order.get, 1)).toBeUndefined();
	});
});

describe('Parallel Requests', () => {
	test('8 requests in flight, output in input order with pairedItem', async () => {
		const mock = pharmaOneMock();
		let inFlight = 0;
		let maxInFlight = 0;
		mock.scope
			.get(/\/orders\/ORD_\d+$/)
			.times(24)
			.reply((uri, _body, callback) => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				const id = uri.split('/').pop() as string;
				void sleep(20 + (Number(id.slice(4)) % 3) * 10).then(() => {
					inFlight--;
					callback(null, [200, { ...order, id }]);
				});
			});
		const items = Array.from({ length: 24 }, (_, k) => ({ json: { id: `ORD_${k}` } }));
		const result = await harness().run({ parameters: getOrder({ parallelRequests: 8 }), items });
		expect(result.error).toBeUndefined();
		expect(result.json.map((row) => row.id)).toEqual(items.map((item) => item.json.id));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, k) => ({ item: k })));
		expect(maxInFlight).toBe(8);
		expect(mock.state.tokenExchanges).toBe(1);
	});

	test('a token revoked mid-run with 8 requests in flight is exchanged once for all of them', async () => {
		const mock = pharmaOneMock();
		const refusedWithFirstToken: string[] = [];
		mock.scope
			.get(/\/orders\/ORD_\d+$/)
			.times(200)
			.reply(function (uri, _body, callback) {
				const id = uri.split('/').pop() as string;
				const authorization = String(this.req.headers.authorization);
				void sleep(5).then(() => {
					// From item 10 on PharmaOne no longer accepts the first token.
					if (Number(id.slice(4)) >= 10 && authorization === mock.bearer(1)) {
						refusedWithFirstToken.push(id);
						callback(null, [401, { message: 'Unauthorized' }]);
					} else {
						callback(null, [200, { ...order, id }]);
					}
				});
			});
		const items = Array.from({ length: 40 }, (_, k) => ({ json: { id: `ORD_${k}` } }));
		const result = await harness().run({ parameters: getOrder({ parallelRequests: 8 }), items });
		expect(result.error).toBeUndefined();
		expect(result.json.map((row) => row.id)).toEqual(items.map((item) => item.json.id));
		expect(refusedWithFirstToken.length).toBeGreaterThan(1);
		expect(mock.state.tokenExchanges).toBe(2);
		nock.cleanAll();
	});

	test('a key refused while 5 items run (Continue On Fail): one exchange attempt, every item says the key was refused', async () => {
		const harness = new EngineHarness({
			pharmaOneApi: { ...CUSTOM_CREDENTIALS, accessToken: dummyJwt(0), tokenSource: tokenSource(CUSTOM_CREDENTIALS) },
		});
		const mock = pharmaOneMock({ refuse: true });
		let reads = 0;
		mock.scope
			.get(/\/orders\/ORD_\d+$/)
			.times(20)
			.reply(() => {
				reads++;
				return [401, { message: 'Unauthorized' }];
			});
		const items = Array.from({ length: 5 }, (_, k) => ({ json: { id: `ORD_${k}` } }));
		const result = await harness.run({ parameters: getOrder({ parallelRequests: 1 }), items, continueOnFail: true });
		expect(result.json.map((row) => row.error)).toEqual(Array.from({ length: 5 }, () => expect.stringMatching(/^PharmaOne refused the API key \(HTTP 401\)/)));
		expect(mock.state.tokenExchanges).toBe(1);
		// The first item's read, and once more to let n8n meet the 401; the others are not sent.
		expect(reads).toBe(2);
		nock.cleanAll();
	});

	test('a token that expires again before a waiting request is sent is exchanged again; a request whose own refresh is refused twice stops', async () => {
		const harness = new EngineHarness({
			pharmaOneApi: { ...CUSTOM_CREDENTIALS, accessToken: dummyJwt(0), tokenSource: tokenSource(CUSTOM_CREDENTIALS) },
		});
		const mock = pharmaOneMock();
		const seen: string[] = [];
		mock.scope
			.get(`${V2}/orders/ORD_1`)
			.times(10)
			.reply(function () {
				const auth = String(this.req.headers.authorization);
				seen.push(auth);
				// Tokens 0 and 1 are refused (1 expired before the request could use it); token 2 works.
				return auth === mock.bearer(2) ? [200, order] : [401, { error: 'invalid_token', message: 'Token expired' }];
			});
		const result = await harness.run({ parameters: getOrder(), items: [{ json: { id: 'ORD_1' } }] });
		expect(result.error).toBeUndefined();
		expect(mock.state.tokenExchanges).toBe(2);
		expect(seen.at(-1)).toBe(mock.bearer(2));

		// Refused whatever the token: the 401 is returned after two refreshes of its own, not exchanged for ever.
		mock.scope.get(`${V2}/orders/ORD_2`).times(20).reply(401, { error: 'invalid_token', message: 'Token expired' });
		const refused = await harness.run({ parameters: getOrder(), items: [{ json: { id: 'ORD_2' } }] });
		expect(refused.error?.message).toMatch(/^PharmaOne refused the API key \(HTTP 401\)/);
		expect(mock.state.tokenExchanges).toBe(4);
		nock.cleanAll();
	});

	test('a failure stops the run with the first failing item’s error', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(/\/orders\/ORD_\d+$/).times(10).reply((uri) => (uri.endsWith('ORD_3') ? [404, {}] : [200, order]));
		const items = Array.from({ length: 10 }, (_, k) => ({ json: { id: `ORD_${k}` } }));
		const result = await harness().run({ parameters: getOrder({ parallelRequests: 4 }), items });
		expect(result.error?.message).toBe('Order "ORD_3" was not found');
		expect(result.error?.context?.itemIndex).toBe(3);
		nock.cleanAll();
	});
});

describe('declared routes', () => {
	test('a request to a route the operation does not declare fails before anything is sent', async () => {
		const sent: unknown[] = [];
		const context = {
			getNode: () => ({ id: 'n', name: 'PharmaOne', type: 'n8n-nodes-pharmaone.pharmaOne', typeVersion: 1, position: [0, 0], parameters: {} }),
			getCredentials: async () => CUSTOM_CREDENTIALS,
			helpers: {
				httpRequest: async (options: unknown) => sent.push(options),
				httpRequestWithAuthentication: async (_type: string, options: unknown) => sent.push(options),
			},
		} as unknown as ConstructorParameters<typeof PharmaOneClient>[0];
		const client = new PharmaOneClient(context, { routes: [ROUTES.order.get] });
		await expect(client.request(ROUTES.order.getAll, { itemIndex: 2 })).rejects.toThrow(
			'This operation sent GET /api/v2/public/orgs/{orgId}/orders, a route it does not declare',
		);
		expect(sent).toEqual([]);
	});
});
