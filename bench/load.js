'use strict';

// Load time of the built package (fresh processes, median) and the packed tarball's size.

const path = require('node:path');
const local = require('../scripts/lib/n8n-local');
const { median } = require('./measure');

/**
 * Runs bench/load-child.js `runs` times, each in a fresh Node.js process (n8n's Node 24, NODE_PATH = n8n's
 * node_modules, so n8n-workflow resolves to n8n's own copy as it does inside n8n).
 */
async function loadTime(runtime, packageDir, runs = 21) {
	const samples = [];
	for (let i = 0; i < runs; i++) {
		const result = await local.run(runtime.node, [path.join(__dirname, 'load-child.js'), packageDir], {
			env: { ...process.env, NODE_PATH: runtime.modules, NODE_OPTIONS: '' },
			timeoutMs: 60000,
		});
		if (result.code !== 0) throw new Error(`load-child.js failed: ${result.stderr.slice(-800)}`);
		samples.push(JSON.parse(result.stdout.trim().split('\n').pop()));
	}
	return {
		runs,
		classes: samples[0].classes,
		packageMs: median(samples.map((s) => s.packageMs)),
		n8nWorkflowMs: median(samples.map((s) => s.n8nWorkflowMs)),
		packageMsAll: samples.map((s) => Math.round(s.packageMs * 10) / 10),
	};
}

/** `npm pack --dry-run --json` of the repository (what npm publish would upload). */
async function tarball() {
	const result = await local.run('npm', ['pack', '--dry-run', '--json'], { timeoutMs: 120000 });
	if (result.code !== 0) throw new Error(`npm pack --dry-run failed: ${result.stderr.slice(-800)}`);
	const [info] = JSON.parse(result.stdout);
	return { filename: info.filename, size: info.size, unpackedSize: info.unpackedSize, entryCount: info.entryCount };
}

module.exports = { loadTime, tarball };
