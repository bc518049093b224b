'use strict';

// Splits a V8 CPU profile of n8n's main process into where the time went. Each sample goes to the innermost
// frame on its stack whose script is recognised: our package, n8n's expression engine, the HTTP client (n8n's
// request helper, axios and Node's http/net/tls), garbage collection, or the rest of n8n (engine, database,
// webhook server). Frames without a script (V8 built-ins, native calls) count for their caller; V8's
// "(program)" samples (native code it cannot attribute) are kept apart.
//
// On a busy machine a thread that is switched out gets one late sample with a long time delta, which would
// charge the whole wait to the function it happened to be in. So each sample counts for at most MAX_SAMPLE_US,
// and the shares are scaled to the main thread's CPU time when the caller measured it (split(profile, cpuMs)).
//   node bench/profile-split.js <file.cpuprofile> [items]     prints the split (per item when items is given)

const fs = require('node:fs');

const MAX_SAMPLE_US = 1000;

const CATEGORIES = [
	['ours', /\/node_modules\/n8n-nodes-pharmaone\//],
	['expression', /@n8n\/expression-runtime|isolated-vm|@n8n\/tournament|n8n-workflow\/dist\/.*(expression|workflow-data-proxy|extensions\/)/],
	['http', /@n8n\/backend-network|\/axios\/|follow-redirects|proxy-from-env|form-data|node:_http|node:http|node:https|node:net|node:tls|node:dns|node:internal\/(http|net|tls|dns|stream|streams)/],
];

function categoryOf(url) {
	if (!url) return undefined;
	for (const [name, pattern] of CATEGORIES) if (pattern.test(url)) return name;
	return 'n8n';
}

/**
 * { ours, expression, http, gc, n8n, program, total } in ms over the samples that were not idle; scaled so the
 * total is `cpuMs` when given (the main thread's CPU time during the profile).
 */
function split(profile, cpuMs) {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const cache = new Map();
	const classify = (id) => {
		if (cache.has(id)) return cache.get(id);
		const node = byId.get(id);
		const { functionName, url } = node.callFrame;
		let category;
		if (functionName === '(idle)') category = 'idle';
		else if (functionName === '(garbage collector)') category = 'gc';
		else if (functionName === '(program)') category = 'program';
		else category = categoryOf(url) ?? (parent.has(id) ? classify(parent.get(id)) : 'n8n');
		cache.set(id, category);
		return category;
	};
	const totals = { ours: 0, expression: 0, http: 0, gc: 0, n8n: 0, program: 0, idle: 0 };
	profile.samples.forEach((id, index) => {
		totals[classify(id)] += Math.min(profile.timeDeltas[index] ?? 0, MAX_SAMPLE_US) / 1000;
	});
	const { idle, ...busy } = totals;
	const sampled = Object.values(busy).reduce((sum, value) => sum + value, 0);
	const scale = Number.isFinite(cpuMs) && sampled > 0 ? cpuMs / sampled : 1;
	const scaled = Object.fromEntries(Object.entries(busy).map(([key, value]) => [key, value * scale]));
	return { ...scaled, total: sampled * scale, idleMs: idle };
}

function splitFile(file, items = 1, cpuMs = undefined) {
	const result = split(JSON.parse(fs.readFileSync(file, 'utf8')), cpuMs);
	return Object.fromEntries(Object.entries(result).map(([key, value]) => [key, value / (key === 'idleMs' ? 1 : items)]));
}

if (require.main === module) {
	const [file, items] = process.argv.slice(2);
	const result = splitFile(file, Number(items) || 1);
	for (const [key, value] of Object.entries(result)) console.log(`${key.padEnd(11)} ${value.toFixed(3)} ms`);
}

module.exports = { split, splitFile };
