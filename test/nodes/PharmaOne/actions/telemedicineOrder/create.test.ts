import type { INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { captureBody } from '../../../../harness/fakePharmaOne';
import errors from '../../../../fixtures/errors.json';
import created from '../../../../fixtures/telemedicineOrder/create.json';
import { harness, managerTrap, PATH, SHOP_KEY, SHOP_URL, shopTrap } from './helpers';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj << >> endobj\n%%EOF\n');

function run(parameters: Record<string, unknown>, items?: INodeExecutionData[]) {
	return harness().run({
		parameters: { resource: 'telemedicineOrder', operation: 'create', ...parameters },
		credentialType: 'pharmaOneShopApi',
		items,
	});
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
