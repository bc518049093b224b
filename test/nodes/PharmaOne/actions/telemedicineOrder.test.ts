import type { INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

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
		const result = await run({ ...BASE, additionalBodyFields });
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toMatch(/Shop URL .* decides the organization and shop/);
		expect(shop).toEqual([]);
	});

	test.each([
		[{ customerName: '' }, 'Invalid "Customer Email / Customer Name" (item 1): enter a Customer Email or a Customer Name (at least one is required)'],
		[{ items: { item: [{ name: 'A', quantity: 0 }] } }, 'Invalid "Items" (item 1): line 1: Quantity must be a number greater than 0'],
		[{ items: {} }, 'Invalid "Items" (item 1): add at least one line item, or send a prescription PDF (binary or URL) instead of items'],
		[{ additionalBodyFields: 'not json' }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
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
	test('the shop credential is used only for Telemedicine Order, the API credential for everything else', () => {
		const credentials = new PharmaOne().description.credentials;
		expect(credentials).toEqual([
			{ name: 'pharmaOneApi', required: true, displayOptions: { hide: { resource: ['telemedicineOrder'] } } },
			{ name: 'pharmaOneShopApi', required: true, displayOptions: { show: { resource: ['telemedicineOrder'] } } },
		]);
	});
});

describe('PharmaOne Shop Connector API credential test', () => {
	/** The probe must break the documented rules so a shop that checked the key rejects it. */
	function expectProbe(body: unknown) {
		expect(body).toEqual({ external_reference: 'n8n-credential-test', source: 'n8n-credential-test', payload: { items: [] } });
	}

	test('a refused key gives "API key refused"', async () => {
		const bodies: unknown[] = [];
		nock(SHOP_URL, { badheaders: ['authorization'] })
			.post(PATH, captureBody(bodies))
			.matchHeader('apikey', SHOP_KEY)
			.times(2) // n8n repeats a request answered 401 once after refreshing the credential
			.reply(401, errors.kongUnauthorized);
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(/^API key refused/);
		expect(bodies.length).toBeGreaterThan(0);
		bodies.forEach(expectProbe);
	});

	test.each([400, 422])('a key that passed and a probe rejected for validation (%i) says the key was accepted', async (status) => {
		const manager = managerTrap();
		nock(SHOP_URL).post(PATH).matchHeader('apikey', SHOP_KEY).reply(status, { error: 'validation_error', message: 'payload.customer_email or payload.customer_name is required' });
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome.message).toMatch(/^API key accepted\. .*nothing was created/);
		expect(manager).toEqual([]);
	});

	test('a wrong Shop URL (404) is reported as such', async () => {
		nock(SHOP_URL).post(PATH).reply(404, 'Not Found');
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome.message).toMatch(/^No telemedicine connector at this Shop URL/);
	});

	test('against the sandbox connector: a valid key is accepted and the probe creates no order request', async () => {
		const sandbox = createSandbox({ orderCount: 1, apiKey: 'dummy-sandbox-connector-key' });
		const { shopUrl } = await sandbox.start();
		const apiKey = sandbox.options.apiKey;
		try {
			const good = await testCredentialLikeN8n(new EngineHarness({ pharmaOneShopApi: { shopUrl, apiKey } }), 'pharmaOneShopApi');
			expect(good.message).toMatch(/^API key accepted/);
			const bad = await testCredentialLikeN8n(
				new EngineHarness({ pharmaOneShopApi: { shopUrl, apiKey: 'dummy-wrong-key' } }),
				'pharmaOneShopApi',
			);
			expect(bad.message).toMatch(/^API key refused/);
			expect(sandbox.state.orderRequests.size).toBe(0);
		} finally {
			await sandbox.stop();
		}
	});
});
