import type { INodeExecutionData } from 'n8n-workflow';
import nock from 'nock';

import { EngineHarness } from '../../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS, DUMMY_API_KEY, ORG_ID, V2, dummyJwt } from '../../../../harness/fixtures';
import { captureBody, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import created from '../../../../fixtures/orderRequest/create.json';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const V1_PATH = `/api/v1/public/orgs/${ORG_ID}/order-requests`;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n');

function harness(extra: Record<string, unknown> = {}) {
	return new EngineHarness({ pharmaOneApi: { ...CUSTOM_CREDENTIALS, ...extra } });
}

/** An input item carrying a file the way n8n keeps small binaries in memory (no `id`). */
function binaryItem(content: Buffer, property = 'data', mimeType = 'application/pdf'): INodeExecutionData {
	return { json: {}, binary: { [property]: { data: content.toString('base64'), mimeType, fileName: 'prescription.pdf' } } };
}

const ITEMS = {
	item: [
		{ name: 'Example Strain', p1Id: '12345', productId: '', quantity: 5, price: 8.59 },
		{ name: '', p1Id: '', productId: 'SKU-9', quantity: 1, price: 0 },
	],
};

const BASE = {
	resource: 'orderRequest',
	operation: 'create',
	shopId: byId('shop1'),
	externalReference: 'POS-123',
	customerEmail: 'max@example.com',
	items: ITEMS,
};

const EXPECTED_PAYLOAD = {
	shop_id: 'shop1',
	customer_email: 'max@example.com',
	items: [
		{ name: 'Example Strain', p1_id: '12345', quantity: 5, price: 8.59 },
		{ product_id: 'SKU-9', quantity: 1 },
	],
};

describe('Order Request → Create', () => {
	test('v2 posts the envelope with the Bearer token and no API key header', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		const scope = nock(BASE_URL, { badheaders: ['apikey', 'x-api-key'] })
			.post(`${V2}/order-requests`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, created);
		const result = await harness().run({ parameters: { ...BASE, apiVersion: 'v2' } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([created]);
		expect(scope.isDone()).toBe(true);
		expect(mock.state.tokenExchanges).toBe(1);
		expect(bodies).toEqual([{ external_reference: 'POS-123', source: 'n8n', payload: EXPECTED_PAYLOAD }]);
	});

	test('v1 posts the same envelope with the raw API key and no Authorization, even with a stored token', async () => {
		const bodies: unknown[] = [];
		const scope = nock(BASE_URL, { badheaders: ['authorization'] })
			.post(V1_PATH, captureBody(bodies))
			.matchHeader('apikey', DUMMY_API_KEY)
			.reply(200, created);
		const mock = pharmaOneMock();
		const result = await harness({ accessToken: dummyJwt(7) }).run({ parameters: { ...BASE, apiVersion: 'v1' } });
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([created]);
		expect(scope.isDone()).toBe(true);
		expect(mock.state.tokenExchanges).toBe(0);
		expect(bodies).toEqual([{ external_reference: 'POS-123', source: 'n8n', payload: EXPECTED_PAYLOAD }]);
	});

	test('additional fields and the escape hatch (merged last) reach the payload; a numeric p1_id becomes text', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/order-requests`, captureBody(bodies)).reply(200, created);
		const result = await harness().run({
			parameters: {
				...BASE,
				source: 'pos-system',
				customerName: 'Max Mustermann',
				additionalFields: {
					external_id: 'EXT-9',
					payment_status: 'paid',
					cash_on_pickup: false,
					total_amount: 42.95,
					address_street: 'Hauptstr. 1',
					address_city: 'Berlin',
					address_postal_code: '10115',
					address_phone: '+49 30 123456',
					additionalBodyFields: '{"items": [{"p1_id": 12345, "quantity": 2}], "address_country": "DE"}',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				external_reference: 'POS-123',
				source: 'pos-system',
				payload: {
					shop_id: 'shop1',
					customer_email: 'max@example.com',
					customer_name: 'Max Mustermann',
					items: [{ p1_id: '12345', quantity: 2 }],
					external_id: 'EXT-9',
					payment_status: 'paid',
					cash_on_pickup: false,
					total_amount: 42.95,
					address_street: 'Hauptstr. 1',
					address_city: 'Berlin',
					address_postal_code: '10115',
					address_phone: '+49 30 123456',
					address_country: 'DE',
				},
			},
		]);
	});

	test('a prescription PDF from a binary field is sent base64-encoded instead of items', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/order-requests`, captureBody(bodies)).reply(200, created);
		const result = await harness().run({
			parameters: { ...BASE, items: {}, orderContent: 'pdfBinary', binaryPropertyName: 'rx' },
			items: [binaryItem(PDF, 'rx')],
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				external_reference: 'POS-123',
				source: 'n8n',
				payload: { shop_id: 'shop1', customer_email: 'max@example.com', prescription_pdf_base64: PDF.toString('base64') },
			},
		]);
	});

	test('a prescription PDF URL is sent instead of items', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/order-requests`, captureBody(bodies)).reply(200, created);
		const result = await harness().run({
			parameters: { ...BASE, orderContent: 'pdfUrl', pdfUrl: 'https://example.com/rx.pdf' },
		});
		expect(result.error).toBeUndefined();
		expect((bodies[0] as { payload: unknown }).payload).toEqual({
			shop_id: 'shop1',
			customer_email: 'max@example.com',
			prescription_pdf_url: 'https://example.com/rx.pdf',
		});
	});
});

describe('Order Request validation: nothing is sent', () => {
	test.each([
		['no shop', { shopId: byId('={{ $json.missing }}') }, 'The "Shop" parameter is empty (item 1)'],
		[
			'no customer',
			{ customerEmail: '' },
			'Invalid "Customer Email / Customer Name" (item 1): enter a Customer Email or a Customer Name (at least one is required)',
		],
		['quantity 0', { items: { item: [{ name: 'A', quantity: 0 }] } }, 'Invalid "Items" (item 1): line 1: Quantity must be a number greater than 0'],
		['negative quantity in line 2', { items: { item: [{ name: 'A', quantity: 1 }, { name: 'B', quantity: -1 }] } }, 'Invalid "Items" (item 1): line 2: Quantity must be a number greater than 0'],
		['a line without product', { items: { item: [{ name: ' ', p1Id: '', productId: '', quantity: 1 }] } }, 'Invalid "Items" (item 1): line 1: needs a Name, a Product ID or a Product ID (Shop)'],
		['quantity as text in the escape hatch', { additionalFields: { additionalBodyFields: '{"items": [{"name": "A", "quantity": "2"}]}' } }, 'Invalid "Items" (item 1): line 1: Quantity must be a number greater than 0'],
		['a Product ID that is not a P1 ID', { items: { item: [{ name: 'A', quantity: 1 }, { p1Id: 'ABC-12', quantity: 1 }] } }, 'Invalid "Product ID" in line 2 of "Items" (item 1): "ABC-12" is not a PharmaOne product ID (P1 ID)'],
		['a p1_id in the escape hatch that is not a P1 ID', { additionalFields: { additionalBodyFields: '{"items": [{"p1_id": "SKU-1", "quantity": 1}]}' } }, 'Invalid "p1_id" in line 1 of the items (item 1): "SKU-1" is not a PharmaOne product ID (P1 ID)'],
		[
			'no items and no PDF',
			{ items: {} },
			'Invalid "Items" (item 1): add at least one line item, or send a prescription PDF (binary or URL) instead of items',
		],
		['a PDF URL that is not http(s)', { orderContent: 'pdfUrl', pdfUrl: 'ftp://example.com/rx.pdf' }, 'Invalid "Prescription PDF URL" (item 1): must be an http(s) URL such as https://example.com/prescription.pdf'],
		['invalid JSON', { additionalFields: { additionalBodyFields: '{"source": ' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
	])('%s', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { ...BASE, ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('a binary that is not a PDF is refused', async () => {
		const mock = pharmaOneMock();
		const result = await harness().run({
			parameters: { ...BASE, orderContent: 'pdfBinary', binaryPropertyName: 'data' },
			items: [binaryItem(Buffer.from('<html>not a pdf</html>'), 'data', 'text/html')],
		});
		expect(result.error?.message).toBe('The binary field "data" is not a PDF (item 1)');
		expect(result.error?.description).toMatch(/text\/html/);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('a missing binary field is refused', async () => {
		const mock = pharmaOneMock();
		const result = await harness().run({
			parameters: { ...BASE, orderContent: 'pdfBinary', binaryPropertyName: 'rx' },
			items: [binaryItem(PDF, 'data')],
		});
		expect(result.error?.message).toMatch(/rx/);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('v1 validates the same way before sending', async () => {
		const scope = nock(BASE_URL).post(V1_PATH).reply(200, created);
		const result = await harness({ accessToken: dummyJwt(7) }).run({ parameters: { ...BASE, apiVersion: 'v1', customerEmail: '' } });
		expect(result.error?.message).toMatch(/at least one is required/);
		expect(scope.isDone()).toBe(false);
	});
});
