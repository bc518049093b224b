'use strict';

// One HTTP request with full control of what is sent, for deliveries a well-behaved client would not send.

const http = require('node:http');

/**
 * Sends `body` with `headers` (an array value sends the header repeatedly; undefined leaves it out) and resolves
 * { status, body } (the first 500 characters), or { status: 0, error } when the request failed. Never rejects.
 */
function postRaw(url, { method = 'POST', headers = {}, body = Buffer.alloc(0), agent, timeoutMs = 60000 } = {}) {
	return new Promise((resolve) => {
		const request = http.request(url, { method, agent });
		for (const [name, value] of Object.entries(headers)) if (value !== undefined) request.setHeader(name, value);
		request.setHeader('content-length', body.length);
		request.setTimeout(timeoutMs, () => request.destroy(new Error('timeout')));
		request.on('error', (error) => resolve({ status: 0, error: error.message }));
		request.on('response', (response) => {
			const chunks = [];
			response.on('data', (chunk) => chunks.length < 4 && chunks.push(chunk));
			response.on('error', (error) => resolve({ status: response.statusCode, error: error.message }));
			response.on('end', () => resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8').slice(0, 500) }));
		});
		request.end(body);
	});
}

module.exports = { postRaw };
