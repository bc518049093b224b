'use strict';

// The floor for Return All: a plain Node.js fetch loop paging GET /orders at limit=200 (run by the benchmark
// with the same Node.js 24 binary as n8n). Exchanges the key first (not timed), then times the paging only.
//   node bench/fetch-loop.js <baseUrl> <orgId> <apiKey>    → prints {"ms":…, "requests":…, "rows":…}

const [baseUrl, orgId, apiKey] = process.argv.slice(2);
const api = `${baseUrl}/api/v2/public/orgs/${orgId}`;
const PAGE = 200;
const MAX_PAGES = 1000;

async function main() {
	const tokenResponse = await fetch(`${api}/auth/token`, { method: 'POST', headers: { apikey: apiKey } });
	const { access_token: token } = await tokenResponse.json();
	const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
	const started = process.hrtime.bigint();
	const rows = [];
	let requests = 0;
	for (let page = 0; page < MAX_PAGES; page++) {
		const response = await fetch(`${api}/orders?limit=${PAGE}&offset=${rows.length}`, {
			headers,
			signal: AbortSignal.timeout(30000),
		});
		requests++;
		if (!response.ok) throw new Error(`GET /orders answered ${response.status}`);
		const body = await response.json();
		rows.push(...body.data);
		if (body.data.length < PAGE || rows.length >= Number(body.pagination?.total ?? Infinity)) break;
	}
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	process.stdout.write(`${JSON.stringify({ ms, requests, rows: rows.length })}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
