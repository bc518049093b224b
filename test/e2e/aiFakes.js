'use strict';

// Loopback fakes for the AI end-to-end tests (test/e2e/ai.js):
//  - a scripted OpenAI-compatible model (POST <base>/chat/completions, streaming or not, and POST <base>/responses,
//    not streamed: what n8n's OpenAI Chat Model sends from a non-streaming trigger) that records every request
//    body; asked with no tool result yet, it calls the first tool it was offered, with arguments built from that
//    tool's JSON schema (each property's value looked up by name in the scenario's values; a property it has no value
//    for is a failure it records); once a tool result is in the conversation it answers with that result;
//  - a recording proxy in front of the PharmaOne sandbox: every request PharmaOne receives (method, path with query,
//    headers, body), forwarded unchanged, with the answer's status.
// Everything listens on 127.0.0.1; bodies are bounded; servers close their connections when stopped.

const http = require('node:http');
const local = require('../../scripts/lib/n8n-local');
const { readBody } = require('../../sandbox/http.js'); // bounded; rejects a body that is too large

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

/**
 * What the model needs of a request, for both of OpenAI's APIs the OpenAI Chat Model node speaks: Chat Completions
 * (`messages`, tools as `{ function }`, a tool result as a `tool` message) and Responses (`input` items, flat tools,
 * a tool result as a `function_call_output` item). Returns { scenario, tools, toolResult }.
 */
function readConversation(body, api) {
	const entries = api === 'responses' ? (Array.isArray(body.input) ? body.input : [{ role: 'user', content: body.input }]) : (body.messages ?? []);
	const user = entries.find((entry) => entry.role === 'user');
	const text = typeof user?.content === 'string' ? user.content : JSON.stringify(user?.content ?? '');
	const last = entries[entries.length - 1];
	const toolResult = api === 'responses' ? (last?.type === 'function_call_output' ? last.output : undefined) : (last?.role === 'tool' ? last.content : undefined);
	const tools = (body.tools ?? []).map((tool) => (api === 'responses' ? tool : tool.function)).filter(Boolean);
	return { scenario: /\[scenario:([\w-]+)\]/.exec(text)?.[1] ?? 'none', tools, toolResult };
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

/** A Chat Completions answer: text, or one tool call `{ id, name, arguments }`. */
function chatCompletion(model, { text, call }, n) {
	const message = call
		? { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] }
		: { role: 'assistant', content: text };
	const choice = { index: 0, message, logprobs: null, finish_reason: call ? 'tool_calls' : 'stop' };
	const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
	return { id: `chatcmpl-stub-${n}`, object: 'chat.completion', created: Math.floor(Date.now() / 1000), model, choices: [choice], usage };
}

/** A Responses API answer: one output item, a message or a function call. */
function response(model, { text, call }, n) {
	const item = call
		? { type: 'function_call', id: `fc_stub_${n}`, call_id: call.id, name: call.name, arguments: call.arguments, status: 'completed' }
		: { type: 'message', id: `msg_stub_${n}`, role: 'assistant', status: 'completed', content: [{ type: 'output_text', text, annotations: [] }] };
	const usage = { input_tokens: 10, output_tokens: 10, total_tokens: 20 };
	return { id: `resp_stub_${n}`, object: 'response', created_at: Math.floor(Date.now() / 1000), status: 'completed', error: null, incomplete_details: null, model, output: [item], usage };
}

/** A Chat Completions answer as server-sent events (`stream: true`): one delta with everything, the finish, [DONE]. */
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

const API_OF_PATH = [[/\/chat\/completions$/, 'chat'], [/\/responses$/, 'responses']];

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
		const api = req.method === 'POST' ? API_OF_PATH.find(([pattern]) => pattern.test(req.url))?.[1] : undefined;
		const { scenario, tools, toolResult } = readConversation(body, api);
		requests.push({ method: req.method, path: req.url, api, scenario, raw, body, tools, toolResult });
		if (!api || (api === 'responses' && body.stream)) {
			failures.push(`unexpected ${req.method} ${req.url}${body.stream ? ' (streamed)' : ''}`);
			res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not served by the stub"}}');
			return;
		}
		count++;
		let reply;
		if (toolResult !== undefined) reply = { text: `The tool answered: ${toolResult}` };
		else {
			try {
				if (!tools[0]) throw new Error('no tool offered');
				const args = argumentsFromSchema(tools[0].parameters, values[scenario] ?? {});
				reply = { call: { id: `call_stub_${count}`, name: tools[0].name, arguments: JSON.stringify(args) } };
			} catch (error) {
				failures.push(`${scenario}: ${error.message}`);
				reply = { text: `stub failure: ${error.message}` };
			}
		}
		const answer = api === 'responses' ? response(body.model, reply, count) : chatCompletion(body.model, reply, count);
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
