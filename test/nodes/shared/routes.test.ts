import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { PharmaOneApi } from '../../../credentials/PharmaOneApi.credentials';
import { tokenSource } from '../../../nodes/shared/connection';
import { RESOURCES } from '../../../nodes/PharmaOne/actions/resources';
import type { OperationModule } from '../../../nodes/PharmaOne/actions/types';
import { PharmaOne } from '../../../nodes/PharmaOne/PharmaOne.node';
import { ROUTES, fillPath } from '../../../nodes/shared/routes';
import type { Route } from '../../../nodes/shared/routes';
import { documentedRoutes } from '../../harness/documentedRoutes';

const allRoutes = Object.entries(ROUTES).flatMap(([resource, routes]) =>
	Object.entries(routes as Record<string, Route>).map(([operation, route]) => ({ key: `${resource}.${operation}`, route })),
);
const operations: Array<[string, OperationModule]> = Object.entries(RESOURCES).flatMap(([resource, entry]) =>
	Object.entries(entry.operations).map(([name, operation]) => [`${resource}.${name}`, operation] as [string, OperationModule]),
);

describe('route table', () => {
	test('holds exactly the documented routes (test/fixtures/routes.tsv)', () => {
		const table = allRoutes.map(({ route }) => `${route.method} ${route.auth === 'shopApiKey' ? '{shop}' : ''}${route.path}`);
		expect(table.sort()).toEqual(documentedRoutes().sort());
	});

	test.each(allRoutes.filter(({ key }) => key !== 'auth.token'))('$key is reachable from an operation', ({ route }) => {
		const users = operations.filter(([, operation]) => operation.routes.includes(route));
		expect(users.length).toBeGreaterThan(0);
	});

	test('the credential sets only the Bearer token, and only a token issued for its current settings', async () => {
		const credential = new PharmaOneApi();
		const authenticate = credential.authenticate as (c: object, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>;
		const data = { environment: 'custom', baseUrl: 'http://127.0.0.1:1', organizationId: 'org 1', apiKey: 'test-key' };
		const request = { method: 'GET' as const, url: 'http://127.0.0.1:1/anything', headers: { Accept: 'application/json' } };
		const current = await authenticate({ ...data, accessToken: 'test-token', tokenSource: tokenSource(data) }, request);
		expect(current.headers).toEqual({ Accept: 'application/json', Authorization: 'Bearer test-token' });
		const edited = await authenticate({ ...data, accessToken: 'test-token', tokenSource: 'another key' }, request);
		expect(edited.headers).toEqual({ Accept: 'application/json' });
	});

	test('the credential exchanges the key at the route table\'s token route', async () => {
		const calls: IHttpRequestOptions[] = [];
		const helper = {
			helpers: {
				httpRequest: async (options: IHttpRequestOptions) => {
					calls.push(options);
					return { access_token: 'test-token' };
				},
			},
		} as unknown as IHttpRequestHelper;
		const data = { environment: 'custom', baseUrl: 'http://127.0.0.1:1/', organizationId: 'org1', apiKey: 'test-key' };
		await new PharmaOneApi().preAuthentication.call(helper, data);
		expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual([
			`${ROUTES.auth.token.method} http://127.0.0.1:1${ROUTES.auth.token.path.replace('{orgId}', 'org1')}`,
		]);
	});

	test('scopes match the documented matrix', () => {
		const scopes = Object.fromEntries(documentedRoutes(true).map((line) => line.split(' ')).map(([m, p, s]) => [`${m} ${p}`, s]));
		for (const { route } of allRoutes) {
			const key = `${route.method} ${route.auth === 'shopApiKey' ? '{shop}' : ''}${route.path}`;
			expect([key, route.scope ?? '-']).toEqual([key, scopes[key]]);
		}
	});
});

describe('fillPath', () => {
	test('fills placeholders URL-encoded, {orgId} from the organization', () => {
		expect(fillPath(ROUTES.order.get, { orderId: 'ORD 1/x' }, 'org1')).toBe('/api/v2/public/orgs/org1/orders/ORD%201%2Fx');
		expect(fillPath(ROUTES.telemedicineOrder.create, {})).toBe('/api/v1/external-order');
	});

	test('names a missing or empty placeholder', () => {
		expect(() => fillPath(ROUTES.order.get, {}, 'org1')).toThrow('Missing value for "orderId" in /api/v2/public/orgs/{orgId}/orders/{orderId}');
		expect(() => fillPath(ROUTES.order.get, { orderId: 'ORD_1' }, '')).toThrow('Missing value for "orgId"');
	});
});

describe('node description', () => {
	const description = new PharmaOne().description;
	test('every operation option has a Title Case name, a camelCase value, an action and a description', () => {
		for (const [key, operation] of operations) {
			expect([key, operation.option.name]).toEqual([key, expect.stringMatching(/^[A-Z][\w]*( ([A-Z(][\w)]*|or|and|to|from|of|for|in|on|a))*$/)]);
			expect([key, String(operation.option.value)]).toEqual([key, expect.stringMatching(/^[a-z][a-zA-Z0-9]*$/)]);
			expect(operation.option.action.length).toBeGreaterThan(5);
			expect(String(operation.option.description).length).toBeGreaterThan(10);
		}
	});

	test('the node is usable as a tool and lists every resource', () => {
		expect(description.usableAsTool).toBe(true);
		const resource = description.properties.find((p) => p.name === 'resource');
		expect((resource?.options ?? []).map((o) => (o as { value: string }).value).sort()).toEqual(Object.keys(RESOURCES).sort());
	});
});
