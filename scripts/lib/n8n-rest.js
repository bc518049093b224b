'use strict';

// n8n's REST API as the editor UI calls it (part of scripts/lib/n8n-local.js): cookie login, owner setup,
// executions, publishing (2.x) or activating (1.x) a workflow, the credential test. What differs between n8n
// versions comes from scripts/lib/n8n-versions.js, for the version the instance reports (GET /rest/settings).

const path = require('node:path');
const { fetchWithTimeout } = require('./n8n-process');
const { OWNER } = require('./n8n-fixtures');
const versions = require('./n8n-versions');

const answered = (what, result) => new Error(`${what} answered ${result.status}: ${result.text.slice(0, 300)}`);

/** n8n's REST API, called the way the editor UI calls it (cookie login, browser-id header). */
class N8nRest {
	/** `version`: the instance's n8n version; when left out, asked from the instance on first need. */
	constructor(baseUrl, { version } = {}) {
		this.baseUrl = baseUrl;
		this.cookie = '';
		this.version = version;
	}

	async request(method, urlPath, body) {
		const response = await fetchWithTimeout(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': 'dummy-local-browser',
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		}, 30000);
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (auth) this.cookie = auth[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: response.status, json, text };
	}

	/** The version profile of this instance (n8n-versions.js); the version from GET /rest/settings (`versionCli`). */
	async profile() {
		if (!this.version) {
			const result = await this.request('GET', '/rest/settings');
			this.version = result.json?.data?.versionCli;
			if (result.status !== 200 || !this.version) throw answered('GET /rest/settings (for the n8n version)', result);
		}
		return versions.forVersion(this.version);
	}

	/** Creates the owner on a new instance (skipping the setup screen); an existing owner is kept. */
	async setupOwner(owner = OWNER) {
		const result = await this.request('POST', '/rest/owner/setup', owner);
		if (result.status === 200) return 'created';
		if (result.status === 400 && /already/i.test(result.text)) return 'exists';
		throw answered('owner setup', result);
	}

	async login(owner = OWNER) {
		const result = await this.request('POST', '/rest/login', (await this.profile()).loginBody(owner));
		if (result.status !== 200) throw answered('login', result);
	}

	/** Executions of one workflow, newest first (`GET /rest/executions`, as the executions list). */
	async executions(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const result = await this.request('GET', `/rest/executions?filter=${filter}&limit=50`);
		if (result.status !== 200) throw answered('GET /rest/executions', result);
		return result.json.data.results;
	}

	/** One execution with its run data (stored "flatted"; parsed with n8n's own flatted package). */
	async execution(id, runtime) {
		const result = await this.request('GET', `/rest/executions/${encodeURIComponent(id)}`);
		if (result.status !== 200) throw new Error(`GET /rest/executions/${id} answered ${result.status}`);
		const { parse } = require(path.join(runtime.modules, 'flatted'));
		const execution = result.json.data;
		return { ...execution, data: typeof execution.data === 'string' ? parse(execution.data) : execution.data };
	}

	/**
	 * Publishes (2.x: POST /rest/workflows/<id>/activate, as the editor's Publish button) or activates (1.x: PATCH
	 * /rest/workflows/<id> { active: true }) a saved workflow; `versionId` defaults to the stored one.
	 * Returns the workflow n8n answers with.
	 */
	async publishWorkflow(workflowId, versionId) {
		const id = encodeURIComponent(workflowId);
		if (!versionId) {
			const stored = await this.request('GET', `/rest/workflows/${id}`);
			if (stored.status !== 200) throw answered(`GET /rest/workflows/${workflowId}`, stored);
			versionId = stored.json.data.versionId;
		}
		const { method, urlPath, body } = (await this.profile()).publishRequest(id, versionId);
		const result = await this.request(method, urlPath, body);
		if (result.status !== 200) throw answered(`${method} ${urlPath}`, result);
		return result.json.data;
	}

	/** The credential test the editor runs (POST /rest/credentials/test): returns { status: 'OK' | 'Error', message }. */
	async testCredential(credentials) {
		const result = await this.request('POST', '/rest/credentials/test', { credentials });
		if (result.status !== 200) throw answered('POST /rest/credentials/test', result);
		return result.json.data;
	}
}

/** Every execution of a workflow, `pageSize` at a time as the executions list pages (at most `maxPages` pages). */
async function listAllExecutions(rest, workflowId, { maxPages = 50, pageSize = 100 } = {}) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const { executionPaging } = await rest.profile();
	const byId = new Map();
	let after = '';
	for (let page = 0; page < maxPages; page++) {
		const result = await rest.request('GET', `/rest/executions?filter=${filter}&limit=${pageSize}${after}`);
		if (result.status !== 200) throw answered('GET /rest/executions', result);
		const { results } = result.json.data;
		for (const execution of results) byId.set(execution.id, execution);
		const next = executionPaging.next(result.json.data, pageSize);
		if (!next) return [...byId.values()];
		after = `&${next}`;
	}
	throw new Error(`more than ${maxPages * pageSize} executions of ${workflowId}`);
}

module.exports = { N8nRest, listAllExecutions };
