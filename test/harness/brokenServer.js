// A loopback PharmaOne that answers the token exchange and breaks every other request, for the
// messages of connections that fail mid-way (kept in JS: test files may not import node:http).
//   'cut'  – sends the status line (HTTP 200) and part of the JSON body, then closes the connection;
//   'drop' – reads the request, then closes the connection without answering.
const http = require('node:http');

async function startBrokenServer(mode) {
	const requests = [];
	const server = http.createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			if (req.url.endsWith('/auth/token')) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ access_token: 'dummy-broken-server-token' }));
				return;
			}
			requests.push(`${req.method} ${req.url}`);
			if (mode === 'drop') {
				req.socket.destroy();
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': '200' });
			res.write('{"status": "ok", "id": ');
			setTimeout(() => res.socket && res.socket.destroy(), 20);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${server.address().port}`,
		requests,
		stop: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

module.exports = { startBrokenServer };
