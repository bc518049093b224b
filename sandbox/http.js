'use strict';

// The sandbox's HTTP plumbing: reading a bounded request body, parsing JSON, answering JSON, starting and
// stopping a server.

const { HttpError } = require('./util');

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** The request body as a Buffer; rejects with 413 (and drops the request) beyond MAX_BODY_BYTES. */
function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new HttpError(413, { error: 'payload_too_large', message: 'Request body is too large' }));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** The parsed JSON body, undefined when empty; 400 invalid_json otherwise. */
function parseJson(raw) {
	if (!raw.length) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		throw new HttpError(400, { error: 'invalid_json' });
	}
}

function send(res, status, body, headers = {}) {
	if (res.headersSent || res.destroyed) return;
	const text = JSON.stringify(body ?? {});
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function close(server) {
	return new Promise((resolve) => {
		if (!server.listening) return resolve();
		server.close(() => resolve());
		server.closeAllConnections?.();
	});
}

module.exports = { readBody, parseJson, send, listen, close };
