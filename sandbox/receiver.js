'use strict';

// A tiny local webhook receiver for tests and examples: records every delivery with its exact raw body.
// It answers `respond(delivery)` (default 200); signature checks are left to the caller.

const http = require('node:http');

function startWebhookReceiver({ host = '127.0.0.1', port = 0, respond } = {}) {
	const deliveries = [];
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body = null;
			try {
				body = JSON.parse(raw);
			} catch {
				body = null;
			}
			const delivery = { method: req.method, path: req.url, headers: req.headers, raw, body };
			deliveries.push(delivery);
			const answer = respond ? respond(delivery) : { status: 200 };
			res.writeHead(answer.status || 200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(answer.body ?? { received: true }));
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const address = server.address();
			resolve({
				url: `http://${host}:${address.port}/hook`,
				deliveries,
				/** Resolves with the first delivery matching `predicate`, or rejects after `timeoutMs`. */
				waitFor(predicate, timeoutMs = 3000) {
					const started = Date.now();
					return new Promise((done, fail) => {
						const check = () => {
							const found = deliveries.find(predicate);
							if (found) return done(found);
							if (Date.now() - started > timeoutMs) return fail(new Error('No matching webhook delivery'));
							setTimeout(check, 15);
						};
						check();
					});
				},
				close: () =>
					new Promise((done) => {
						server.close(() => done());
						server.closeAllConnections?.();
					}),
			});
		});
	});
}

module.exports = { startWebhookReceiver };
