#!/usr/bin/env node
'use strict';

// Installs, once and cached, the real n8n that the demo and the end-to-end tests run, from the npm registry only.
// Linux, macOS and Windows; plain Node.js 20+ (no shell tools).
//
//   node scripts/n8n-runtime.js           # installs if needed; prints the runtime folder (logs go to stderr)
//   node scripts/n8n-runtime.js --json    # prints {"dir","node","n8n","modules","nodeSource","nodeVersion"}
//
// Node.js: this machine's own when it satisfies n8n's `engines.node` (read from scripts/n8n-runtime/
// package-lock.json); otherwise the npm package node-<os>-<arch> (Node.js 24, installed into the cache folder).
// Which one and why: scripts/lib/runtime-select.js.
//
// Cache: ${PHARMAONE_N8N_CACHE:-~/.cache/n8n-nodes-pharmaone}/n8n-<version>/<key> (key: the lockfile and the
// Node.js), holding node/ (a fetched Node.js only) and n8n/node_modules. One install at a time (a lock file that
// survives a crashed holder); the others wait, then use it. Steps, as measured on Linux x64 (issue 5): `npm install
// n8n` fails on a native Kafka dependency that downloads sources, so the lockfile is installed with `npm ci
// --ignore-scripts`; then the two native modules n8n needs are built for the runtime's Node.js: sqlite3 (prebuilt
// binary, else compiled with node-gyp against that Node.js's headers) and isolated-vm (its bundled prebuild).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const select = require('./lib/runtime-select');
const { acquireLock } = require('./lib/file-lock');
const { findNpmCli, npmEnv, runNode, runNpm } = require('./lib/npm');

const LOCK_DIR = path.join(__dirname, 'n8n-runtime');
const log = (message) => process.stderr.write(`[n8n-runtime] ${message}\n`);

function cacheRoot(env = process.env) {
	return env.PHARMAONE_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-pharmaone');
}

/** 'glibc' or 'musl' on Linux (the node-linux-* packages are glibc builds); undefined elsewhere. */
function machineLibc() {
	if (process.platform !== 'linux') return undefined;
	return process.report?.getReport?.().header?.glibcVersionRuntime ? 'glibc' : 'musl';
}

/** The Node.js binary and version of an installed node-<os>-<arch> package (its package.json `bin`, `version`). */
function packageNode(packageDir) {
	const { bin, version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	return { bin: path.join(packageDir, typeof bin === 'string' ? bin : bin.node), version };
}

/** node-gyp's nodedir for a Node.js binary: <prefix> when <prefix>/include/node holds headers of its major. */
function headersDir(nodeBin, version) {
	const major = select.parseVersion(version)[0];
	for (const prefix of [path.resolve(path.dirname(nodeBin), '..'), path.dirname(nodeBin)]) {
		const header = path.join(prefix, 'include', 'node', 'node_version.h');
		if (fs.existsSync(header) && select.headerMajor(fs.readFileSync(header, 'utf8')) === major) return prefix;
	}
	return ''; // none: node-gyp downloads the headers of the running Node.js
}

/** Where n8n, its modules and the Node.js to run it are. */
function describe(dir, choice) {
	const node = choice.source === 'machine' ? { bin: process.execPath, version: choice.version } : packageNode(path.join(dir, 'node', 'node_modules', choice.packageName));
	return {
		dir,
		node: node.bin,
		n8n: path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		modules: path.join(dir, 'n8n', 'node_modules'),
		nodeSource: choice.source,
		nodeVersion: node.version,
	};
}

/** Installs node-<os>-<arch> (the preferred version, or the closest the registry has) into <work>/node. */
async function fetchNode(work, choice, engines, npmCli) {
	const env = npmEnv();
	const listed = await runNpm(process.execPath, npmCli, ['view', choice.packageName, 'versions', '--json'], { cwd: work, env, capture: true });
	const version = select.pickPackageVersion([].concat(JSON.parse(listed)), { engines, preferredVersion: choice.preferredVersion });
	const major = choice.preferredVersion.split('.')[0];
	if (!version) {
		throw new Error(`${choice.reason}, and the npm registry has no ${choice.packageName} ${major}.x that n8n accepts. Install Node.js ${major} (https://nodejs.org) and run again: it is used as is.`);
	}
	const dir = path.join(work, 'node');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"pharmaone-n8n-node","version":"1.0.0","private":true}\n');
	log(`1/4 Node.js: ${choice.reason}; npm install ${choice.packageName}@${version}`);
	await runNpm(process.execPath, npmCli, ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', `${choice.packageName}@${version}`], { cwd: dir, env });
	const node = packageNode(path.join(dir, 'node_modules', choice.packageName));
	const printed = await runNode(node.bin, ['--version'], { cwd: dir, env, capture: true });
	if (printed !== `v${version}`) throw new Error(`${node.bin} printed ${printed}, expected v${version}`);
	return node;
}

/** The install itself, into the scratch folder `work`. */
async function install(work, { choice, n8n, npmCli }) {
	let node = { bin: process.execPath, version: choice.version };
	if (choice.source === 'machine') log(`1/4 Node.js: this machine's ${choice.version} (${process.execPath}) satisfies n8n's ${n8n.engines}`);
	else node = await fetchNode(work, choice, n8n.engines, npmCli);
	// npm runs on the runtime's Node.js, which is first on PATH for the build scripts, and builds against its headers.
	const env = npmEnv({ prependPath: path.dirname(node.bin), nodedir: headersDir(node.bin, node.version) });
	const cwd = path.join(work, 'n8n');
	fs.mkdirSync(cwd, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(LOCK_DIR, file), path.join(cwd, file));

	log(`2/4 n8n ${n8n.version}: npm ci --ignore-scripts (lockfile scripts/n8n-runtime/package-lock.json)`);
	await runNpm(node.bin, npmCli, ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd, env });
	log('3/4 npm rebuild sqlite3 (a prebuilt binary, or compiled: ~2 min)');
	await runNpm(node.bin, npmCli, ['rebuild', 'sqlite3', '--ignore-scripts=false'], { cwd, env });
	log('4/4 npm rebuild isolated-vm');
	await runNpm(node.bin, npmCli, ['rebuild', 'isolated-vm', '--ignore-scripts=false'], { cwd, env });

	log('checking: n8n --version, require(sqlite3), require(isolated-vm)');
	const printed = (await runNode(node.bin, [path.join(cwd, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], { cwd, env, capture: true })).split('\n').pop();
	if (printed !== n8n.version) throw new Error(`expected n8n ${n8n.version}, got "${printed}"`);
	await runNode(node.bin, ['-e', "require('sqlite3'); require('isolated-vm')"], { cwd, env });
}

/** Renames, retrying briefly (Windows refuses while a virus scanner still reads the new files). */
async function renameWithRetry(from, to) {
	for (let attempt = 1; ; attempt++) {
		try {
			fs.renameSync(from, to);
			return;
		} catch (error) {
			if (attempt >= 10 || !['EPERM', 'EACCES', 'EBUSY'].includes(error.code)) throw error;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
}

/** Installs the runtime unless the cache has it; returns describe()'s paths. */
async function ensureRuntime() {
	const packageJson = fs.readFileSync(path.join(LOCK_DIR, 'package.json'), 'utf8');
	const packageLock = fs.readFileSync(path.join(LOCK_DIR, 'package-lock.json'), 'utf8');
	const n8n = select.n8nFromLock(packageLock);
	const choice = select.chooseNode({
		platform: process.platform,
		arch: process.arch,
		libc: machineLibc(),
		machineVersion: process.version,
		engines: n8n.engines,
	});
	if (choice.source === 'unsupported') throw new Error(choice.reason);
	const root = path.join(cacheRoot(), `n8n-${n8n.version}`);
	const key = select.cacheKey({ packageJson, packageLock, choice, platform: process.platform, arch: process.arch, modules: process.versions.modules });
	const dest = path.join(root, key);
	const complete = () => fs.existsSync(path.join(dest, '.complete'));
	if (complete()) {
		log(`cached: ${dest}`);
		return describe(dest, choice);
	}

	fs.mkdirSync(root, { recursive: true });
	const lock = await acquireLock(path.join(root, 'install.lock'), {
		onWait: (owner) => log(`waiting for another install to finish (${owner ? `pid ${owner.pid}` : 'starting'}; lock ${path.join(root, 'install.lock')}) ...`),
	});
	try {
		if (complete()) {
			log(`cached (installed by another process): ${dest}`);
			return describe(dest, choice);
		}
		// Leftovers of an install that was killed (we hold the lock, so no other install is running).
		for (const name of fs.readdirSync(root)) if (name.startsWith('.tmp-')) await fs.promises.rm(path.join(root, name), { recursive: true, force: true });
		const started = Date.now();
		const work = path.join(root, `.tmp-${key}-${process.pid}`);
		fs.mkdirSync(work, { recursive: true });
		try {
			await install(work, { choice, n8n, npmCli: findNpmCli() });
			fs.writeFileSync(path.join(work, '.complete'), `${new Date().toISOString()}\n`);
			await fs.promises.rm(dest, { recursive: true, force: true });
			await renameWithRetry(work, dest);
		} finally {
			await fs.promises.rm(work, { recursive: true, force: true });
		}
		log(`installed in ${Math.round((Date.now() - started) / 1000)} s: ${dest}`);
		for (const name of fs.readdirSync(root)) {
			const other = path.join(root, name);
			if (other !== dest && !name.startsWith('.') && name !== 'install.lock' && fs.statSync(other).isDirectory()) {
				log(`an older install (another lockfile or Node.js) can be deleted to free space: ${other}`);
			}
		}
		return describe(dest, choice);
	} finally {
		lock.release();
	}
}

module.exports = { ensureRuntime, cacheRoot };

if (require.main === module) {
	ensureRuntime().then(
		(runtime) => {
			process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(runtime) : runtime.dir}\n`);
		},
		(error) => {
			log(error.message);
			process.exit(1);
		},
	);
}
