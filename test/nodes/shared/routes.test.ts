import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { PharmaOneApi } from '../../../credentials/PharmaOneApi.credentials';
import { tokenSource } from '../../../nodes/shared/connection';
import { RESOURCES } from '../../../nodes/PharmaOne/actions/resources';
import type { OperationModule } from '../../../nodes/PharmaOne/actions/types';
import { PharmaOne } from '../../../nodes/PharmaOne/PharmaOne.node';
import { ALL_ROUTES, ROUTES, fillPath, fillSubject } from '../../../nodes/shared/routes';
import type { Route } from '../../../nodes/shared/routes';
import { documentedRoutes } from '../../harness/documentedRoutes';
import { hasActionTest } from '../../harness/repoFiles';

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

	test.each(operations.map(([key]) => key))('%s has its engine test file test/nodes/PharmaOne/actions/<resource>/<operation>.test.ts', (key) => {
		const [resource, operation] = key.split('.');
		expect(hasActionTest(resource, operation)).toBe(true);
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

describe('fillSubject: what a 404 names, declared once per route', () => {
	test('fills each placeholder from the path values, then the query, then the body', () => {
		expect(fillSubject(ROUTES.order.get, [{ orderId: 'ORD_1' }])).toBe('Order "ORD_1"');
		expect(fillSubject(ROUTES.product.get, [{ p1Id: '12345' }, { shop_id: 'shop1' }, undefined])).toBe('Product "12345" in shop "shop1"');
		expect(fillSubject(ROUTES.inventory.adjust, [undefined, undefined, { p1_id: 777, delta_on_hand: -1 }])).toBe(
			'Product "777" in the organization inventory',
		);
		expect(fillSubject(ROUTES.order.get, [{ orderId: 'path' }, { orderId: 'query' }, { orderId: 'body' }])).toBe('Order "path"');
	});

	test('a route without a subject, or a value missing, empty or not text, names nothing', () => {
		expect(fillSubject(ROUTES.order.getAll, [{}, { status: 'pending' }])).toBeUndefined();
		expect(fillSubject(ROUTES.product.get, [{ p1Id: '12345' }, {}])).toBeUndefined();
		expect(fillSubject(ROUTES.order.get, [{ orderId: '' }])).toBeUndefined();
		expect(fillSubject(ROUTES.inventory.adjust, [undefined, undefined, { p1_id: { nested: true } }])).toBeUndefined();
	});

	test('every route that addresses one record by a path value names it', () => {
		const addressed = ALL_ROUTES.filter((route) => /\{(?!orgId\})\w+\}/.test(route.path));
		expect(addressed.filter((route) => !route.subject).map((route) => `${route.method} ${route.path}`)).toEqual([]);
		for (const route of addressed) {
			const names = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).filter((name) => name !== 'orgId');
			expect(names.filter((name) => !route.subject?.includes(`{${name}}`))).toEqual([]);
		}
	});
});

describe('node description', () => {
	const description = new PharmaOne().description;
	test('every operation option has a Title Case name, a camelCase value, an action and a description', () => {
		for (const [key, operation] of operations) {
			expect([key, operation.option.name]).toEqual([key, expect.stringMatching(/^[A-Z][\w]*( ([A-Z(][\w)]*|or|and|to|from|of|for|in|on|a))*$/)]);
			expect(key).toMatch(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/);
			expect(operation.option.action.length).toBeGreaterThan(5);
			expect(String(operation.option.description).length).toBeGreaterThan(10);
		}
	});

	test('each Operation list offers the names its resource registers, and each field shows for its own operation only', () => {
		for (const [resource, { operations: registered, defaultOperation }] of Object.entries(RESOURCES)) {
			const list = description.properties.filter((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource);
			expect(list).toHaveLength(1);
			const values = (list[0].options ?? []).map((o) => (o as { value: string }).value);
			expect([resource, [...values].sort()]).toEqual([resource, Object.keys(registered).sort()]);
			expect(values).toContain(list[0].default);
			expect(list[0].default).toBe(defaultOperation);
		}
		const fields = description.properties.filter((p) => !['resource', 'operation', 'requestOptions'].includes(p.name));
		for (const field of fields) {
			const show = field.displayOptions?.show ?? {};
			expect([field.name, show.resource?.length, show.operation?.length]).toEqual([field.name, 1, 1]);
			const [resource, operation] = [String(show.resource?.[0]), String(show.operation?.[0])];
			expect(Object.keys(RESOURCES)).toContain(resource);
			expect(Object.keys(RESOURCES[resource as keyof typeof RESOURCES].operations)).toContain(operation);
		}
	});

	test('the node is usable as a tool and lists every resource', () => {
		expect(description.usableAsTool).toBe(true);
		const resource = description.properties.find((p) => p.name === 'resource');
		expect((resource?.options ?? []).map((o) => (o as { value: string }).value).sort()).toEqual(Object.keys(RESOURCES).sort());
	});
});
