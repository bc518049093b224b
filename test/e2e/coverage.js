'use strict';

// The "every resource" workflow of the end-to-end suite: a Manual Trigger feeding one PharmaOne node per case,
// each case's output checked against the sandbox's data. Built after the sandbox started, so ids come from its
// state. Every PharmaOne node has "On Error: Continue", so one failing case does not hide the others.

const assert = require('node:assert/strict');
const { CREDENTIAL_IDS } = require('../../scripts/lib/n8n-local');

const WORKFLOW_ID = 'p1E2eCoverage001';
const byId = (value) => ({ __rl: true, mode: 'id', value });
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/** Cases: [resource, operation, parameters, check(items, sandboxState)]; checks throw on a mismatch. */
function buildCases(state) {
	const orders = [...state.orders.byId.values()];
	const someOrder = orders[0];
	const toPack = orders.find((order) => order.status === 'pending');
	const inventoryIds = [...state.inventory.keys()];
	const prescription = [...state.prescriptions.values()][0];
	const pendingCount = orders.filter((order) => order.status === 'pending').length;
	const today = Date.now();
	const yesterday = day(today - 86400000);
	const cases = [
		['shop', 'getAll', { returnAll: true }, (items) => {
			assert.deepEqual(items.map((s) => s.shop_id).sort(), state.shops.map((s) => s.shop_id).sort());
		}],
		['order', 'getAll', { returnAll: false, limit: 5, filters: { status: 'pending' } }, (items) => {
			assert.equal(items.length, Math.min(5, pendingCount));
			for (const item of items) assert.equal(item.status, 'pending');
		}],
		['order', 'get', { orderId: byId(someOrder.id) }, ([item]) => {
			assert.equal(item.id, someOrder.id);
			assert.equal(item.customer_email, someOrder.customer_email);
			assert.ok(Array.isArray(item.items) && item.shipping_address, 'by default the whole order, with line items and address');
		}],
		['order', 'updateStatus', { orderId: byId(toPack.id), status: 'awaiting_packing', options: {} }, ([item], s) => {
			assert.equal(item.status, 'awaiting_packing');
			assert.equal(s.orders.byId.get(toPack.id).status, 'awaiting_packing');
		}],
		['order', 'upsert', {
			shopId: byId('shop1'),
			externalId: 'E2E-UPSERT-1',
			itemsInput: 'fields',
			items: { item: [{ name: 'Example Strain', p1Id: '12345', qty: 2, price: 8.99 }] },
			additionalFields: {
				customer_name: 'E2E Customer',
				customer_email: 'e2e.customer@example.com',
				order_datetime: `${yesterday}T10:15`,
			},
		}, ([item], s) => {
			const stored = s.orders.byId.get(item.id);
			assert.ok(stored, `order ${item.id} is in the sandbox`);
			assert.equal(stored.external_id, 'E2E-UPSERT-1');
			assert.equal(stored.items[0].quantity ?? stored.items[0].qty, 2);
			// 10:15 in the workflow's time zone (Asia/Kolkata, UTC+05:30) is 04:45 UTC.
			assert.equal(stored.created_at, `${yesterday}T04:45:00.000Z`);
		}],
		['report', 'getPharmaOneFees', { period: 'oneMonth', month: day(today).slice(0, 7), options: {} }, ([item]) => {
			assert.equal(item.month_from, day(today).slice(0, 7));
		}],
		['product', 'getAll', { shopId: byId('shop1'), returnAll: false, limit: 5 }, (items) => {
			assert.equal(items.length, 5);
			for (const item of items) assert.ok(state.catalogue.has(String(item.p1_id)), `p1_id ${item.p1_id} exists`);
		}],
		['product', 'get', { shopId: byId('shop1'), productId: byId('12345') }, ([item]) => {
			assert.equal(String(item.p1_id), '12345');
			assert.equal(item.name, 'Example Strain');
		}],
		['inventory', 'getAll', { returnAll: true }, (items) => {
			assert.equal(items.length, state.inventory.size);
		}],
		['inventory', 'getLog', { productId: byId(inventoryIds[0]) }, (items) => {
			assert.ok(items.length >= 1, 'the log has entries');
		}],
		['inventory', 'getHistory', { productId: byId(inventoryIds[0]), days: 365 }, (items) => {
			assert.ok(items.length >= 1, 'the history has days');
		}],
		['report', 'getProductSales', {
			fromDate: day(today - 60 * 86400000),
			toDate: day(today),
			options: { splitArray: false },
		}, ([item]) => {
			assert.equal(item.unit, 'gr');
			assert.ok(Array.isArray(item.data) && item.data.length > 0, 'sales rows in the last 60 days');
		}],
		['report', 'getStats', { fromDate: day(today - 60 * 86400000), toDate: day(today), options: {} }, ([item]) => {
			assert.ok(item.orders !== undefined, 'stats have "orders"');
		}],
		['prescription', 'getAll', { returnAll: false, limit: 3, filters: {} }, (items) => {
			assert.equal(items.length, 3);
			for (const item of items) assert.ok(state.prescriptions.has(item.id), `prescription ${item.id} exists`);
		}],
		['prescription', 'get', { prescriptionId: byId(prescription.id) }, ([item]) => {
			assert.equal(item.id, prescription.id);
		}],
		['orderRequest', 'create', {
			apiVersion: 'v2',
			shopId: byId('shop1'),
			externalReference: 'E2E-REQUEST-V2',
			customerEmail: 'e2e.request@example.com',
			orderContent: 'items',
			items: { item: [{ p1Id: '12345', quantity: 1 }] },
		}, ([item], s) => {
			assert.match(item.id, /^req_/);
			const stored = s.orderRequests.get(item.id);
			assert.equal(stored?.external_reference, 'E2E-REQUEST-V2');
			assert.equal(stored?.shop_id, 'shop1');
		}],
		['orderRequest', 'create', {
			apiVersion: 'v1',
			shopId: byId('shop2'),
			externalReference: 'E2E-REQUEST-V1',
			customerName: 'E2E Patient',
			orderContent: 'pdfUrl',
			pdfUrl: 'https://example.com/prescription.pdf',
		}, ([item], s) => {
			const stored = s.orderRequests.get(item.id);
			assert.equal(stored?.external_reference, 'E2E-REQUEST-V1');
			assert.equal(stored?.payload?.prescription_pdf_url, 'https://example.com/prescription.pdf');
		}],
	];
	return cases.map(([resource, operation, parameters, check], index) => ({
		name: `${resource} ${operation} #${index + 1}`,
		resource,
		operation,
		parameters,
		check,
	}));
}

/** One workflow: Manual Trigger → every case's PharmaOne node, side by side (run top to bottom). */
function buildWorkflow(cases) {
	const nodes = [
		{ id: 'e2e00000-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const targets = [];
	cases.forEach((testCase, index) => {
		nodes.push({
			id: `e2e00000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
			name: testCase.name,
			type: 'n8n-nodes-pharmaone.pharmaOne',
			typeVersion: 1,
			position: [300, index * 160],
			onError: 'continueRegularOutput',
			parameters: { resource: testCase.resource, operation: testCase.operation, ...testCase.parameters },
			credentials: { pharmaOneApi: { id: CREDENTIAL_IDS.api, name: 'PharmaOne Sandbox API' } },
		});
		targets.push({ node: testCase.name, type: 'main', index: 0 });
	});
	return {
		id: WORKFLOW_ID,
		name: 'E2E: every PharmaOne resource',
		active: false,
		nodes,
		connections: { Start: { main: [targets] } },
		// A time zone without daylight saving time, so the Order Date case knows its UTC offset.
		settings: { executionOrder: 'v1', timezone: 'Asia/Kolkata' },
		pinData: {},
	};
}

/** The resources the built node offers (dist/, just built and packed by scripts/install-package.js). */
function resourcesOfBuiltNode(root) {
	const { PharmaOne } = require(`${root}/dist/nodes/PharmaOne/PharmaOne.node.js`);
	const resource = new PharmaOne().description.properties.find((property) => property.name === 'resource');
	return resource.options.map((option) => option.value);
}

module.exports = { WORKFLOW_ID, buildCases, buildWorkflow, resourcesOfBuiltNode };
