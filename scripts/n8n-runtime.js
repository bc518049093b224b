#!/usr/bin/env node
'use strict';

// Installs, once and cached, the real n8n that the demo and the end-to-end tests run, from the npm registry only.
// Linux, macOS and Windows; plain Node.js 20+ (no shell tools).
//
//   node scripts/n8n-runtime.js           # installs if needed; prints the runtime folder (logs go to stderr)
//   node scripts/n8n-runtime.js --json    # prints {"dir","node","n8n","modules","nodeSource","nodeVersion","n8nVersion"}
//   node scripts/n8n-runtime.js --version 1.123.81 [--json]   # another n8n line (--list: the versions there are)
//
// Versions: the default (2.41.1) is installed from scripts/n8n-runtime/package.json + package-lock.json; older
// lines from scripts/n8n-runtime/versions/<version>/ (package.json, package-lock.json).
// Node.js: this machine's own when it satisfies n8n's `engines.node` and that of the native modules the lockfile
// has; otherwise the npm package node-<os>-<arch> (Node.js 24, installed into the cache folder).
// Which one and why: scripts/lib/runtime-select.js.
//
// Cache: ${PHARMAONE_N8N_CACHE:-~/.cache/n8n-nodes-pharmaone}/n8n-<version>/<key> (key: the lockfile and the
// Node.js), holding node/ (a fetched Node.js only) and n8n/node_modules. One install at a time (a lock file that
// survives a crashed holder); the others wait, then use it. Steps, as measured on Linux x64 (issue 5): `npm install
// n8n` fails on a native Kafka dependency that downloads sources, so the lockfile is installed with `npm ci
// --ignore-scripts`; then the native modules n8n needs are built for the runtime's Node.js: sqlite3 (prebuilt
// binary, else compiled with node-gyp against that Node.js's headers) and isolated-vm (its bundled prebuild; n8n
// 2.8 has none).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const select = require('./lib/runtime-select');
const { acquireLock } = require('./lib/file-lock');
const { findNpmCli, npmEnv, runNode, runNpm } = require('./lib/npm');

const LOCK_DIR = path.join(__dirname, 'n8n-runtime');
const VERSIONS_DIR = path.join(LOCK_DIR, 'versions');
/** The n8n version installed when none is asked for (the lockfile in scripts/n8n-runtime itself). */
const DEFAULT_VERSION = select.n8nFromLock(fs.readFileSync(path.join(LOCK_DIR, 'package-lock.json'), 'utf8')).version;
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

/** The n8n versions there are lockfiles for: the default first. */
function availableVersions() {
	const older = fs.existsSync(VERSIONS_DIR) ? fs.readdirSync(VERSIONS_DIR).filter((name) => select.parseVersion(name)) : [];
	const byVersion = (a, b) => select.compareVersions(b, a);
	return [DEFAULT_VERSION, ...older.filter((v) => v !== DEFAULT_VERSION).sort(byVersion)];
}

/** The folder holding the lockfile of an n8n version (default: scripts/n8n-runtime itself). */
function lockDirFor(version = DEFAULT_VERSION) {
	if (version === DEFAULT_VERSION) return LOCK_DIR;
	const dir = path.join(VERSIONS_DIR, String(version));
	if (!select.parseVersion(version) || !fs.existsSync(path.join(dir, 'package-lock.json'))) {
		throw new Error(`no lockfile for n8n ${version}; available: ${availableVersions().join(', ')} (add scripts/n8n-runtime/versions/<version>/)`);
	}
	return dir;
}


/** Where n8n, its modules and the Node.js to run it are. */
function describe(dir, choice, n8nVersion) {
	const node = choice.source === 'machine' ? { bin: process.execPath, version: choice.version } : packageNode(path.join(dir, 'node', 'node_modules', choice.packageName));
	return {
		dir,
		node: node.bin,
		n8n: path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
		modules: path.join(dir, 'n8n', 'node_modules'),
		nodeSource: choice.source,
		nodeVersion: node.version,
		n8nVersion,
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
async function install(work, { choice, n8n, npmCli, lockDir }) {
	let node = { bin: process.execPath, version: choice.version };
	if (choice.source === 'machine') log(`1/4 Node.js: this machine's ${choice.version} (${process.execPath}) satisfies ${n8n.engines.join(' and ')}`);
	else node = await fetchNode(work, choice, n8n.engines, npmCli);
	// npm runs on the runtime's Node.js, which is first on PATH for the build scripts, and builds against its headers.
	const env = npmEnv({ prependPath: path.dirname(node.bin), nodedir: headersDir(node.bin, node.version) });
	const cwd = path.join(work, 'n8n');
	fs.mkdirSync(cwd, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(lockDir, file), path.join(cwd, file));

	log(`2/4 n8n ${n8n.version}: npm ci --ignore-scripts (lockfile ${path.relative(path.join(__dirname, '..'), lockDir)}/package-lock.json)`);
	await runNpm(node.bin, npmCli, ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd, env });
	for (const name of n8n.native) {
		log(`3/4 npm rebuild ${name}${name === 'sqlite3' ? ' (a prebuilt binary, or compiled: ~2 min)' : ''}`);
		await runNpm(node.bin, npmCli, ['rebuild', name, '--ignore-scripts=false'], { cwd, env });
	}

	log(`4/4 checking: n8n --version${n8n.native.map((name) => `, require(${name})`).join('')}`);
	const printed = (await runNode(node.bin, [path.join(cwd, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], { cwd, env, capture: true })).split('\n').pop();
	if (printed !== n8n.version) throw new Error(`expected n8n ${n8n.version}, got "${printed}"`);
	await runNode(node.bin, ['-e', n8n.native.map((name) => `require(${JSON.stringify(name)});`).join(' ')], { cwd, env });
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

/** Installs the runtime of an n8n version (default: 2.41.1) unless the cache has it; returns describe()'s paths. */
async function ensureRuntime({ version = DEFAULT_VERSION } = {}) {
	const lockDir = lockDirFor(version);
	const packageJson = fs.readFileSync(path.join(lockDir, 'package.json'), 'utf8');
	const packageLock = fs.readFileSync(path.join(lockDir, 'package-lock.json'), 'utf8');
	const required = select.nodeRequirements(packageLock);
	if (required.n8nVersion !== version) throw new Error(`${lockDir}/package-lock.json holds n8n ${required.n8nVersion}, not ${version}`);
	const n8n = { version, engines: required.engines, native: required.native };
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
		return describe(dest, choice, version);
	}

	fs.mkdirSync(root, { recursive: true });
	const lock = await acquireLock(path.join(root, 'install.lock'), {
		onWait: (owner) => log(`waiting for another install to finish (${owner ? `pid ${owner.pid}` : 'starting'}; lock ${path.join(root, 'install.lock')}) ...`),
	});
	try {
		if (complete()) {
			log(`cached (installed by another process): ${dest}`);
			return describe(dest, choice, version);
		}
		// Leftovers of an install that was killed (we hold the lock, so no other install is running).
		for (const name of fs.readdirSync(root)) if (name.startsWith('.tmp-')) await fs.promises.rm(path.join(root, name), { recursive: true, force: true });
		const started = Date.now();
		const work = path.join(root, `.tmp-${key}-${process.pid}`);
		fs.mkdirSync(work, { recursive: true });
		try {
			await install(work, { choice, n8n, npmCli: findNpmCli(), lockDir });
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
		return describe(dest, choice, version);
	} finally {
		lock.release();
	}
}

/** The value of `--version <v>` / `--version=<v>` in argv, or undefined. */
function versionArg(argv) {
	const index = argv.findIndex((arg) => arg === '--version' || arg.startsWith('--version='));
	if (index < 0) return undefined;
	const value = argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
	if (!value || value.startsWith('--')) throw new Error(`--version needs an n8n version: ${availableVersions().join(', ')}`);
	return value;
}

module.exports = { ensureRuntime, cacheRoot, availableVersions, DEFAULT_VERSION };

if (require.main === module && process.argv.includes('--list')) {
	process.stdout.write(`${availableVersions().join('\n')}\n`);
} else if (require.main === module) {
	Promise.resolve()
		.then(() => ensureRuntime({ version: versionArg(process.argv.slice(2)) }))
		.then(
		(runtime) => {
			process.stdout.write(`${process.argv.includes('--json') ? JSON.stringify(runtime) : runtime.dir}\n`);
		},
		(error) => {
			log(error.message);
			process.exit(1);
		},
	);
}
