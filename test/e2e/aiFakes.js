'use strict';

// Loopback fakes for the AI end-to-end tests (test/e2e/ai.js):
//  - a scripted OpenAI-compatible model (POST <base>/chat/completions, streaming or not) that records every request
//    body; asked with no tool result yet, it calls the first tool it was offered, with arguments built from that
//    tool's JSON schema (each property's value looked up by name in the scenario's values; a property it has no value
//    for is a failure it records); once a tool result is in the conversation it answers with that result;
//  - a recording proxy in front of the PharmaOne sandbox: every request PharmaOne receives (method, path with query,
//    headers, body), forwarded unchanged, with the answer's status.
// Everything listens on 127.0.0.1; bodies are bounded; servers close their connections when stopped.

const http = require('node:http');
const local = require('../../scripts/lib/n8n-local');
const { readBody } = require('../../sandbox/server.js'); // bounded; rejects a body that is too large

async function listen(server) {
	const port = await local.freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		stop: () => new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections?.();
		}),
	};
}

/** The scenario a conversation belongs to: `[scenario:<name>]` in its first user message. */
function scenarioOf(body) {
	const user = (body.messages ?? []).find((message) => message.role === 'user');
	const text = typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
	return /\[scenario:([\w-]+)\]/.exec(text)?.[1] ?? 'none';
}

/** Arguments for a tool from its JSON schema: each property (all of them) from `values` by name. */
function argumentsFromSchema(schema, values) {
	const args = {};
	const missing = [];
	for (const [key, property] of Object.entries(schema?.properties ?? {})) {
		if (!(key in values)) missing.push(key);
		else args[key] = property.type === 'number' ? Number(values[key]) : values[key];
	}
	if (missing.length > 0) throw new Error(`no value for the tool argument(s) ${missing.join(', ')}`);
	return args;
}

function completion(model, message, finishReason, n) {
	return {
		id: `chatcmpl-stub-${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
		usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
	};
}

/** The same answer as server-sent events (`stream: true`): one delta with everything, the finish, [DONE]. */
function streamed(res, answer) {
	const { message, finish_reason: finishReason } = answer.choices[0];
	const base = { id: answer.id, object: 'chat.completion.chunk', created: answer.created, model: answer.model };
	const delta = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls) delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
	res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }], usage: answer.usage })}\n\n`);
	res.end('data: [DONE]\n\n');
}

/**
 * The scripted model. `values[scenario]` holds the tool arguments of each scenario by property name.
 * Returns { url (base URL for the OpenAI credential), requests, failures, stop }.
 */
async function startStubModel(values) {
	const requests = [];
	const failures = [];
	let count = 0;
	const server = http.createServer(async (req, res) => {
		const raw = (await readBody(req).catch(() => Buffer.alloc(0))).toString('utf8');
		let body;
		try {
			body = JSON.parse(raw || '{}');
		} catch {
			body = {};
		}
		const scenario = scenarioOf(body);
		requests.push({ method: req.method, path: req.url, scenario, raw, body });
		if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
			failures.push(`unexpected ${req.method} ${req.url}`);
			res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not served by the stub"}}');
			return;
		}
		count++;
		let answer;
		const last = body.messages?.[body.messages.length - 1];
		if (last?.role === 'tool') {
			answer = completion(body.model, { role: 'assistant', content: `The tool answered: ${last.content}` }, 'stop', count);
		} else {
			const tool = body.tools?.[0]?.function;
			try {
				if (!tool) throw new Error('no tool offered');
				const args = argumentsFromSchema(tool.parameters, values[scenario] ?? {});
				const call = { id: `call_stub_${count}`, type: 'function', function: { name: tool.name, arguments: JSON.stringify(args) } };
				answer = completion(body.model, { role: 'assistant', content: null, tool_calls: [call] }, 'tool_calls', count);
			} catch (error) {
				failures.push(`${scenario}: ${error.message}`);
				answer = completion(body.model, { role: 'assistant', content: `stub failure: ${error.message}` }, 'stop', count);
			}
		}
		if (body.stream) streamed(res, answer);
		else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
	});
	const { url, stop } = await listen(server);
	return { url: `${url}/v1`, requests, failures, stop };
}

/** A proxy in front of `targetUrl` recording every request: { method, path, headers, body, status }. */
async function startRecorder(targetUrl) {
	const target = new URL(targetUrl);
	const requests = [];
	const server = http.createServer(async (req, res) => {
		const body = await readBody(req).catch(() => Buffer.alloc(0));
		const entry = { method: req.method, path: req.url, headers: { ...req.headers }, body: body.toString('utf8'), status: 0 };
		requests.push(entry);
		const forward = http.request(
			{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
			(answer) => {
				entry.status = answer.statusCode;
				res.writeHead(answer.statusCode, answer.headers);
				answer.pipe(res);
			},
		);
		forward.setTimeout(30000, () => forward.destroy(new Error('sandbox timeout')));
		forward.on('error', () => {
			entry.status = 502;
			if (!res.headersSent) res.writeHead(502).end();
		});
		forward.end(body);
	});
	const { url, stop } = await listen(server);
	return { url, requests, stop };
}

module.exports = { startStubModel, startRecorder, argumentsFromSchema };
