import nock from 'nock';
import { sleep } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { RESOURCES } from '../../../../nodes/PharmaOne/actions/resources';
import type { OperationModule } from '../../../../nodes/PharmaOne/actions/types';
import { requestOptions } from '../../../../nodes/PharmaOne/descriptions/requestOptions';
import {
	AUTOMATIC_PARALLEL_REQUESTS,
	MAX_PARALLEL_REQUESTS,
	STOCK_LEVEL_PARALLEL,
	parallelRequests,
} from '../../../../nodes/PharmaOne/helpers/parallel';
import { EngineHarness } from '../../../harness/engine';
import { CUSTOM_CREDENTIALS, V2 } from '../../../harness/fixtures';
import { pharmaOneMock } from '../../../harness/fakePharmaOne';
import adjusted from '../../../fixtures/inventory/adjust.json';
import order from '../../../fixtures/order/get.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const getOrder = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'order',
	operation: 'get',
	orderId: byId('={{ $json.id }}'),
	requestOptions: options,
});

const adjustStock = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'inventory',
	operation: 'adjust',
	productId: byId('={{ $json.id }}'),
	reason: 'POS sale',
	deltaOnHand: -1,
	requestOptions: options,
});

const itemsOf = (count: number, prefix = 'ORD_') =>
	Array.from({ length: count }, (_, k) => ({ json: { id: `${prefix}${k}` } }));

function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

interface Traffic {
	maxInFlight: number;
	/** [start, end] of every data request, in arrival order, in ms. */
	spans: Array<[number, number]>;
}

/** Answers `count` requests of `interceptor` after `delayMs`, recording how many were in flight. */
function answerSlowly(interceptor: nock.Interceptor, count: number, reply: (uri: string) => object, delayMs = 15): Traffic {
	const traffic: Traffic = { maxInFlight: 0, spans: [] };
	let inFlight = 0;
	interceptor.times(count).reply((uri, _body, callback) => {
		inFlight++;
		traffic.maxInFlight = Math.max(traffic.maxInFlight, inFlight);
		const span: [number, number] = [Date.now(), 0];
		traffic.spans.push(span);
		void sleep(delayMs).then(() => {
			inFlight--;
			span[1] = Date.now();
			callback(null, [200, reply(uri)]);
		});
	});
	return traffic;
}

const orderReply = (uri: string) => ({ ...order, id: uri.split('/').pop() });

afterEach(() => nock.cleanAll());

describe('Parallel Requests by default (automatic)', () => {
	test(`a read runs ${AUTOMATIC_PARALLEL_REQUESTS} items at a time, output in input order with pairedItem`, async () => {
		const mock = pharmaOneMock();
		// A few more items than the limit, each answered slowly enough that the limit fills on a slow host too.
		const count = AUTOMATIC_PARALLEL_REQUESTS + 16;
		const traffic = answerSlowly(mock.scope.get(/\/orders\/ORD_\d+$/), count, orderReply, 300);
		const items = itemsOf(count);
		const result = await harness().run({ parameters: getOrder(), items });
		expect(result.error).toBeUndefined();
		expect(traffic.maxInFlight).toBe(AUTOMATIC_PARALLEL_REQUESTS);
		expect(result.json.map((row) => row.id)).toEqual(items.map((item) => item.json.id));
		expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, k) => ({ item: k })));
		expect(mock.state.tokenExchanges).toBe(1);
	});

	test('the first item runs alone, so the token is exchanged once before the others start', async () => {
		const mock = pharmaOneMock();
		const traffic = answerSlowly(mock.scope.get(/\/orders\/ORD_\d+$/), 10, orderReply);
		const result = await harness().run({ parameters: getOrder(), items: itemsOf(10) });
		expect(result.error).toBeUndefined();
		const [first, ...others] = traffic.spans;
		expect(others.every(([start]) => start >= first[1])).toBe(true);
		expect(mock.state.tokenExchanges).toBe(1);
	});

	test('a stock adjustment (not safe to repeat) runs one item at a time', async () => {
		const mock = pharmaOneMock();
		const traffic = answerSlowly(mock.scope.post(`${V2}/inventory/adjust`), 6, () => adjusted);
		const result = await harness().run({ parameters: adjustStock(), items: itemsOf(6, '') });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(6);
		expect(traffic.maxInFlight).toBe(1);
	});

	test('every operation is automatic: parallel exactly when all of its routes are safe to repeat, or as it orders its own writes', () => {
		const operations = Object.values(RESOURCES).flatMap(
			(resource) => Object.values((resource as { operations: Record<string, OperationModule> }).operations),
		);
		expect(operations.length).toBeGreaterThan(20);
		for (const operation of operations) {
			const safe = operation.routes.every((route) => route.idempotent);
			expect([operation.option.action, parallelRequests(undefined, operation)]).toEqual([
				operation.option.action,
				operation.automaticParallel ?? (safe ? AUTOMATIC_PARALLEL_REQUESTS : 1),
			]);
			expect(parallelRequests(0, operation)).toBe(parallelRequests(undefined, operation));
		}
		const own = operations.filter((operation) => operation.automaticParallel !== undefined);
		expect(own.map((operation) => [operation.option.action, parallelRequests(undefined, operation)])).toEqual([
			['Set the stock level of a product', STOCK_LEVEL_PARALLEL],
		]);
		expect(STOCK_LEVEL_PARALLEL).toBeGreaterThan(1);
		const writes = operations.filter((operation) => parallelRequests(undefined, operation) === 1);
		expect(writes.map((operation) => operation.option.action).sort()).toEqual(
			expect.arrayContaining(['Adjust inventory stock', 'Create an order request', 'Create a telemedicine order', 'Create a prescription']),
		);
	});

	test('the option says what 0 does and allows up to the cap', () => {
		const option = (requestOptions.options as Array<{ name: string; default: unknown; typeOptions?: object; description?: string }>).find(
			(entry) => entry.name === 'parallelRequests',
		);
		expect(option?.default).toBe(0);
		expect(option?.typeOptions).toEqual({ minValue: 0, maxValue: MAX_PARALLEL_REQUESTS });
		expect(option?.description).toContain(`0 (default) means automatic: up to ${AUTOMATIC_PARALLEL_REQUESTS} at a time`);
	});
});

describe('Parallel Requests set by the user', () => {
	test.each([
		['a read', 5],
		['a read', 1],
	])('%s never has more than %i in flight', async (_what, setting) => {
		const mock = pharmaOneMock();
		const traffic = answerSlowly(mock.scope.get(/\/orders\/ORD_\d+$/), 30, orderReply, 5);
		const result = await harness().run({ parameters: getOrder({ parallelRequests: setting }), items: itemsOf(30) });
		expect(result.error).toBeUndefined();
		expect(traffic.maxInFlight).toBe(setting);
	});

	test('raising it runs a stock adjustment several at a time', async () => {
		const mock = pharmaOneMock();
		const traffic = answerSlowly(mock.scope.post(`${V2}/inventory/adjust`), 12, () => adjusted);
		const result = await harness().run({ parameters: adjustStock({ parallelRequests: 4 }), items: itemsOf(12, '') });
		expect(result.error).toBeUndefined();
		expect(traffic.maxInFlight).toBe(4);
	});

	test(`a value above ${MAX_PARALLEL_REQUESTS} is capped`, async () => {
		const mock = pharmaOneMock();
		const count = MAX_PARALLEL_REQUESTS + 16;
		const traffic = answerSlowly(mock.scope.get(/\/orders\/ORD_\d+$/), count, orderReply, 300);
		const result = await harness().run({ parameters: getOrder({ parallelRequests: 1000 }), items: itemsOf(count) });
		expect(result.error).toBeUndefined();
		expect(traffic.maxInFlight).toBe(MAX_PARALLEL_REQUESTS);
	});
});

describe('rate limit with requests in flight', () => {
	// n8n 1.x keeps no response headers in its errors, so there the client cannot read Retry-After.
	test('one 429 pauses every request in flight for Retry-After', async () => {
		const mock = pharmaOneMock();
		const arrivals: Array<{ at: number; id: string }> = [];
		let limitedAt = 0;
		// More items than the default lets in flight, so some are still to be sent when the 429 comes.
		const count = AUTOMATIC_PARALLEL_REQUESTS + 200;
		mock.scope
			.get(/\/orders\/ORD_\d+$/)
			.times(count + 1)
			.reply((uri, _body, callback) => {
				arrivals.push({ at: Date.now(), id: uri.split('/').pop() as string });
				void sleep(30).then(() => {
					if (uri.endsWith('/ORD_5') && limitedAt === 0) {
						limitedAt = Date.now();
						callback(null, [429, { message: 'API rate limit exceeded' }, { 'Retry-After': '1' }]);
					} else {
						callback(null, [200, orderReply(uri)]);
					}
				});
			});
		const result = await harness().run({ parameters: getOrder(), items: itemsOf(count) });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(count);
		expect(limitedAt).toBeGreaterThan(0);
		// Without a shared pause the other items would all be done long before ORD_5 is sent again.
		const heldBack = arrivals.filter(({ at, id }) => id !== 'ORD_5' && at >= limitedAt + 900);
		expect(heldBack.length).toBeGreaterThan(10);
		const sorted = arrivals.map(({ at }) => at).sort((a, b) => a - b);
		expect(Math.max(...sorted.slice(1).map((at, k) => at - sorted[k]))).toBeGreaterThanOrEqual(900);
	});
});
