#!/usr/bin/env node
'use strict';

// The n8n version matrix (npm run test:matrix; run by .ci/run). For each n8n release of MATRIX below, the
// end-to-end suite (test/e2e/run.js) runs in that real n8n, installed once into ~/.cache by
// scripts/n8n-runtime.js: every operation, the example workflows, Skip Already Sent run twice, a signed webhook,
// the credential tests, two polls, tokens revoked and expiring with 128 reads in flight, a revoked key and a 429
// with Retry-After (test/e2e/auth.js). Versions run one after another; the newest is left to `npm test`, which
// runs the same suite plus the editor checks (E2E_MATRIX_ALL=1 runs it here too).
//
// At the end it prints, per version, the checks passed and failed and the figures of test/e2e/auth.js, and it
// checks the README's compatibility table against what ran: every version the table calls tested is one of
// MATRIX (or the newest), and every version of MATRIX that passed is in the table. Prints `N passed, M failed`.

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..', '..');
/** The n8n lines users run: the last 1.x, an early 2.x, a mid 2.x (after 2.34, before 2.40) and the newest. */
const NEWEST = '2.41.1';
const MATRIX = ['1.123.81', '2.8.4', '2.35.7'];

function runSuite(version) {
	return new Promise((resolve) => {
		const started = Date.now();
		const env = { ...process.env, E2E_N8N_VERSION: version, E2E_PROFILE: 'matrix', E2E_SKIP_BUILD: process.env.E2E_SKIP_BUILD ?? '' };
		const child = spawn(process.execPath, [path.join(__dirname, 'run.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
		let out = '';
		child.stdout.on('data', (chunk) => {
			out += chunk;
			process.stdout.write(String(chunk).replace(/^(?=.)/gm, `[n8n ${version}] `));
		});
		child.on('close', (code) => {
			const counts = /^(\d+) passed, (\d+) failed$/m.exec(out.split('\n').filter((line) => /^\d+ passed, \d+ failed$/.test(line)).pop() ?? '');
			const figures = {};
			for (const [, json] of out.matchAll(/^# auth (\{.*\})$/gm)) Object.assign(figures, JSON.parse(json));
			resolve({
				version,
				code,
				passed: counts ? Number(counts[1]) : 0,
				failed: counts ? Number(counts[2]) : 1,
				seconds: Math.round((Date.now() - started) / 1000),
				figures,
			});
		});
	});
}

/** The versions the README's compatibility table marks as tested (rows starting with `| <version> |`). */
function readmeTestedVersions() {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const section = readme.slice(readme.indexOf('## Compatibility'), readme.indexOf('\n## ', readme.indexOf('## Compatibility') + 5));
	return [...section.matchAll(/^\| (\d+\.\d+\.\d+) \|.*\| tested \|/gm)].map((match) => match[1]);
}

function summary(result) {
	const f = result.figures;
	return [
		`n8n ${result.version}: ${result.passed} passed, ${result.failed} failed in ${result.seconds} s`,
		f.revokedMidRun && `  token revoked mid-run: ${f.revokedMidRun.items} items, ${f.revokedMidRun.failedItems} failed, ${f.revokedMidRun.exchangesAfterRevocation} exchange(s) after the revocation`,
		f.twoSecondTokens && `  2-second tokens: ${f.twoSecondTokens.items} items, ${f.twoSecondTokens.failedItems} failed, ${f.twoSecondTokens.exchanges} exchanges in ${f.twoSecondTokens.nodeSeconds} s (bound ${f.twoSecondTokens.bound})`,
		f.revokedKey && `  revoked key: ${f.revokedKey.failedItems}/${f.revokedKey.items} items "${f.revokedKey.message}", ${f.revokedKey.exchangeAttempts} exchange attempt(s)`,
		f.retryAfter && `  429 Retry-After 2 s: node took ${f.retryAfter.nodeMs} ms; Retry-After 120 s: failed after ${f.retryAfter.farNodeMs} ms`,
	]
		.filter(Boolean)
		.join('\n');
}

async function main() {
	const versions = process.env.E2E_MATRIX_VERSIONS ? process.env.E2E_MATRIX_VERSIONS.split(',') : [...MATRIX, ...(process.env.E2E_MATRIX_ALL === '1' ? [NEWEST] : [])];
	const results = [];
	for (const version of versions) results.push(await runSuite(version));
	console.log('# n8n version matrix');
	for (const result of results) console.log(summary(result));

	let passed = results.filter((r) => r.code === 0 && r.failed === 0 && r.passed > 0).length;
	let failed = results.length - passed;
	const tested = readmeTestedVersions();
	const known = new Set([...MATRIX, NEWEST]);
	const unknown = tested.filter((version) => !known.has(version));
	const missing = results.filter((r) => r.failed === 0 && !tested.includes(r.version)).map((r) => r.version);
	const failing = results.filter((r) => r.failed > 0 && tested.includes(r.version)).map((r) => r.version);
	if (unknown.length + missing.length + failing.length > 0) {
		failed++;
		console.log(`FAILED README compatibility table: tested but not in the matrix: ${unknown.join(', ') || '-'}; passed but not in the table: ${missing.join(', ') || '-'}; in the table but failing: ${failing.join(', ') || '-'}`);
	} else {
		passed++;
		console.log(`ok     README compatibility table lists the tested versions (${tested.join(', ')})`);
	}
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed === 0 ? 0 : 1);
}

module.exports = { MATRIX, NEWEST, readmeTestedVersions };

if (require.main === module) main();
