import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { PharmaOneApi } from '../../../credentials/PharmaOneApi.credentials';
import { tokenSource } from '../../../nodes/shared/connection';
import { RESOURCES } from '../../../nodes/PharmaOne/actions/resources';
import type { OperationModule } from '../../../nodes/PharmaOne/actions/types';
import { PharmaOne } from '../../../nodes/PharmaOne/PharmaOne.node';
import { ROUTES, findRoute } from '../../../nodes/shared/routes';
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

	test.each(allRoutes.filter(({ route }) => route.auth !== 'shopApiKey'))(
		'the credential authenticates $key as the table says ($route.auth)',
		async ({ route }) => {
			const credential = new PharmaOneApi();
			const data = { environment: 'custom', baseUrl: 'http://127.0.0.1:1', organizationId: 'org 1', apiKey: 'test-key' };
			const credentials = { ...data, accessToken: 'test-token', tokenSource: tokenSource(data) };
			const url = `http://127.0.0.1:1${route.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(name === 'orgId' ? 'org 1' : 'x 1'))}`;
			const signed = await (credential.authenticate as (c: object, o: IHttpRequestOptions) => Promise<IHttpRequestOptions>)(
				credentials,
				{ method: route.method, url },
			);
			const headers = signed.headers ?? {};
			expect([headers.apikey !== undefined, headers.Authorization !== undefined]).toEqual(
				route.auth === 'apiKey' ? [true, false] : [false, true],
			);
		},
	);

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

describe('findRoute', () => {
	const host = 'https://manager.sandbox.test';
	test.each([
		['GET', `${host}/api/v2/public/orgs/org1/orders/ORD_1`, ROUTES.order.get],
		['get', `${host}/api/v2/public/orgs/org1/orders/ORD_1?expand=items#top`, ROUTES.order.get],
		['GET', `${host}/api/v2/public/orgs/org1/orders`, ROUTES.order.getAll],
		['GET', `${host}/api/v2/public/orgs/org1/orders/?limit=200&offset=0`, ROUTES.order.getAll],
		['POST', `${host}/api/v2/public/orgs/org1/orders`, ROUTES.order.upsert],
		['PATCH', `${host}/api/v2/public/orgs/org1/orders/ORD_1/status`, ROUTES.order.updateStatus],
		['POST', `${host}/api/v1/public/orgs/org1/order-requests`, ROUTES.orderRequest.createV1],
		['POST', '/api/v2/public/orgs/org1/auth/token', ROUTES.auth.token],
		[undefined, `${host}/api/v2/public/orgs/org1/shops`, ROUTES.shop.getAll],
	])('%s %s', (method, url, route) => {
		expect(findRoute(method, url)).toBe(route);
	});

	test.each([
		['DELETE', `${host}/api/v2/public/orgs/org1/orders/ORD_1`],
		['GET', `${host}/api/v2/public/orgs/org1/orders/ORD_1/items`],
		['GET', host],
		['GET', `${host}/elsewhere?path=/api/v2/public/orgs/org1/orders`],
	])('%s %s is not a route of the table', (method, url) => {
		expect(findRoute(method, url)).toBeUndefined();
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
