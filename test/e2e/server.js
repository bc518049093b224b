'use strict';

// The part of the end-to-end suite that needs `n8n start`: the published PharmaOne Trigger workflow receiving
// signed deliveries from the sandbox, and credential tests run the way the editor runs them.

const assert = require('node:assert/strict');
const path = require('node:path');
const local = require('../../scripts/lib/n8n-local');

const TRIGGER_TYPE = 'n8n-nodes-pharmaone.pharmaOneTrigger';
const REFUSED_KEY = 'PharmaOne refused the API key (HTTP 401): it is wrong, revoked, or for another environment';
const ORG_MISMATCH = 'The Organization ID in the credential does not belong to this API key';
const QUIET_MS = 3000; // how long a refused or ignored delivery gets to (wrongly) start an execution

/** Starts `n8n start` (startN8n) and waits (bounded) until it answers /healthz/readiness; returns the child (stopped on failure). */
async function startN8nReady(runtime, env, logFile, baseUrl, timeoutMs = 180000) {
	const child = local.startN8n(runtime, env, logFile);
	try {
		await local.waitFor('/healthz/readiness', async () => {
			if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}; see ${logFile}`);
			return (await local.fetchWithTimeout(`${baseUrl}/healthz/readiness`, {}, 5000)).ok;
		}, { timeoutMs });
	} catch (error) {
		await local.stopProcess(child);
		throw error;
	}
	return child;
}

async function executionsOf(ctx) {
	return ctx.rest.executions(ctx.trigger.id);
}

/** Waits (bounded) until the trigger workflow has `count` finished executions; returns them. */
async function waitForExecutions(ctx, count) {
	return local.waitFor(`${count} finished execution(s) of ${ctx.trigger.id}`, async () => {
		const list = await executionsOf(ctx);
		const finished = list.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status));
		return list.length === count && finished.length === count ? list : false;
	}, { timeoutMs: 60000, intervalMs: 500 });
}

/** Lets a delivery that should start nothing have its chance, then checks the count did not move. */
async function assertNoNewExecution(ctx, expected) {
	await local.sleep(QUIET_MS);
	const list = await executionsOf(ctx);
	assert.equal(list.length, expected, `executions of the trigger workflow: ${list.length}, expected ${expected}`);
}

async function deliver(ctx, spec) {
	const result = await ctx.sandbox.deliver({ url: ctx.webhookUrl, event_type: 'order_status_updated', ...spec });
	assert.equal(result.results.length, 1, 'one delivery attempt');
	return { deliveryId: result.delivery_id, status: result.results[0].status, body: result.results[0].body };
}

/** [name, fn, required]: a required step stops the suite when it fails. */
function triggerTests(ctx) {
	const orders = () => [...ctx.sandbox.state.orders.byId.values()];
	let first;
	return [
		['n8n publish:workflow publishes the trigger workflow', async () => {
			const example = ctx.examples.find(({ workflow }) => workflow.nodes.some((node) => node.type === TRIGGER_TYPE));
			if (!example) throw new Error('no example workflow with a PharmaOne Trigger');
			ctx.trigger = example.workflow;
			ctx.webhookUrl = local.triggerWebhookUrl(ctx.n8nUrl, ctx.trigger);
			await local.n8nCli(ctx.runtime, ctx.cliEnv, ['publish:workflow', `--id=${ctx.trigger.id}`]);
		}, true],
		['n8n start answers /healthz/readiness', async () => {
			ctx.logFile = path.join(ctx.userFolder, 'n8n.log');
			ctx.n8n = await startN8nReady(ctx.runtime, ctx.serverEnv, ctx.logFile, ctx.n8nUrl);
		}, true],
		['the production webhook of the published trigger is registered (unsigned POST → 401)', async () => {
			await local.waitFor(`the webhook ${ctx.webhookUrl}`, async () => {
				const response = await local.fetchWithTimeout(ctx.webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}',
				});
				return response.status === 401;
			}, { timeoutMs: 120000 });
		}, true],
		['the owner is created through /rest/owner/setup and logs in', async () => {
			ctx.rest = new local.N8nRest(ctx.n8nUrl);
			assert.equal(await ctx.rest.setupOwner(), 'created');
			await ctx.rest.login();
			assert.equal((await executionsOf(ctx)).length, 0, 'no executions before the first delivery');
		}, true],
		['n8n loads the packaged nodes and credentials as n8n-nodes-pharmaone.*', async () => {
			// The editor's type files (they need the login cookie).
			const nodes = await ctx.rest.request('GET', '/types/nodes.json');
			assert.equal(nodes.status, 200, 'GET /types/nodes.json');
			const names = new Set(nodes.json.map((node) => node.name));
			for (const name of ['n8n-nodes-pharmaone.pharmaOne', TRIGGER_TYPE]) assert.ok(names.has(name), `${name} is loaded`);
			const credentials = await ctx.rest.request('GET', '/types/credentials.json');
			const types = new Set(credentials.json.map((credential) => credential.name));
			for (const type of ctx.credentials.map((credential) => credential.type)) assert.ok(types.has(type), `${type} is loaded`);
		}],
		['a signed order_status_updated → ready_pickup delivery starts exactly one successful execution', async () => {
			ctx.sandbox.addSubscription({ url: ctx.webhookUrl, events: ['order_status_updated'] });
			const order = orders().find((o) => o.status === 'awaiting_packing');
			ctx.sandbox.changeOrderStatus(order.id, 'ready_pickup');
			await ctx.sandbox.flushWebhooks();
			const log = await local.fetchWithTimeout(`${ctx.sandboxUrls.baseUrl}/__sandbox/deliveries`).then((r) => r.json());
			const delivery = log.data.filter((entry) => entry.url === ctx.webhookUrl).pop();
			assert.equal(delivery?.status, 200, 'n8n acknowledged the delivery');
			const [execution] = await waitForExecutions(ctx, 1);
			assert.equal(execution.status, 'success');
			assert.equal(execution.mode, 'webhook');
			const detail = await ctx.rest.execution(execution.id, ctx.runtime);
			const runs = detail.data.resultData.runData['Customer notification'];
			const [message] = runs[runs.length - 1].data.main[0].map((item) => item.json);
			assert.equal(message.to, order.customer_email);
			assert.equal(message.order_id, order.id);
			assert.equal(message.delivery_id, delivery.deliveryId);
			assert.ok(message.text.includes(order.customer_name), 'the message greets the customer by name');
			first = { order, deliveryId: delivery.deliveryId };
		}],
		['a status other than ready_pickup is acknowledged and starts nothing (status filter)', async () => {
			const order = orders().find((o) => o.status === 'pending');
			const { status } = await deliver(ctx, { metadata: { order_id: order.id, old_status: 'pending', new_status: 'shipped' } });
			assert.equal(status, 200);
			await assertNoNewExecution(ctx, 1);
		}],
		['a repeated delivery id is acknowledged and starts nothing', async () => {
			assert.ok(first, 'needs the first delivery');
			const metadata = { order_id: first.order.id, old_status: 'awaiting_packing', new_status: 'ready_pickup' };
			const { status } = await deliver(ctx, { metadata, deliveryId: first.deliveryId });
			assert.equal(status, 200);
			await assertNoNewExecution(ctx, 1);
		}],
		['an invalid signature is refused with 401 and starts nothing', async () => {
			const order = orders().find((o) => o.status === 'awaiting_packing');
			const metadata = { order_id: order.id, old_status: 'awaiting_packing', new_status: 'ready_pickup' };
			const { status, body } = await deliver(ctx, { metadata, signatureOverride: `sha256=${'0'.repeat(64)}` });
			assert.equal(status, 401);
			assert.match(body, /invalid_signature/);
			await assertNoNewExecution(ctx, 1);
		}],
		['after those, a new signed delivery starts exactly one more execution', async () => {
			const order = orders().find((o) => o.status === 'awaiting_packing');
			const metadata = { order_id: order.id, old_status: 'awaiting_packing', new_status: 'ready_pickup' };
			const { status } = await deliver(ctx, { metadata });
			assert.equal(status, 200);
			const list = await waitForExecutions(ctx, 2);
			assert.ok(list.every((execution) => execution.status === 'success'), 'both executions succeeded');
			await assertNoNewExecution(ctx, 2);
		}],
	];
}

/** POST /rest/credentials/test, as the editor sends it. */
async function testCredential(ctx, credentials) {
	const result = await ctx.rest.request('POST', '/rest/credentials/test', { credentials });
	assert.equal(result.status, 200, `POST /rest/credentials/test answered ${result.status}: ${result.text.slice(0, 300)}`);
	return result.json.data;
}

/** A saved credential: the editor sends the stored data with its secrets redacted; n8n fills them back in. */
async function testSavedCredential(ctx, id, override = {}) {
	const saved = await ctx.rest.request('GET', `/rest/credentials/${id}?includeData=true`);
	assert.equal(saved.status, 200, `GET /rest/credentials/${id}`);
	const { name, type, data } = saved.json.data;
	return testCredential(ctx, { id, name, type, data: { ...data, ...override } });
}

/**
 * A credential being created in the editor: n8n 2.41 saves it (POST /rest/credentials, every field with its
 * default, so the hidden token is '') and then tests the saved credential.
 */
async function newCredential(ctx, type, override = {}) {
	const credential = ctx.credentials.find((c) => c.type === type);
	const data = { ...credential.data, ...(type === 'pharmaOneApi' ? { accessToken: '' } : {}), ...override };
	const created = await ctx.rest.request('POST', '/rest/credentials', { name: `${credential.name} (new)`, type, data });
	assert.equal(created.status, 200, `POST /rest/credentials answered ${created.status}: ${created.text.slice(0, 300)}`);
	return testSavedCredential(ctx, created.json.data.id);
}

function credentialTests(ctx) {
	const { api, shop, webhook } = local.CREDENTIAL_IDS;
	return [
		['credential test (editor): a saved PharmaOne API credential → OK', async () => {
			const result = await testSavedCredential(ctx, api);
			assert.equal(result.status, 'OK', result.message);
		}],
		['credential test (editor): a new PharmaOne API credential exchanges its key for a token → OK', async () => {
			const before = ctx.sandbox.stats().tokenExchanges;
			const result = await newCredential(ctx, 'pharmaOneApi');
			assert.equal(result.status, 'OK', result.message);
			assert.ok(ctx.sandbox.stats().tokenExchanges > before, 'the test exchanged the API key for a token');
		}],
		['credential test (editor): a saved credential whose API key was edited to a wrong one → Error (the cached token is not reused)', async () => {
			const ok = await testSavedCredential(ctx, api);
			assert.equal(ok.status, 'OK', ok.message);
			const tokenRequests = () => ctx.sandbox.stats().requests['POST /auth/token'] || 0;
			const before = tokenRequests();
			const edited = await testSavedCredential(ctx, api, { apiKey: 'dummy-wrong-api-key' });
			assert.equal(edited.status, 'Error', 'a wrong key must fail even though a token for the old key is stored');
			assert.ok(tokenRequests() > before, 'the edited key was sent to the token endpoint');
		}],
		['credential test (editor): a new PharmaOne API credential with a wrong key → Error that says the key was refused', async () => {
			const result = await newCredential(ctx, 'pharmaOneApi', { apiKey: 'dummy-wrong-api-key' });
			assert.equal(result.status, 'Error');
			assert.equal(result.message, REFUSED_KEY);
		}],
		['credential test (editor): another organization\'s ID → Error with the org_mismatch message (sandbox answering 403 at the exchange, or issuing a token for the key\'s own organization)', async () => {
			for (const keyOrgMismatch of ['token-403', 'route-403']) {
				ctx.sandbox.options.keyOrgMismatch = keyOrgMismatch; // read per request
				try {
					const result = await newCredential(ctx, 'pharmaOneApi', { organizationId: 'org2' });
					assert.equal(result.status, 'Error', keyOrgMismatch);
					assert.equal(result.message, ORG_MISMATCH, keyOrgMismatch);
				} finally {
					ctx.sandbox.options.keyOrgMismatch = 'token-401';
				}
			}
		}],
		['credential test (editor): Shop Connector → OK with the right key, Error with a wrong key or a Shop URL without the connector; no order request created', async () => {
			const before = ctx.sandbox.state.orderRequests.size;
			const good = await testSavedCredential(ctx, shop);
			assert.equal(good.status, 'OK', good.message);
			assert.match(good.message, /^API key accepted/);
			const bad = await newCredential(ctx, 'pharmaOneShopApi', { apiKey: 'dummy-wrong-api-key' });
			assert.equal(bad.status, 'Error');
			assert.match(bad.message, /^The shop refused the API key \(HTTP 401\)/);
			const wrongUrl = await newCredential(ctx, 'pharmaOneShopApi', { shopUrl: `${ctx.sandboxUrls.shopUrl}/not-a-shop` });
			assert.equal(wrongUrl.status, 'Error');
			assert.match(wrongUrl.message, /^No telemedicine connector at this Shop URL \(HTTP 404\)/);
			assert.equal(ctx.sandbox.state.orderRequests.size, before, 'no order request was created');
		}],
		['credential test (editor): Webhook Signing Secret → OK, an empty one → Error', async () => {
			const result = await testSavedCredential(ctx, webhook);
			assert.equal(result.status, 'OK', result.message);
			// n8n 2.x saves it and its test fails; n8n 1.x refuses to save a credential whose required field is empty.
			const created = await ctx.rest.request('POST', '/rest/credentials', { name: 'Empty signing secret', type: 'pharmaOneWebhookApi', data: { signingSecret: '' } });
			if (created.status === 400) {
				assert.match(String(created.json?.message), /"signingSecret" is mandatory/);
			} else {
				assert.equal(created.status, 200, `POST /rest/credentials answered ${created.status}: ${created.text.slice(0, 300)}`);
				assert.equal((await testSavedCredential(ctx, created.json.data.id)).status, 'Error');
			}
		}],
	];
}

module.exports = { startN8nReady, triggerTests, credentialTests };
