#!/usr/bin/env node
'use strict';

// Builds and packs this package, then installs the tarball into an n8n user folder the way the README tells users
// to install from a tarball (the steps test/e2e/install.js runs verbatim): copy it into <user folder>/.n8n/nodes
// and run `npm install --legacy-peer-deps ./<tarball>` there. --legacy-peer-deps leaves out n8n-workflow, the peer
// dependency n8n provides itself (n8n's own community-package installer drops peer dependencies too), so nothing
// is downloaded or built. n8n then loads the nodes from .n8n/nodes/node_modules as n8n-nodes-pharmaone.pharmaOne, ...
//
//   node scripts/install-package.js <n8n user folder>      (or N8N_USER_FOLDER=... node scripts/install-package.js)
//   SKIP_BUILD=1 node scripts/install-package.js <folder>   (pack the dist/ that is already built)
//
// Prints the installed package folder on stdout; logs go to stderr. Plain Node.js 20+ on Linux, macOS and Windows.

const fs = require('node:fs');
const path = require('node:path');
const { findNpmCli, npmEnv, runNpm } = require('./lib/npm');

const ROOT = path.resolve(__dirname, '..');
const log = (message) => process.stderr.write(`[install-package] ${message}\n`);

async function installPackage(userFolder, { skipBuild = false } = {}) {
	const npmCli = findNpmCli();
	const env = npmEnv();
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	const packDir = path.join(path.resolve(userFolder), 'pack');
	if (!skipBuild) {
		log('npm run build');
		await runNpm(process.execPath, npmCli, ['run', 'build'], { cwd: ROOT, env });
	}
	log('npm pack');
	fs.rmSync(packDir, { recursive: true, force: true });
	fs.mkdirSync(packDir, { recursive: true });
	const packed = JSON.parse(await runNpm(process.execPath, npmCli, ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, env, capture: true }));
	const { name, version, filename } = packed[0];

	fs.mkdirSync(nodesDir, { recursive: true });
	// The folder's own package.json (as n8n writes it), so npm installs here and not into a parent folder's project.
	const nodesJson = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(nodesJson)) fs.writeFileSync(nodesJson, `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
	// A clean folder, so a previous build's files never linger.
	const packageDir = path.join(nodesDir, 'node_modules', name);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.copyFileSync(path.join(packDir, filename), path.join(nodesDir, filename));
	log(`npm install --legacy-peer-deps ./${filename} (in ${nodesDir})`);
	await runNpm(process.execPath, npmCli, ['install', '--legacy-peer-deps', '--no-audit', '--no-fund', `./${filename}`], { cwd: nodesDir, env });
	const installed = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
	if (installed !== version) throw new Error(`${packageDir} holds version ${installed}, expected ${version}`);
	log(`installed ${name}@${version}`);
	return packageDir;
}

module.exports = { installPackage };

if (require.main === module) {
	const userFolder = process.argv[2] || process.env.N8N_USER_FOLDER;
	if (!userFolder) {
		log('usage: node scripts/install-package.js <n8n user folder>');
		process.exit(2);
	}
	installPackage(userFolder, { skipBuild: process.env.SKIP_BUILD === '1' }).then(
		(packageDir) => process.stdout.write(`${packageDir}\n`),
		(error) => {
			log(error.message);
			process.exit(1);
		},
	);
}
