#!/usr/bin/env node
'use strict';

// PharmaOne Tool with n8n's AI Agent and MCP Server Trigger, in a real n8n 2.41.1 (part of test/e2e/run.js, i.e.
// `npm test`; on its own: `node test/e2e/ai.js`, E2E_SKIP_BUILD=1 to reuse dist/).
//  - AI Agent: one workflow, Manual Trigger → six AI Agents, each with n8n's OpenAI Chat Model (credential Base URL →
//    the scripted loopback model of aiFakes.js) and one PharmaOne Tool, run with `n8n execute`. Scenarios, on Chat
//    Completions: Order → Get and Order → Get Many with the defaults, Order → Get with Customer Data: Include, an order
//    that does not exist, a stock adjustment whose P1 ID is invalid; and Order → Get on the Responses API (the
//    node's default).
//  - MCP: Order → Get, Order → Get Many and Order → Get with customer data behind a published MCP Server Trigger,
//    listed and called by the MCP SDK's client over Streamable HTTP while `n8n start` runs.
// Asserted: the tools and JSON schemas the model and the MCP client receive (each operation's `tool` text), the exact
// requests PharmaOne (the sandbox, behind a recording proxy) receives, and that no customer name, email, phone,
// street or payment reference, nor the API key, a token or the signing secret, is in any request to the model or any
// MCP answer, except where Customer Data is Include (there they are).

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');
const { createSandbox } = require('../../sandbox/server.js');
const { startStubModel, startRecorder } = require('./aiFakes');

const AGENT_ID = 'e2eAiAgentTools1';
const MCP_ID = 'e2eMcpServerTool';
const MCP_PATH = 'pharmaone-e2e';
const CREDENTIALS = { api: 'p1SandboxAiRec01', model: 'p1StubOpenAi0001' };
const TOOL_TYPE = 'n8n-nodes-pharmaone.pharmaOneTool';
const MISSING_ORDER = 'ORD_20260101_missing000';
const DEFAULT_SCENARIOS = ['get', 'list', 'missing', 'invalid', 'responses'];
/** scenario → the PharmaOne Tool the agent gets: node name (the tool name, spaces as _) and parameters. */
const SCENARIOS = {
	get: ['Get order', { resource: 'order', operation: 'get' }],
	list: ['Get many orders', { resource: 'order', operation: 'getAll' }],
	include: ['Get order with customer data', { resource: 'order', operation: 'get', requestOptions: { customerData: 'include' } }],
	missing: ['Look up order', { resource: 'order', operation: 'get' }],
	invalid: ['Adjust stock', { resource: 'inventory', operation: 'adjust' }],
	responses: ['Find order', { resource: 'order', operation: 'get' }],
};

const node = (name, type, typeVersion, position, parameters, extra = {}) => ({ id: crypto.randomUUID(), name, type, typeVersion, position, parameters, ...extra });
const pharmaOneCredential = () => ({ pharmaOneApi: { id: CREDENTIALS.api, name: 'PharmaOne Sandbox API (recorded)' } });

/** An order of the sandbox with every personal field set (the one the model asks about). */
function chosenOrder(state) {
	return [...state.orders.byId.values()].find((order) => order.customer_name && order.customer_email && order.payment_reference && order.shipping_address?.phone);
}

/** Starts the scripted model and the recorder in front of the sandbox; ctx.ai = { model, recorder, order }. */
async function startFakes(ctx) {
	const order = chosenOrder(ctx.sandbox.state);
	const values = {
		get: { orderId: order.id },
		include: { orderId: order.id },
		list: {},
		missing: { orderId: MISSING_ORDER },
		invalid: { p1Id: 'Aspirin', deltaOnHand: -1, reason: 'Sale at the till' },
		responses: { orderId: order.id },
	};
	ctx.ai = { order, model: await startStubModel(values), recorder: await startRecorder(ctx.sandboxUrls.baseUrl) };
}

async function stopFakes(ctx) {
	await ctx.ai?.model.stop().catch(() => {});
	await ctx.ai?.recorder.stop().catch(() => {});
}

function aiCredentials(ctx) {
	const { orgId, apiKey } = ctx.sandbox.options;
	return [
		{ id: CREDENTIALS.api, name: 'PharmaOne Sandbox API (recorded)', type: 'pharmaOneApi', data: { environment: 'custom', baseUrl: ctx.ai.recorder.url, organizationId: orgId, apiKey } },
		{ id: CREDENTIALS.model, name: 'Scripted model (loopback)', type: 'openAiApi', data: { apiKey: 'dummy-stub-model-key', url: ctx.ai.model.url, header: false } },
	];
}

function agentWorkflow() {
	const nodes = [node('Run', 'n8n-nodes-base.manualTrigger', 1, [0, 0], {})];
	const connections = { Run: { main: [[]] } };
	Object.entries(SCENARIOS).forEach(([scenario, [toolName, parameters]], row) => {
		const agent = `Agent ${scenario}`;
		const model = `Model ${scenario}`;
		nodes.push(
			node(agent, '@n8n/n8n-nodes-langchain.agent', 3.1, [300, row * 300], { promptType: 'define', text: `[scenario:${scenario}] Please help with PharmaOne.`, options: {} }),
			node(model, '@n8n/n8n-nodes-langchain.lmChatOpenAi', 1.3, [200, row * 300 + 200], { model: { __rl: true, mode: 'id', value: 'gpt-stub' }, responsesApiEnabled: scenario === 'responses', options: {} }, { credentials: { openAiApi: { id: CREDENTIALS.model, name: 'Scripted model (loopback)' } } }),
			node(toolName, TOOL_TYPE, 1, [400, row * 300 + 200], parameters, { credentials: pharmaOneCredential() }),
		);
		connections.Run.main[0].push({ node: agent, type: 'main', index: 0 });
		connections[model] = { ai_languageModel: [[{ node: agent, type: 'ai_languageModel', index: 0 }]] };
		connections[toolName] = { ai_tool: [[{ node: agent, type: 'ai_tool', index: 0 }]] };
	});
	return { id: AGENT_ID, name: 'E2E: AI Agent with PharmaOne Tool', active: false, settings: { executionOrder: 'v1' }, nodes, connections };
}

function mcpWorkflow() {
	const trigger = node('MCP Server', '@n8n/n8n-nodes-langchain.mcpTrigger', 2.1, [0, 0], { path: MCP_PATH, authentication: 'none' }, { webhookId: crypto.randomUUID() });
	const tools = ['get', 'list', 'include'].map((scenario, i) => node(SCENARIOS[scenario][0], TOOL_TYPE, 1, [i * 200, 200], SCENARIOS[scenario][1], { credentials: pharmaOneCredential() }));
	const connections = Object.fromEntries(tools.map((tool) => [tool.name, { ai_tool: [[{ node: trigger.name, type: 'ai_tool', index: 0 }]] }]));
	return { id: MCP_ID, name: 'E2E: MCP Server with PharmaOne Tool', active: false, settings: { executionOrder: 'v1' }, nodes: [trigger, ...tools], connections };
}

/** The personal values of every sandbox order, and every secret: none may reach the model or an MCP client. */
function forbiddenValues(ctx) {
	const personal = [...ctx.sandbox.state.orders.byId.values()].flatMap((order) => [
		order.customer_name, order.customer_email, order.payment_reference, order.shipping_address?.phone, order.shipping_address?.street,
	]);
	const tokens = ctx.ai.recorder.requests.map((request) => /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]);
	const { apiKey, signingSecret } = ctx.sandbox.options;
	return { personal: personal.filter(Boolean), secrets: [apiKey, signingSecret, ...tokens].filter(Boolean) };
}

function assertNoneIn(text, values, what) {
	const found = [...new Set(values.filter((value) => text.includes(value)))];
	assert.deepEqual(found, [], `${what} contains ${found.length} forbidden value(s), e.g. ${found.slice(0, 3).join(', ')}`);
}

/** The built tool texts (what the package ships), for comparing with what the model receives. */
function toolSpec(resource, operation) {
	const { RESOURCES } = require(path.join(local.ROOT, 'dist', 'nodes', 'PharmaOne', 'actions', 'resources.js'));
	return RESOURCES[resource].operations[operation].tool;
}

function assertToolDefinition(definition, [name, { resource, operation }]) {
	const spec = toolSpec(resource, operation);
	assert.equal(definition.name, name.replace(/ /g, '_'));
	assert.equal(definition.description, spec.description);
	const schema = definition.parameters ?? definition.inputSchema;
	const expected = Object.fromEntries((spec.args ?? []).map((arg) => [arg.key, { type: arg.type ?? 'string', description: arg.description }]));
	assert.deepEqual(Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, { type: value.type, description: value.description }])), expected);
	assert.deepEqual([...(schema.required ?? [])].sort(), Object.keys(expected).sort());
}

const dataRequests = (ctx) => ctx.ai.recorder.requests.filter((request) => !request.path.endsWith('/auth/token'));
const pathOf = (request) => new URL(request.path, 'http://x').pathname;

/** [name, fn] pairs run with `n8n execute` (after the workflows are imported). */
function agentTests(ctx) {
	const requestsOf = (scenario) => ctx.ai.model.requests.filter((request) => request.scenario === scenario);
	const v2 = () => `/api/v2/public/orgs/${ctx.sandbox.options.orgId}`;
	let outputs;
	return [
		['AI Agent (n8n execute): six agents call their PharmaOne Tool through the OpenAI Chat Model and answer', async () => {
			const execution = await local.executeWorkflow(ctx.runtime, ctx.cliEnv, AGENT_ID);
			outputs = local.nodeOutputs(execution);
			assert.deepEqual(ctx.ai.model.failures, [], 'the scripted model found a value for every schema property');
			for (const scenario of Object.keys(SCENARIOS)) {
				const answer = outputs[`Agent ${scenario}`]?.items?.[0]?.output;
				assert.match(String(answer), /^The tool answered: /, `Agent ${scenario}: ${JSON.stringify(outputs[`Agent ${scenario}`]?.error ?? answer).slice(0, 300)}`);
				assert.equal(requestsOf(scenario).length, 2, `${scenario}: a tool call, then the answer`);
			}
			for (const request of ctx.ai.model.requests) assert.equal(request.path, request.scenario === 'responses' ? '/v1/responses' : '/v1/chat/completions');
		}],
		['AI Agent: the model receives each tool with our description and a described JSON schema of its $fromAI parameters', () => {
			for (const [scenario, tool] of Object.entries(SCENARIOS)) {
				const offered = requestsOf(scenario)[0].tools;
				assert.equal(offered.length, 1);
				assertToolDefinition(offered[0], tool);
			}
		}],
		['AI Agent: PharmaOne receives exactly GET /orders/<id> (three tools), GET /orders?limit=10&offset=0 and the missing order; the invalid write sends nothing', () => {
			const sent = dataRequests(ctx).map((request) => `${request.method} ${request.path} ${request.status}`);
			const id = ctx.ai.order.id;
			assert.deepEqual(sent.sort(), [
				`GET ${v2()}/orders/${MISSING_ORDER} 404`,
				`GET ${v2()}/orders/${id} 200`,
				`GET ${v2()}/orders/${id} 200`,
				`GET ${v2()}/orders/${id} 200`,
				`GET ${v2()}/orders?limit=10&offset=0 200`,
			].sort());
			assert.ok(dataRequests(ctx).every((request) => /^Bearer /.test(request.headers.authorization) && request.body === ''));
			assert.ok(!dataRequests(ctx).some((request) => pathOf(request).endsWith('/inventory/adjust')));
		}],
		['AI Agent: with the defaults no customer name, email, phone, street or payment reference, and no key or token, reaches the model', () => {
			const { personal, secrets } = forbiddenValues(ctx);
			assert.ok(secrets.length >= 3, 'the API key, the signing secret and at least one token to look for');
			for (const scenario of DEFAULT_SCENARIOS) assertNoneIn(requestsOf(scenario).map((request) => request.raw).join('\n'), personal, `what the model received (${scenario})`);
			assertNoneIn(ctx.ai.model.requests.map((request) => request.raw).join('\n'), secrets, 'what the model received');
			const list = JSON.parse(requestsOf('list')[1].toolResult);
			assert.equal(list.length, 10, 'Get Many sends 10 orders by default');
			assert.ok(list.every((order) => order.id && order.status && order.customer_name === undefined));
			for (const scenario of ['get', 'responses']) {
				const one = JSON.parse(requestsOf(scenario)[1].toolResult)[0];
				assert.equal(one.id, ctx.ai.order.id);
				assert.deepEqual(one.items, ctx.ai.order.items);
			}
		}],
		['AI Agent: with Customer Data: Include the order goes to the model whole (name, email, phone, payment reference)', () => {
			const text = requestsOf('include')[1].raw;
			const { customer_name: name, customer_email: email, payment_reference: reference, shipping_address: address } = ctx.ai.order;
			for (const value of [name, email, reference, address.phone]) assert.ok(text.includes(value), `the model received ${value}`);
		}],
		['AI Agent: a missing order and an invalid P1 ID reach the model with the hint to correct the call', () => {
			// n8n sends a failed tool call to the model as [{"error": "<message>"}].
			const errorOf = (scenario) => JSON.parse(requestsOf(scenario)[1].toolResult)[0].error;
			const missing = errorOf('missing');
			assert.match(missing, new RegExp(`Order "${MISSING_ORDER}" was not found\\. Check the ID and that it belongs to this organization`));
			const invalid = errorOf('invalid');
			assert.match(invalid, /"Aspirin" is not a PharmaOne product ID \(P1 ID\).*e\.g\. 12345/);
		}],
	];
}

/** [name, fn] pairs while `n8n start` runs with the MCP workflow published. */
function mcpTests(ctx) {
	const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
	const { StreamableHTTPClientTransport } = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
	const answers = [];
	let client;
	let before;
	return [
		['MCP: the SDK client connects to the published MCP Server Trigger and lists the three PharmaOne tools with their schemas', async () => {
			before = dataRequests(ctx).length;
			client = new Client({ name: 'pharmaone-e2e', version: '1.0.0' });
			const url = new URL(`${ctx.n8nUrl}/mcp/${MCP_PATH}`);
			await local.waitFor('the MCP server to accept a client', async () => {
				await client.connect(new StreamableHTTPClientTransport(url));
				return true;
			}, { timeoutMs: 60000, intervalMs: 2000 });
			const { tools } = await client.listTools();
			answers.push(JSON.stringify(tools));
			const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
			assert.deepEqual(Object.keys(byName).sort(), ['Get_many_orders', 'Get_order', 'Get_order_with_customer_data']);
			for (const scenario of ['get', 'list', 'include']) assertToolDefinition(byName[SCENARIOS[scenario][0].replace(/ /g, '_')], SCENARIOS[scenario]);
		}],
		['MCP: calling Get_order and Get_many_orders answers without customer data; PharmaOne receives exactly those two GETs', async () => {
			const one = await client.callTool({ name: 'Get_order', arguments: { orderId: ctx.ai.order.id } });
			const many = await client.callTool({ name: 'Get_many_orders', arguments: {} });
			answers.push(JSON.stringify(one), JSON.stringify(many));
			assert.ok(!one.isError && !many.isError, JSON.stringify(one).slice(0, 300));
			assert.ok(JSON.stringify(one).includes(ctx.ai.order.id));
			const { personal, secrets } = forbiddenValues(ctx);
			assertNoneIn(answers.join('\n'), [...personal, ...secrets], 'the MCP answers');
			const v2 = `/api/v2/public/orgs/${ctx.sandbox.options.orgId}`;
			assert.deepEqual(dataRequests(ctx).slice(before).map((request) => `${request.method} ${request.path}`), [
				`GET ${v2}/orders/${ctx.ai.order.id}`,
				`GET ${v2}/orders?limit=10&offset=0`,
			]);
		}],
		['MCP: Get_order_with_customer_data answers with the name and email (the option is on)', async () => {
			try {
				const answer = JSON.stringify(await client.callTool({ name: 'Get_order_with_customer_data', arguments: { orderId: ctx.ai.order.id } }));
				assert.ok(answer.includes(ctx.ai.order.customer_name) && answer.includes(ctx.ai.order.customer_email));
				assertNoneIn(answer, forbiddenValues(ctx).secrets, 'the MCP answer');
			} finally {
				await client.close().catch(() => {});
			}
		}],
	];
}

/** Writes the two workflows for `n8n import:workflow --separate`. */
function writeWorkflows(dir) {
	fs.writeFileSync(path.join(dir, 'e2e-ai-agent.json'), JSON.stringify(agentWorkflow()));
	fs.writeFileSync(path.join(dir, 'e2e-ai-mcp.json'), JSON.stringify(mcpWorkflow()));
}

const publishMcp = (ctx) => local.n8nCli(ctx.runtime, ctx.cliEnv, ['publish:workflow', `--id=${MCP_ID}`]);

module.exports = { startFakes, stopFakes, aiCredentials, writeWorkflows, agentTests, mcpTests, publishMcp };

if (require.main === module) require('./aiStandalone').main();
