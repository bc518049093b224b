import type { ICredentialType, INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { PharmaOneShopApi } from '../../../../credentials/PharmaOneShopApi.credentials';
import { PharmaOne } from '../../../../nodes/PharmaOne/PharmaOne.node';
import { createSandbox } from '../../../../sandbox/server';
import { testCredentialLikeN8n } from '../../../harness/credentialTester';
import { EngineHarness } from '../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS } from '../../../harness/fixtures';
import { captureBody } from '../../../harness/fakePharmaOne';
import errors from '../../../fixtures/errors.json';
import created from '../../../fixtures/telemedicineOrder/create.json';

const SHOP_URL = 'https://shop1.pharmaone.test';
const SHOP_KEY = 'dummy-shop-connector-key';
const PATH = '/api/v1/external-order';
const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << >> endobj\n%%EOF\n');

/** The shop credential as a user might type it: spaces and a trailing slash around the URL. */
const SHOP_CREDENTIALS = { shopUrl: ` ${SHOP_URL}/ `, apiKey: SHOP_KEY };

function harness() {
	return new EngineHarness({ pharmaOneShopApi: SHOP_CREDENTIALS, pharmaOneApi: CUSTOM_CREDENTIALS });
}

function run(parameters: Record<string, unknown>, items?: INodeExecutionData[]) {
	return harness().run({
		parameters: { resource: 'telemedicineOrder', operation: 'create', ...parameters },
		credentialType: 'pharmaOneShopApi',
		items,
	});
}

/** Counts every request to the Manager host: the connector must never go there. */
function managerTrap() {
	const hits: string[] = [];
	const record = (uri: string) => {
		hits.push(uri);
		return [500, {}] as [number, object];
	};
	nock(BASE_URL).persist().get(/.*/).reply(record).post(/.*/).reply(record);
	return hits;
}

/** Counts requests to the shop that no test expects. */
function shopTrap() {
	const hits: unknown[] = [];
	nock(SHOP_URL).persist().post(/.*/).reply((uri, body) => {
		hits.push(body);
		return [500, {}];
	});
	return hits;
}

const BASE = {
	externalReference: 'TM-4711',
	source: 'telemed-platform',
	customerName: 'Erika Musterfrau',
	items: { item: [{ name: 'Example Strain', p1Id: '12345', productId: '', quantity: 10, price: 8.99 }] },
};

describe('Telemedicine Order → Create', () => {
	test('posts the envelope without shop_id/org_id to the shop URL with the apikey header only', async () => {
		const manager = managerTrap();
		const bodies: unknown[] = [];
		const scope = nock(SHOP_URL, { badheaders: ['authorization'] })
			.post(PATH, captureBody(bodies))
			.matchHeader('apikey', SHOP_KEY)
			.reply(200, created);
		const result = await run(BASE);
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([created]);
		expect(scope.isDone()).toBe(true);
		expect(manager).toEqual([]);
		expect(bodies).toEqual([
			{
				external_reference: 'TM-4711',
				source: 'telemed-platform',
				payload: {
					customer_name: 'Erika Musterfrau',
					items: [{ name: 'Example Strain', p1_id: '12345', quantity: 10, price: 8.99 }],
				},
			},
		]);
	});

	test('a prescription PDF from binary input is sent base64-encoded, without items', async () => {
		const bodies: unknown[] = [];
		nock(SHOP_URL).post(PATH, captureBody(bodies)).matchHeader('apikey', SHOP_KEY).reply(200, created);
		const result = await run(
			{ ...BASE, items: {}, orderContent: 'pdfBinary', binaryPropertyName: 'data' },
			[{ json: {}, binary: { data: { data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: 'rx.pdf' } } }],
		);
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				external_reference: 'TM-4711',
				source: 'telemed-platform',
				payload: { customer_name: 'Erika Musterfrau', prescription_pdf_base64: PDF.toString('base64') },
			},
		]);
	});

	test('a refused key says so and names the shop credential', async () => {
		// n8n repeats a request answered 401 once after refreshing the credential
		nock(SHOP_URL).post(PATH).times(2).reply(401, errors.kongUnauthorized);
		const result = await run(BASE);
		expect(result.error?.message).toBe('The shop refused the API key (HTTP 401)');
		expect(result.error?.description).toMatch(/PharmaOne Shop Connector API credential/);
	});

	test.each([
		['{"shop_id": "shop1"}', 'Remove "shop_id" from "Additional Body Fields (JSON)" (item 1)'],
		['{"org_id": "org1", "shopId": "shop1"}', 'Remove "org_id" and "shopId" from "Additional Body Fields (JSON)" (item 1)'],
		['{"Shop ID": "shop1"}', 'Remove "Shop ID" from "Additional Body Fields (JSON)" (item 1)'],
	])('the escape hatch %s is refused, nothing sent', async (additionalBodyFields, message) => {
		const shop = shopTrap();
		const result = await run({ ...BASE, additionalFields: { additionalBodyFields } });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/Shop URL .* decides the organization and shop/);
		expect(shop).toEqual([]);
	});

	test.each([
		[{ customerName: '' }, 'Invalid "Customer Email / Customer Name" (item 1): enter a Customer Email or a Customer Name (at least one is required)'],
		[{ items: { item: [{ name: 'A', quantity: 0 }] } }, 'Invalid "Items" (item 1): line 1: Quantity must be a number greater than 0'],
		[{ items: {} }, 'Invalid "Items" (item 1): add at least one line item, or send a prescription PDF (binary or URL) instead of items'],
		[{ additionalFields: { additionalBodyFields: 'not json' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
	])('invalid input %o is refused, nothing sent', async (values, message) => {
		const shop = shopTrap();
		const result = await run({ ...BASE, ...values });
		expect(result.error?.message).toBe(message);
		expect(shop).toEqual([]);
	});

	test('a binary that is not a PDF is refused, nothing sent', async () => {
		const shop = shopTrap();
		const result = await run({ ...BASE, orderContent: 'pdfBinary', binaryPropertyName: 'data' }, [
			{ json: {}, binary: { data: { data: Buffer.from('PK\u0003\u0004zip').toString('base64'), mimeType: 'application/zip' } } },
		]);
		expect(result.error?.message).toBe('The binary field "data" is not a PDF (item 1)');
		expect(shop).toEqual([]);
	});
});

describe('PharmaOne node credentials', () => {
	test('the shop credential is used only for Telemedicine Order and tested by the node; the API credential for everything else', () => {
		const node = new PharmaOne();
		expect(node.description.credentials).toEqual([
			{ name: 'pharmaOneApi', required: true, displayOptions: { hide: { resource: ['telemedicineOrder'] } } },
			{
				name: 'pharmaOneShopApi',
				required: true,
				testedBy: 'pharmaOneShopApiTest',
				displayOptions: { show: { resource: ['telemedicineOrder'] } },
			},
		]);
		expect(typeof node.methods.credentialTest.pharmaOneShopApiTest).toBe('function');
	});
});

describe('PharmaOne Shop Connector API credential test (the node\'s testedBy function, as n8n calls it)', () => {
	const PROBE = { external_reference: 'n8n-credential-test', source: 'n8n-credential-test', payload: { items: [] } };

	test('the credential has no declarative test, so n8n uses the node\'s function', () => {
		expect((new PharmaOneShopApi() as ICredentialType).test).toBeUndefined();
	});

	test.each([400, 422])('a key that passed and a probe rejected for validation (%i) is a green test', async (status) => {
		const manager = managerTrap();
		const bodies: unknown[] = [];
		nock(SHOP_URL, { badheaders: ['authorization'] })
			.post(PATH, captureBody(bodies))
			.matchHeader('apikey', SHOP_KEY)
			.reply(status, { error: 'validation_error', message: 'payload.customer_email or payload.customer_name is required' });
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome).toEqual({
			status: 'OK',
			message: `API key accepted: the shop checked it, then refused the deliberately incomplete test order (HTTP ${status}), so nothing was created.`,
		});
		expect(bodies).toEqual([PROBE]);
		expect(manager).toEqual([]);
	});

	test.each([
		[401, errors.kongUnauthorized, 'The shop refused the API key (HTTP 401). The API key is wrong or revoked, or belongs to another shop. Check the Shop URL and API Key in the PharmaOne Shop Connector API credential.'],
		[403, { error: 'forbidden' }, 'The shop refused the API key (HTTP 403). The API key is wrong or revoked, or belongs to another shop. Check the Shop URL and API Key in the PharmaOne Shop Connector API credential.'],
		[404, 'Not Found', 'No telemedicine connector at this Shop URL (HTTP 404). Check the Shop URL, e.g. https://your-shop.pharmaone.app.'],
		[502, { error: 'bad_gateway' }, 'The shop could not reach PharmaOne (HTTP 502). Try again later.'],
	])('HTTP %i is a failed test with the node\'s own wording, after one request', async (status, body, message) => {
		const bodies: unknown[] = [];
		nock(SHOP_URL).post(PATH, captureBody(bodies)).times(3).reply(status, body);
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome).toEqual({ status: 'Error', message });
		expect(bodies).toHaveLength(1);
	});

	test('a shop that accepts the probe passes and says where the test request went', async () => {
		nock(SHOP_URL).post(PATH).reply(200, created);
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome.status).toBe('OK');
		expect(outcome.message).toMatch(/n8n-credential-test.*decline/);
	});

	test('an unreachable shop names the shop URL', async () => {
		const closed = createSandbox({ orderCount: 1 });
		const { shopUrl } = await closed.start();
		await closed.stop(); // nothing listens there any more
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi', { shopUrl, apiKey: SHOP_KEY });
		expect(outcome).toEqual({
			status: 'Error',
			message: `Could not reach the shop at ${shopUrl}. Network error: ECONNREFUSED. Check the Shop URL in the PharmaOne Shop Connector API credential and the network between n8n and the shop.`,
		});
	});

	test.each([
		[{ shopUrl: '  ', apiKey: SHOP_KEY }, /^Enter the Shop URL/],
		[{ shopUrl: 'shop1.pharmaone.test', apiKey: SHOP_KEY }, /^Enter the Shop URL/],
		[{ shopUrl: SHOP_URL, apiKey: ' ' }, /^Enter the API key/],
	])('%o fails without a request', async (data, message) => {
		const shop = shopTrap();
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi', data);
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(message);
		expect(shop).toEqual([]);
	});

	test.each([400, 422] as const)('against the sandbox connector (validation errors answered %i): right key OK, wrong key Error, nothing created', async (connectorInvalidStatus) => {
		const sandbox = createSandbox({ orderCount: 1, apiKey: 'dummy-sandbox-connector-key', connectorInvalidStatus });
		const { shopUrl } = await sandbox.start();
		const apiKey = sandbox.options.apiKey;
		try {
			const good = await testCredentialLikeN8n(new EngineHarness({ pharmaOneShopApi: { shopUrl, apiKey } }), 'pharmaOneShopApi');
			expect(good).toEqual({ status: 'OK', message: expect.stringContaining(`(HTTP ${connectorInvalidStatus})`) });
			const bad = await testCredentialLikeN8n(
				new EngineHarness({ pharmaOneShopApi: { shopUrl, apiKey: 'dummy-wrong-key' } }),
				'pharmaOneShopApi',
			);
			expect(bad).toEqual({ status: 'Error', message: expect.stringMatching(/^The shop refused the API key \(HTTP 401\)/) });
			expect(sandbox.state.orderRequests.size).toBe(0);
		} finally {
			await sandbox.stop();
		}
	});
});
