'use strict';

// What the demo and the end-to-end tests set up in n8n (part of scripts/lib/n8n-local.js): the owner login,
// credentials pointing at a running PharmaOne sandbox, and the example workflows of examples/.

const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');

/** Login of the n8n owner the demo and the tests create (local only; dummy values). */
const OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Dummy-password-1',
};

/** Credential ids the example workflows refer to. */
const CREDENTIAL_IDS = {
	api: 'p1SandboxApi0001',
	webhook: 'p1SandboxHook001',
	shop: 'p1SandboxShop001',
};

/** Credentials (plaintext, imported with `n8n import:credentials`) pointing at a running sandbox. */
function sandboxCredentials({ baseUrl, shopUrl, orgId, apiKey, signingSecret }) {
	return [
		{
			id: CREDENTIAL_IDS.api,
			name: 'PharmaOne Sandbox API',
			type: 'pharmaOneApi',
			data: { environment: 'custom', baseUrl, organizationId: orgId, apiKey },
		},
		{
			id: CREDENTIAL_IDS.webhook,
			name: 'PharmaOne Sandbox Webhook Secret',
			type: 'pharmaOneWebhookApi',
			data: { signingSecret },
		},
		{
			id: CREDENTIAL_IDS.shop,
			name: 'PharmaOne Sandbox Shop Connector',
			type: 'pharmaOneShopApi',
			data: { shopUrl, apiKey },
		},
	];
}

/** The example workflows of examples/*.json, by file name. */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/** The production URL of a workflow's PharmaOne Trigger: /webhook/<webhookId>/webhook. */
function triggerWebhookUrl(n8nBaseUrl, workflow) {
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-pharmaone.pharmaOneTrigger');
	if (!trigger || !trigger.webhookId) throw new Error(`workflow ${workflow.id} has no PharmaOne Trigger with a webhookId`);
	return `${n8nBaseUrl}/webhook/${trigger.webhookId}/webhook`;
}

module.exports = { OWNER, CREDENTIAL_IDS, sandboxCredentials, readExamples, triggerWebhookUrl };
