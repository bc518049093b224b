#!/usr/bin/env node
'use strict';

// Scanner-equivalent check: lints this package the way n8n's `@n8n/scan-community-package`
// (scanner/scanner.mjs, version 0.32.0) lints a published community package before verification:
//
//   1. "source" leg: package.json and {nodes,credentials}/**/*.{js,ts,json} of the source tree
//      (the scanner lints the GitHub commit that the npm provenance attestation points at);
//   2. "tarball" leg: `npm pack`, unpack, then lint the packed **/*.js and package.json.
//
// Same ESLint flat config as the scanner's buildScanConfig(): @n8n/eslint-plugin-community-nodes'
// `recommended` config, `no-console: error`, eslint-plugin-n8n-nodes-base's community / credentials /
// nodes rulesets with the scanner's "off" overrides, @typescript-eslint/parser for .ts and .json,
// and `allowInlineConfig: false`, so `eslint-disable` comments are ignored. Any error fails the run.
//
// Needs `npm ci` and `npm run build` first. Usage: node scripts/scan-package.js

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { createRequire } = require('node:module');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');
const rootRequire = createRequire(path.join(root, 'package.json'));

/** Resolves a module from the project, else from @n8n/node-cli's own dependencies (where npm put them). */
function resolveModule(name) {
	try {
		return rootRequire.resolve(name);
	} catch {
		const nodeCliRequire = createRequire(rootRequire.resolve('@n8n/node-cli/eslint'));
		return nodeCliRequire.resolve(name);
	}
}

async function importModule(name) {
	const loaded = await import(pathToFileURL(resolveModule(name)).href);
	return loaded;
}

function modulesVersion(name) {
	let dir = path.dirname(resolveModule(name));
	while (dir !== path.dirname(dir)) {
		const manifest = path.join(dir, 'package.json');
		if (fs.existsSync(manifest)) {
			const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
			if (pkg.name === name) return pkg.version;
		}
		dir = path.dirname(dir);
	}
	return '?';
}

/** The scanner's buildScanConfig(), rule for rule. */
async function buildScanConfig() {
	const { defineConfig } = await importModule('eslint/config');
	const { n8nCommunityNodesPlugin } = await importModule('@n8n/eslint-plugin-community-nodes');
	const tsParser = await importModule('@typescript-eslint/parser');
	const n8nNodesPlugin = (await importModule('eslint-plugin-n8n-nodes-base')).default;
	const parser = tsParser.default ?? tsParser;

	return defineConfig(
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
		{ files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesPlugin.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesPlugin.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	);
}

/** Files below `dir` (relative paths), skipping node_modules, filtered by `keep`. */
function listFiles(dir, keep, prefix = '') {
	const found = [];
	for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
		const relative = path.posix.join(prefix, entry.name);
		if (entry.isDirectory()) {
			if (entry.name !== 'node_modules') found.push(...listFiles(dir, keep, relative));
		} else if (keep(relative)) {
			found.push(relative);
		}
	}
	return found;
}

async function lintLeg(label, cwd, files, config, ESLint) {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: config });
	const results = await eslint.lintFiles(files.map((file) => path.join(cwd, file)));
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const byRule = new Map();
	for (const result of results) {
		for (const message of result.messages) {
			const key = `${message.severity === 2 ? 'error' : 'warning'} ${message.ruleId ?? '(parse)'}`;
			byRule.set(key, (byRule.get(key) ?? 0) + 1);
		}
	}
	if (errors > 0 || warnings > 0) {
		const formatter = await eslint.loadFormatter('stylish');
		process.stdout.write(await formatter.format(results));
	}
	process.stdout.write(`${label}: ${files.length} files linted, ${errors} errors, ${warnings} warnings\n`);
	for (const [key, count] of [...byRule].sort()) process.stdout.write(`  ${count} × ${key}\n`);
	return { errors, warnings };
}

async function main() {
	for (const required of ['dist/nodes', 'dist/credentials']) {
		if (!fs.existsSync(path.join(root, required))) {
			throw new Error(`${required} is missing: run \`npm run build\` before the scan`);
		}
	}
	const { ESLint } = await importModule('eslint');
	const config = await buildScanConfig();
	process.stdout.write(
		`scan: eslint ${ESLint.version}, @n8n/eslint-plugin-community-nodes ${modulesVersion('@n8n/eslint-plugin-community-nodes')}, ` +
			`eslint-plugin-n8n-nodes-base ${modulesVersion('eslint-plugin-n8n-nodes-base')}; inline eslint comments ignored\n`,
	);

	// Source leg: what the scanner fetches from the attested commit (SOURCE_FILE_PATTERNS).
	const sourceFiles = [
		'package.json',
		...listFiles(root, (file) => /^(nodes|credentials)\/.*\.(js|ts|json)$/.test(file)),
	];
	const source = await lintLeg('source (package.json, nodes/, credentials/)', root, sourceFiles, config, ESLint);

	// Tarball leg: what `npm pack` ships, linted as the scanner lints the downloaded package.
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-scan-'));
	try {
		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
			}),
		)[0];
		const packageDir = path.join(work, 'package');
		fs.mkdirSync(packageDir);
		execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', packageDir, '--strip-components=1']);
		const tarballFiles = listFiles(packageDir, (file) => file.endsWith('.js') || file === 'package.json');
		const tarball = await lintLeg(
			`tarball (${packed.filename}: **/*.js, package.json)`,
			packageDir,
			tarballFiles,
			config,
			ESLint,
		);

		const errors = source.errors + tarball.errors;
		const warnings = source.warnings + tarball.warnings;
		process.stdout.write(
			`scan summary: ${errors} errors, ${warnings} warnings (${sourceFiles.length} source files, ${tarballFiles.length} packed files)\n`,
		);
		if (errors > 0) {
			process.stdout.write('scan FAILED: n8n\'s scanner would reject this package\n');
			process.exitCode = 1;
		} else {
			process.stdout.write('scan OK: no errors under n8n\'s community package scanner rules\n');
		}
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	process.stderr.write(`scan failed to run: ${error.stack ?? error}\n`);
	process.exitCode = 1;
});
