import nock from 'nock';

import { deduplicationStore } from '../harness/deduplication';
import { EngineHarness } from '../harness/engine';
import { CUSTOM_CREDENTIALS, DUMMY_API_KEY, V2, dummyJwt } from '../harness/fixtures';
import { pharmaOneMock } from '../harness/fakePharmaOne';
import { TOOL_NODE_TYPE } from '../harness/toolType';
import errors from '../fixtures/errors.json';
import adjusted from '../fixtures/inventory/adjust.json';
import order from '../fixtures/order/get.json';
import orderList from '../fixtures/order/getAll.json';
import stats from '../fixtures/report/getStats.json';

/*
 * The node run as n8n runs PharmaOne Tool (type n8n-nodes-pharmaone.pharmaOneTool) inside n8n-core's engine:
 * customer data left out by default, the Customer Data option, small lists, errors with their hint.
 * (What the model is sent about the tool: modelView.test.ts; the real AI Agent and MCP: test/e2e/ai.js.)
 */

const ORDER_ID = order.id;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const PERSONAL = ['customer_name', 'customer_email', 'payment_reference', 'shipping_address'];
const harness = () => new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });

function runGet(nodeType: string | undefined, requestOptions: Record<string, string> = {}) {
	pharmaOneMock().scope.get(`${V2}/orders/${ORDER_ID}`).reply(200, order);
	return harness().run({ nodeType, parameters: { resource: 'order', operation: 'get', orderId: byId(ORDER_ID), requestOptions } });
}

describe('Order → Get', () => {
	test('as a tool: no name, email, payment reference or address; ID, status, items, flags and money stay', async () => {
		const result = await runGet(TOOL_NODE_TYPE);
		expect(result.error).toBeUndefined();
		const { customer_name, customer_email, payment_reference, shipping_address, ...rest } = order;
		expect([customer_name, customer_email, payment_reference, shipping_address]).not.toContain(undefined);
		expect(result.json).toEqual([rest]);
		const text = JSON.stringify(result.json);
		for (const value of [order.customer_name, order.customer_email, order.payment_reference, order.shipping_address.phone, order.shipping_address.street]) {
			expect(text).not.toContain(value);
		}
	});

	test('as a tool with Customer Data: Include, the whole order', async () => {
		expect((await runGet(TOOL_NODE_TYPE, { customerData: 'include' })).json).toEqual([order]);
	});

	test('as a regular node: the whole order, as before; with Customer Data: Leave Out, none of it', async () => {
		expect((await runGet(undefined)).json).toEqual([order]);
		const left = (await runGet(undefined, { customerData: 'leaveOut' })).json[0];
		expect(Object.keys(left).filter((key) => PERSONAL.includes(key))).toEqual([]);
		expect(left.id).toBe(ORDER_ID);
	});
});

describe('Order → Get Many as a tool', () => {
	test('asks PharmaOne for 10 orders (the tool default) and leaves out customer names', async () => {
		const mock = pharmaOneMock();
		const rows = Array.from({ length: 10 }, (_, k) => ({ ...orderList.data[k % orderList.data.length], id: `ORD_20260614_${k}` }));
		mock.scope.get(`${V2}/orders`).query({ limit: '10', offset: '0' }).reply(200, { data: rows, pagination: { limit: 10, offset: 0, total: 60 } });
		const result = await harness().run({
			nodeType: TOOL_NODE_TYPE,
			parameters: { resource: 'order', operation: 'getAll', returnAll: false, limit: 10 },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(10);
		expect(result.json.every((row) => row.customer_name === undefined && typeof row.status === 'string')).toBe(true);
	});
});

describe('Report → Get Stats as a tool', () => {
	test('top customers lose names and emails, keep their counts', async () => {
		pharmaOneMock().scope.get(`${V2}/reports/stats`).query(true).reply(200, stats);
		const result = await harness().run({ nodeType: TOOL_NODE_TYPE, parameters: { resource: 'report', operation: 'getStats' } });
		expect(result.error).toBeUndefined();
		const text = JSON.stringify(result.json);
		expect(text).not.toMatch(/@example\.com|customer_name/);
		expect(text.length).toBeGreaterThan(20);
	});
});

describe('errors a model can act on', () => {
	test('a 404 names the order and carries the hint in the message the model receives; no key or token', async () => {
		pharmaOneMock().scope.get(`${V2}/orders/ORD_20260614_missing`).reply(404, errors.notFound);
		const result = await harness().run({
			nodeType: TOOL_NODE_TYPE,
			parameters: { resource: 'order', operation: 'get', orderId: byId('ORD_20260614_missing') },
		});
		expect(result.error?.message).toMatch(/^Order "ORD_20260614_missing" was not found\. Check the ID and that it belongs to this organization/);
		expect(JSON.stringify(result.error)).not.toContain(DUMMY_API_KEY);
		expect(JSON.stringify(result.error)).not.toContain(dummyJwt(1));
	});

	test('as a regular node the message stays as it was, the hint in the description', async () => {
		pharmaOneMock().scope.get(`${V2}/orders/ORD_20260614_missing`).reply(404, errors.notFound);
		const result = await harness().run({ parameters: { resource: 'order', operation: 'get', orderId: byId('ORD_20260614_missing') } });
		expect(result.error?.message).toBe('Order "ORD_20260614_missing" was not found');
		expect(result.error?.description).toMatch(/^Check the ID/);
	});

	test('a stock adjustment with a product ID that is no P1 ID fails with the format and sends nothing', async () => {
		const mock = pharmaOneMock();
		const adjust = mock.scope.post(`${V2}/inventory/adjust`).reply(200, {});
		const result = await harness().run({
			nodeType: TOOL_NODE_TYPE,
			parameters: { resource: 'inventory', operation: 'adjust', productId: byId('={{ "Aspirin" }}'), reason: 'Sale', deltaOnHand: -1 },
		});
		expect(result.error?.message).toMatch(/"Aspirin" is not a PharmaOne product ID \(P1 ID\).*e\.g\. 12345/);
		expect(adjust.isDone()).toBe(false);
		expect(mock.state.tokenExchanges).toBe(0);
		nock.cleanAll();
	});
});

describe('writes through an agent', () => {
	const store = deduplicationStore();
	beforeEach(() => store.reset());

	test('Skip Already Sent: the model asking for the same adjustment twice reaches PharmaOne once', async () => {
		const mock = pharmaOneMock();
		const adjust = mock.scope.post(`${V2}/inventory/adjust`).once().reply(200, adjusted);
		const parameters = {
			resource: 'inventory',
			operation: 'adjust',
			productId: byId('12345'),
			reason: 'Sale at the till',
			deltaOnHand: -1,
			skipAlreadySent: true,
			idempotencyKey: '={{ $json.receipt }}',
		};
		const call = () => harness().run({ nodeType: TOOL_NODE_TYPE, parameters, items: [{ json: { receipt: 'TX-1' } }] });
		expect((await call()).json).toEqual([adjusted]);
		expect((await call()).json).toEqual([{ skipped: true, reason: 'alreadySent', key: 'TX-1' }]);
		expect(adjust.isDone()).toBe(true);
	});

	test('a stock adjustment answered 502 is not sent again, and the model is told to check before repeating it', async () => {
		const mock = pharmaOneMock();
		mock.scope.post(`${V2}/inventory/adjust`).once().reply(502, 'Bad Gateway');
		const result = await harness().run({
			nodeType: TOOL_NODE_TYPE,
			parameters: { resource: 'inventory', operation: 'adjust', productId: byId('12345'), reason: 'Sale', deltaOnHand: -1 },
		});
		expect(result.error?.message).toMatch(/HTTP 502.*may or may not have applied this request.*not sent again/);
		expect(nock.pendingMocks().filter((pending) => pending.includes('/inventory/adjust'))).toEqual([]);
	});
});
