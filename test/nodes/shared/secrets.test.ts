import { AUTOMATIC_PARALLEL_REQUESTS } from '../../../nodes/PharmaOne/helpers/parallel';
import { EngineHarness } from '../../harness/engine';
import { CUSTOM_CREDENTIALS, DUMMY_API_KEY, V2, dummyJwt } from '../../harness/fixtures';
import { pharmaOneMock } from '../../harness/fakePharmaOne';
import errors from '../../fixtures/errors.json';
import order from '../../fixtures/order/get.json';

/** Serialises everything n8n keeps of a run, errors with all their own properties and causes. */
function everything(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, function (_key, v: unknown) {
		if (v !== null && typeof v === 'object') {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
		}
		if (v instanceof Error) {
			const out: Record<string, unknown> = { message: v.message, stack: v.stack, name: v.name };
			for (const key of Object.getOwnPropertyNames(v)) out[key] = (v as unknown as Record<string, unknown>)[key];
			return out;
		}
		return v;
	});
}

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('secrets never reach output, errors or execution data', () => {
	const cases: Array<[string, (mock: ReturnType<typeof pharmaOneMock>) => void]> = [
		['success', (mock) => mock.scope.get(`${V2}/orders/ORD_1`).reply(200, order)],
		['401 after the exchange', (mock) => mock.scope.get(`${V2}/orders/ORD_1`).times(2).reply(401, errors.kongUnauthorized)],
		['403 scope', (mock) => mock.scope.get(`${V2}/orders/ORD_1`).reply(403, errors.insufficientScope)],
		['500', (mock) => mock.scope.get(`${V2}/orders/ORD_1`).times(4).reply(500, { error: 'boom' })],
	];

	test('network error (connection refused on a closed loopback port)', async () => {
		const harness = new EngineHarness({ pharmaOneApi: { ...CUSTOM_CREDENTIALS, baseUrl: 'http://127.0.0.1:9' } });
		const result = await harness.run({ parameters: { resource: 'order', operation: 'get', orderId: byId('ORD_1') } });
		expect(result.error?.message).toBe('Could not reach PharmaOne at http://127.0.0.1:9');
		expect(result.error?.description).toContain('Network error: ECONNREFUSED');
		const dump = everything(result);
		expect(dump).not.toContain(DUMMY_API_KEY);
		expect(dump).not.toMatch(/Bearer /);
	});

	test.each(cases)('%s', async (_name, setup) => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		setup(mock);
		for (const continueOnFail of [false, true]) {
			const result = await harness.run({
				continueOnFail,
				parameters: { resource: 'order', operation: 'get', orderId: byId('ORD_1') },
			});
			const dump = everything({ run: result.run, json: result.json, error: result.error });
			expect(dump).not.toContain(DUMMY_API_KEY);
			for (let n = 0; n <= 5; n++) expect(dump).not.toContain(dummyJwt(n));
			expect(dump).not.toMatch(/Bearer /);
		}
	});

	test('a refused token exchange does not leak the key', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		pharmaOneMock({ refuse: true });
		const result = await harness.run({ parameters: { resource: 'order', operation: 'get', orderId: byId('ORD_1') } });
		expect(result.error).toBeDefined();
		expect(everything(result)).not.toContain(DUMMY_API_KEY);
	});
});

describe('token revoked half-way through a 1,000-item run', () => {
	test('0 failed items and exactly one extra token exchange', async () => {
		const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
		const mock = pharmaOneMock();
		let served = 0;
		mock.scope
			.get(/\/orders\/ORD_\d+$/)
			// The requests in flight when the token dies (Parallel Requests, automatic) are each sent twice,
			// and the one that makes n8n exchange the key once more.
			.times(1000 + AUTOMATIC_PARALLEL_REQUESTS + 1)
			.reply(function (uri) {
				const auth = String(this.req.headers.authorization);
				if (served >= 500 && auth === mock.bearer(1)) return [401, { error: 'invalid_token', message: 'Token revoked' }];
				served++;
				return [200, { ...order, id: uri.split('/').pop() }];
			});
		const items = Array.from({ length: 1000 }, (_, k) => ({ json: { id: `ORD_${k}` } }));
		const result = await harness.run({
			parameters: { resource: 'order', operation: 'get', orderId: byId('={{ $json.id }}') },
			items,
			continueOnFail: true,
		});
		expect(result.json.filter((row) => row.error !== undefined)).toHaveLength(0);
		expect(result.json).toHaveLength(1000);
		expect(served).toBe(1000);
		expect(mock.state.tokenExchanges).toBe(2);
	}, 180_000);
});
