'use strict';

// The plain-code floors, run by the benchmark with the same Node.js 24 binary as n8n. Each exchanges the key
// first (not timed), then times the requests only. Node's fetch keeps connections alive.
//   node bench/fetch-loop.js orders <baseUrl> <orgId> <apiKey>
//        pages GET /orders at limit=200                          → {"ms":…, "requests":…, "rows":…}
//   node bench/fetch-loop.js get <baseUrl> <orgId> <apiKey> <concurrency>   (order ids on stdin, one a line)
//        GET /orders/{id} for every id, <concurrency> at a time  → {"ms":…, "requests":…, "rows":…, "cpuMs":…}
//   node bench/fetch-loop.js sync <baseUrl> <orgId> <apiKey> <concurrency>  (till counts on stdin, JSON
//        [{p1_id, stockquantity}]): GET /inventory once, POST /inventory/adjust for each count that differs,
//        <concurrency> at a time                               → {"ms":…, "requests":…, "rows":…, "cpuMs":…}

const [mode, baseUrl, orgId, apiKey, concurrencyArg] = process.argv.slice(2);
const api = `${baseUrl}/api/v2/public/orgs/${orgId}`;
const PAGE = 200;
const MAX_PAGES = 1000;

async function token() {
	const response = await fetch(`${api}/auth/token`, { method: 'POST', headers: { apikey: apiKey } });
	const { access_token: accessToken } = await response.json();
	return { authorization: `Bearer ${accessToken}`, accept: 'application/json' };
}

async function getJson(url, headers) {
	const response = await fetch(url, { headers, signal: AbortSignal.timeout(30000) });
	if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
	return await response.json();
}

async function orders(headers) {
	const rows = [];
	let requests = 0;
	for (let page = 0; page < MAX_PAGES; page++) {
		const body = await getJson(`${api}/orders?limit=${PAGE}&offset=${rows.length}`, headers);
		requests++;
		rows.push(...body.data);
		if (body.data.length < PAGE || rows.length >= Number(body.pagination?.total ?? Infinity)) break;
	}
	return { requests, rows: rows.length };
}

async function getEach(headers, ids, concurrency) {
	const results = new Array(ids.length);
	let next = 0;
	const worker = async () => {
		while (next < ids.length) {
			const index = next++;
			results[index] = await getJson(`${api}/orders/${encodeURIComponent(ids[index])}`, headers);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { requests: ids.length, rows: results.filter((row) => row && row.id).length };
}

async function sync(headers, counts, concurrency) {
	const levels = new Map((await getJson(`${api}/inventory`, headers)).data.map((row) => [String(row.p1_id), row.stockquantity]));
	const changes = counts.filter((count) => levels.get(String(count.p1_id)) !== count.stockquantity);
	let next = 0;
	const worker = async () => {
		while (next < changes.length) {
			const { p1_id: p1Id, stockquantity } = changes[next++];
			const body = JSON.stringify({ p1_id: String(p1Id), reason: 'Till count', delta_on_hand: stockquantity - levels.get(String(p1Id)) });
			const response = await fetch(`${api}/inventory/adjust`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(30000) });
			if (!response.ok) throw new Error(`POST /inventory/adjust answered ${response.status}`);
			await response.arrayBuffer();
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return { requests: 1 + changes.length, rows: changes.length };
}

async function readStdin() {
	const chunks = [];
	for await (const chunk of process.stdin) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8').split('\n').map((line) => line.trim()).filter(Boolean);
}

async function main() {
	const lines = mode === 'orders' ? [] : await readStdin();
	const headers = await token();
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const concurrency = Math.max(1, Number(concurrencyArg) || 1);
	const result =
		mode === 'get' ? await getEach(headers, lines, concurrency) : mode === 'sync' ? await sync(headers, JSON.parse(lines.join('')), concurrency) : await orders(headers);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const used = process.cpuUsage(cpu);
	process.stdout.write(`${JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, ...result })}\n`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
