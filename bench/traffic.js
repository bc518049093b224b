'use strict';

// What the sandbox sees of each run, counted at its HTTP servers: requests in flight (the most at once), requests
// and TCP connections (one connection per request means no keep-alive). The sandbox creates its servers with
// http.createServer; this wraps that function while the sandbox is created, and changes nothing else.

const http = require('node:http');

function createTraffic() {
	const traffic = {
		inFlight: 0,
		maxInFlight: 0,
		requests: 0,
		connections: 0,
		/** Starts a new count (the in-flight gauge keeps running). */
		reset() {
			traffic.maxInFlight = traffic.inFlight;
			traffic.requests = 0;
			traffic.connections = 0;
		},
		snapshot: () => ({ maxInFlight: traffic.maxInFlight, requests: traffic.requests, connections: traffic.connections }),
	};
	const watch = (server) => {
		server.on('connection', () => traffic.connections++);
		server.prependListener('request', (_req, res) => {
			traffic.requests++;
			traffic.inFlight++;
			traffic.maxInFlight = Math.max(traffic.maxInFlight, traffic.inFlight);
			res.once('close', () => traffic.inFlight--);
		});
		return server;
	};
	return { traffic, watch };
}

/** Runs `create()` (which creates the sandbox) with every server it creates counted by `traffic`. */
function withTraffic(create) {
	const { traffic, watch } = createTraffic();
	const original = http.createServer;
	http.createServer = (...args) => watch(original.apply(http, args));
	try {
		return { sandbox: create(), traffic };
	} finally {
		http.createServer = original;
	}
}

module.exports = { withTraffic };
