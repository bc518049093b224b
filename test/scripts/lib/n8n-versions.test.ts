import { MEASURED, forVersion } from '../../../scripts/lib/n8n-versions';
import { olderVersions } from './versionLockfiles';

const owner = { email: 'demo@example.com', password: 'Dummy-password-1' };

describe('n8n version differences (scripts/lib/n8n-versions.js)', () => {
	it('lists as measured exactly the versions there are runtime lockfiles for', () => {
		expect([...MEASURED].sort()).toEqual(['2.41.1', ...olderVersions()].sort());
	});

	it('1.x activates: `update:workflow --active=true` and PATCH /rest/workflows/<id>', () => {
		const v1 = forVersion('1.123.81');
		expect(v1.publishing).toBe('activate');
		expect(v1.cliArgs(['publish:workflow', '--id=p1ExOrderNotify1'])).toEqual(['update:workflow', '--id=p1ExOrderNotify1', '--active=true']);
		expect(v1.cliArgs(['publish:workflow', '--id', 'abc'])).toEqual(['update:workflow', '--id=abc', '--active=true']);
		expect(v1.publishRequest('abc', 'v1')).toEqual({ method: 'PATCH', urlPath: '/rest/workflows/abc', body: { active: true, versionId: 'v1' } });
	});

	it.each(['2.8.4', '2.35.7', '2.41.1'])('%s publishes: `publish:workflow` as given and POST /rest/workflows/<id>/activate', (version) => {
		const profile = forVersion(version);
		expect(profile.cliArgs(['publish:workflow', '--id=abc'])).toEqual(['publish:workflow', '--id=abc']);
		expect(profile.publishRequest('abc', 'v2')).toEqual({ method: 'POST', urlPath: '/rest/workflows/abc/activate', body: { versionId: 'v2' } });
	});

	it('other commands pass through unchanged on every version', () => {
		for (const version of MEASURED) {
			expect(forVersion(version).cliArgs(['import:workflow', '--separate', '--input=/x'])).toEqual(['import:workflow', '--separate', '--input=/x']);
		}
	});

	it('names mcp-registry in N8N_DISABLED_MODULES only where n8n knows that module (older ones refuse to start)', () => {
		for (const version of ['2.35.7', '2.41.1']) expect(forVersion(version).env).toEqual({ N8N_DISABLED_MODULES: 'mcp-registry' });
		for (const version of ['1.123.81', '2.8.4']) expect(forVersion(version).env).toEqual({});
	});

	it('pages executions by cursor on 2.41.1 and by lastId before', () => {
		const page = { results: [{ id: '9' }, { id: '12' }, { id: '10' }], nextCursor: 'abc=' };
		expect(forVersion('2.41.1').executionPaging.next(page, 3)).toBe('cursor=abc%3D');
		expect(forVersion('2.41.1').executionPaging.next({ ...page, nextCursor: null }, 3)).toBe('');
		expect(forVersion('2.35.7').executionPaging.next(page, 3)).toBe('lastId=9');
		expect(forVersion('2.35.7').executionPaging.next(page, 100)).toBe('');
	});

	it('logs in with the same body fields on every measured version', () => {
		for (const version of MEASURED) expect(forVersion(version).loginBody(owner)).toEqual({ emailOrLdapLoginId: owner.email, password: owner.password });
	});

	it('a version between two measured ones gets the older one\'s behaviour; a version below all of them the oldest', () => {
		expect(forVersion('2.20.0').env).toEqual(forVersion('2.8.4').env);
		expect(forVersion('2.40.0').executionPaging.name).toBe('lastId');
		expect(forVersion('2.42.0').executionPaging.name).toBe('cursor');
		expect(forVersion('1.100.0').publishing).toBe('activate');
		expect(forVersion('2.0.0').publishing).toBe('publish');
	});

	it('refuses what is not a version', () => {
		expect(() => forVersion('latest')).toThrow('not an n8n version: "latest"');
	});
});
