'use strict';

// The baseline for the PharmaOne Trigger: a community trigger that only checks the HMAC-SHA256 signature of the
// raw body (secret in a node parameter, so no credential read) and starts the workflow with the parsed body.

const { createHmac, timingSafeEqual } = require('node:crypto');

class BenchMinimalTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Minimal Trigger',
			name: 'benchMinimalTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Benchmark baseline: verifies an HMAC signature and returns the body',
			defaults: { name: 'Bench Minimal Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
			properties: [{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' }],
		};
	}

	async webhook() {
		const request = this.getRequestObject();
		const secret = String(this.getNodeParameter('secret', ''));
		const raw = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.from('');
		const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
		const header = Buffer.from(String(request.headers['x-pharmaone-signature'] ?? ''));
		if (secret === '' || header.length !== expected.length || !timingSafeEqual(header, expected)) {
			this.getResponseObject().status(401).json({ error: 'invalid_signature' });
			return { noWebhookResponse: true };
		}
		return { workflowData: [[{ json: JSON.parse(raw.toString('utf8')) }]] };
	}
}

module.exports = { BenchMinimalTrigger };
