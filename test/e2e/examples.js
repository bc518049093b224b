'use strict';

// The example workflows of examples/ that start with a Manual Trigger, run unchanged with `n8n execute --id`
// against the sandbox; each one's effect is checked in the sandbox's state.

const assert = require('node:assert/strict');
const local = require('../../scripts/lib/n8n-local');

const find = (ctx, predicate, what) => {
	const example = ctx.examples.find(({ workflow }) => workflow.nodes.some(predicate));
	if (!example) throw new Error(`no example workflow with ${what} in examples/`);
	return example.workflow;
};
const pharmaOneNode = (resource, operation) => (node) =>
	node.type === 'n8n-nodes-pharmaone.pharmaOne' && node.parameters.resource === resource && node.parameters.operation === operation;

/** Runs a workflow and returns its node outputs, failing when any node failed. */
async function runExample(ctx, workflow) {
	const execution = await local.executeWorkflow(ctx.runtime, ctx.cliEnv, workflow.id);
	const outputs = local.nodeOutputs(execution);
	for (const [name, output] of Object.entries(outputs)) {
		if (output.error) throw new Error(`node "${name}" failed: ${JSON.stringify(output.error).slice(0, 600)}`);
	}
	assert.equal(execution.status, 'success', `execution status ${execution.status}`);
	return outputs;
}

/** GET on the sandbox's v2 API with a fresh token (to compare n8n's output with the source). */
async function sandboxGet(ctx, route) {
	const { baseUrl } = ctx.sandboxUrls;
	const { orgId, apiKey } = ctx.sandbox.options;
	const prefix = `${baseUrl}/api/v2/public/orgs/${orgId}`;
	const token = await local.fetchWithTimeout(`${prefix}/auth/token`, { method: 'POST', headers: { apikey: apiKey } }).then((r) => r.json());
	const response = await local.fetchWithTimeout(`${prefix}${route}`, { headers: { authorization: `Bearer ${token.access_token}` } });
	assert.equal(response.status, 200, `GET ${route}`);
	return response.json();
}

function exampleTests(ctx) {
	const state = () => ctx.sandbox.state;
	return [
		['example "POS sales → inventory adjust": stock moves by the sold quantities, with the reason logged', async () => {
			const workflow = find(ctx, pharmaOneNode('inventory', 'adjust'), 'an Inventory Adjust node');
			const before = new Map([...state().inventory.values()].map((row) => [row.p1_id, row.stockquantity]));
			const outputs = await runExample(ctx, workflow);
			const sales = outputs['POS sales'].items;
			assert.ok(sales.length > 0, 'the Code node produced sales');
			assert.equal(outputs['Adjust inventory'].items.length, sales.length);
			for (const sale of sales) {
				const row = state().inventory.get(String(sale.p1_id));
				assert.equal(row.stockquantity, before.get(String(sale.p1_id)) - sale.quantity, `stock of ${sale.p1_id}`);
				assert.ok(
					row.log.some((entry) => entry.reason === `POS sale ${sale.receipt}`),
					`log of ${sale.p1_id} has "POS sale ${sale.receipt}"`,
				);
			}
		}],
		['example "telemedicine intake with a PDF": the shop connector receives the intake and the PDF', async () => {
			const workflow = find(ctx, pharmaOneNode('telemedicineOrder', 'create'), 'a Telemedicine Order node');
			const known = new Set(state().orderRequests.keys());
			const outputs = await runExample(ctx, workflow);
			const [response] = outputs['Send to pharmacy shop'].items;
			const [intake] = outputs['Intake with prescription PDF'].items;
			assert.match(response.id, /^req_/);
			assert.equal(response.status, 'pending');
			const created = [...state().orderRequests.values()].filter((request) => !known.has(request.id));
			assert.equal(created.length, 1, 'exactly one order request reached the sandbox');
			const [request] = created;
			assert.equal(request.id, response.id);
			assert.equal(request.external_reference, intake.intake_id);
			assert.equal(request.payload.customer_email, intake.patient_email);
			const pdf = Buffer.from(request.payload.prescription_pdf_base64, 'base64');
			assert.equal(pdf.subarray(0, 5).toString(), '%PDF-', 'the PDF arrived intact');
			assert.ok(pdf.toString().includes('%%EOF'));
		}],
		['example "till stock export → set stock levels": levels match the export; run again, nothing is sent', async () => {
			const workflow = find(ctx, pharmaOneNode('inventory', 'setStockLevel'), 'an Inventory Set Stock Level node');
			const levels = () => new Map([...state().inventory.values()].map((row) => [row.p1_id, row.stockquantity]));
			const adjustments = () => ctx.sandbox.stats().requests['POST /inventory/adjust'] || 0;
			const before = levels();
			const outputs = await runExample(ctx, workflow);
			const counted = outputs['Till stock export'].items;
			const results = outputs['Set stock level'].items;
			assert.equal(results.length, counted.length);
			counted.forEach((row, i) => {
				assert.equal(levels().get(row.p1_id), row.on_hand, `level of ${row.p1_id}`);
				assert.deepEqual(
					[results[i].p1_id, results[i].status, results[i].before.on_hand, results[i].after.on_hand],
					[row.p1_id, before.get(row.p1_id) === row.on_hand ? 'unchanged' : 'adjusted', before.get(row.p1_id), row.on_hand],
				);
			});
			assert.ok(results.some((result) => result.status === 'adjusted'), 'the export changes at least one level');
			const [summary] = outputs['Sync summary'].items;
			assert.deepEqual([summary.adjusted + summary.unchanged, summary.failed], [counted.length, 0]);
			const sent = adjustments();
			const again = await runExample(ctx, workflow);
			assert.deepEqual(again['Set stock level'].items.map((result) => result.status), counted.map(() => 'unchanged'));
			assert.equal(adjustments(), sent, 'the second run sent no adjustment');
		}],
		['example "daily product sales report": one table row per product, matching the sandbox report', async () => {
			const workflow = find(ctx, pharmaOneNode('report', 'getProductSales'), 'a Product Sales report node');
			const outputs = await runExample(ctx, workflow);
			const rows = outputs['Table row'].items;
			const to = new Date().toISOString().slice(0, 10);
			const from = new Date(Date.now() - 30 * 86400000).toISOString().slice(0, 10);
			const report = await sandboxGet(ctx, `/reports/product-sales?from_date=${from}&to_date=${to}`);
			assert.ok(report.data.length > 0, 'the sandbox has sales in the last 30 days');
			assert.equal(rows.length, report.data.length);
			assert.deepEqual(
				rows.map((row) => [String(row['Product ID']), row.Product, row['Sold (g)'], row['Gross revenue']]),
				report.data.map((row) => [String(row.p1_id), row.name, row.volume_gr, row.gross_revenue]),
			);
			assert.equal(rows[0]['Report date'], to);
		}],
	];
}

module.exports = { exampleTests };
