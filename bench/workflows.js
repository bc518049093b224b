'use strict';

// The workflows the benchmark creates in n8n (through its REST API). Each Get Order variant starts with a
// production Webhook node (responds when the last node finishes), so every run happens inside the same
// `n8n start` process and the per-node times come from n8n's own execution data.

const crypto = require('node:crypto');

const uuid = () => crypto.randomUUID();
const OURS = 'n8n-nodes-pharmaone.pharmaOne';

/** Turns the ids posted to the webhook into one item per order. */
const IDS_CODE = "return $('Webhook').first().json.body.ids.map((id) => ({ json: { id } }));";

function webhookNode(pathName, responseMode = 'lastNode') {
	return {
		id: uuid(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: uuid(),
		parameters: {
			httpMethod: 'POST',
			path: pathName,
			responseMode,
			...(responseMode === 'lastNode' ? { responseData: 'noData' } : {}),
			options: {},
		},
	};
}

function codeNode(position) {
	return {
		id: uuid(),
		name: 'Order IDs',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { jsCode: IDS_CODE },
	};
}

function chain(name, nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

function credentialRef(credential) {
	return { pharmaOneApi: { id: credential.id, name: credential.name } };
}

/** Webhook → Code (1,000 ids) → PharmaOne Order → Get; Parallel Requests as given (undefined: the default). */
function oursGetOrder(pathName, credential, parallelRequests) {
	return chain(`bench: ours get order (${pathName})`, [
		webhookNode(pathName),
		codeNode([220, 0]),
		{
			id: uuid(),
			name: 'PharmaOne',
			type: OURS,
			typeVersion: 1,
			position: [440, 0],
			parameters: {
				resource: 'order',
				operation: 'get',
				orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				requestOptions: parallelRequests === undefined ? {} : { parallelRequests },
			},
			credentials: credentialRef(credential),
		},
	]);
}

function tokenNode(api, apiKey, position) {
	return {
		id: uuid(),
		name: 'Token',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			method: 'POST',
			url: `${api}/auth/token`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'apikey', value: apiKey }] },
			options: {},
		},
	};
}

function getOrderNode(api, position) {
	return {
		id: uuid(),
		name: 'Get Order',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: {
			url: `=${api}/orders/{{ $json.id }}`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: "=Bearer {{ $('Token').first().json.access_token }}" }],
			},
			options: {},
		},
	};
}

/**
 * The recipe users build today: an HTTP Request node exchanges the API key for a token in every execution,
 * a second one gets each order with `Authorization: Bearer {{token}}` (HTTP Request defaults: no batching,
 * so all items at once).
 */
function httpGetOrder(pathName, { baseUrl, orgId, apiKey }) {
	const api = `${baseUrl}/api/v2/public/orgs/${orgId}`;
	return chain(`bench: HTTP Request recipe (${pathName})`, [
		webhookNode(pathName),
		tokenNode(api, apiKey, [220, 0]),
		codeNode([440, 0]),
		getOrderNode(api, [660, 0]),
	]);
}

/** The same recipe one item at a time: Loop Over Items (batch size 1) around the Get Order node. */
function httpLoopGetOrder(pathName, { baseUrl, orgId, apiKey }) {
	const api = `${baseUrl}/api/v2/public/orgs/${orgId}`;
	const loop = {
		id: uuid(),
		name: 'Loop Over Items',
		type: 'n8n-nodes-base.splitInBatches',
		typeVersion: 3,
		position: [660, 0],
		parameters: { batchSize: 1, options: {} },
	};
	const workflow = chain(`bench: HTTP Request in Loop Over Items (${pathName})`, [
		webhookNode(pathName),
		tokenNode(api, apiKey, [220, 0]),
		codeNode([440, 0]),
		loop,
	]);
	const get = getOrderNode(api, [880, 100]);
	workflow.nodes.push(get);
	// Loop Over Items: output 0 is "done", output 1 is "loop".
	workflow.connections[loop.name] = { main: [[], [{ node: get.name, type: 'main', index: 0 }]] };
	workflow.connections[get.name] = { main: [[{ node: loop.name, type: 'main', index: 0 }]] };
	return workflow;
}

/** Webhook → PharmaOne Order → Get Many with Return All. */
function oursReturnAll(pathName, credential) {
	return chain(`bench: ours return all (${pathName})`, [
		webhookNode(pathName),
		{
			id: uuid(),
			name: 'PharmaOne',
			type: OURS,
			typeVersion: 1,
			position: [220, 0],
			parameters: { resource: 'order', operation: 'getAll', returnAll: true, filters: {} },
			credentials: credentialRef(credential),
		},
	]);
}

/** A workflow of one community trigger node (its webhook path is `<webhookId>/webhook`). */
function triggerAlone(workflowName, node) {
	const webhookId = uuid();
	const workflow = chain(workflowName, [{ id: uuid(), typeVersion: 1, position: [0, 0], webhookId, ...node }]);
	return { workflow, urlPath: `/webhook/${webhookId}/webhook` };
}

/** A published PharmaOne Trigger alone (all events, no options). */
function oursTrigger(webhookCredential) {
	return triggerAlone('bench: PharmaOne Trigger', {
		name: 'PharmaOne Trigger',
		type: 'n8n-nodes-pharmaone.pharmaOneTrigger',
		parameters: { events: ['*'], options: {} },
		credentials: { pharmaOneWebhookApi: { id: webhookCredential.id, name: webhookCredential.name } },
	});
}

/** The smallest community trigger (bench/minimal-trigger): HMAC check with the secret in a parameter. */
function minimalTrigger(signingSecret) {
	return triggerAlone('bench: minimal community trigger', {
		name: 'Bench Minimal Trigger',
		type: 'n8n-nodes-bench-minimal-trigger.benchMinimalTrigger',
		parameters: { secret: signingSecret },
	});
}

/** n8n's built-in Webhook node alone (POST, answers on receipt), the baseline for the trigger. */
function builtinWebhook(pathName) {
	return { workflow: chain('bench: built-in Webhook', [webhookNode(pathName, 'onReceived')]), urlPath: `/webhook/${pathName}` };
}

module.exports = { oursGetOrder, httpGetOrder, httpLoopGetOrder, oursReturnAll, oursTrigger, minimalTrigger, builtinWebhook };
