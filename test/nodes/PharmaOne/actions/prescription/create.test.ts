import { PharmaOne } from '../../../../../nodes/PharmaOne/PharmaOne.node';
import { V2 } from '../../../../harness/fixtures';
import { captureBody, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import created from '../../../../fixtures/prescription/create.json';
import { byId, harness } from './helpers';

describe('Prescription → Create', () => {
	test('posts shop_id, customer_email and the additional body fields, merged last', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/prescriptions`, captureBody(bodies)).matchHeader('authorization', mock.bearer(1)).reply(200, created);
		const result = await harness().run({
			parameters: {
				resource: 'prescription',
				operation: 'create',
				shopId: byId('shop1'),
				customerEmail: ' max@example.com ',
				additionalFields: {
					customer_name: ' Max Mustermann ',
					order_id: byId('ORD_20260614_8v039dhnrv'),
					prescription_pdf_url: 'https://example.com/rx.pdf',
					additionalBodyFields: '{"questionnaire": {"q1": "yes"}, "customer_name": "Max M."}',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([created]);
		expect(bodies).toEqual([
			{
				shop_id: 'shop1',
				customer_email: 'max@example.com',
				customer_name: 'Max M.',
				order_id: 'ORD_20260614_8v039dhnrv',
				prescription_pdf_url: 'https://example.com/rx.pdf',
				questionnaire: { q1: 'yes' },
			},
		]);
	});

	test('offers Customer Name, Order and Prescription PDF URL beside the JSON escape hatch, in one collection', () => {
		const fields = new PharmaOne().description.properties.filter(
			(property) =>
				property.displayOptions?.show?.resource?.includes('prescription') &&
				property.displayOptions?.show?.operation?.includes('create') &&
				!property.displayOptions?.show?.['@tool'], // PharmaOne Tool's own fields: test/tool/
		);
		expect(fields.map((field) => field.name)).toEqual(['shopId', 'customerEmail', 'additionalFields']);
		const options = (fields[2].options ?? []) as Array<{ name: string }>;
		expect(options.map((option) => option.name)).toEqual(['additionalBodyFields', 'customer_name', 'order_id', 'prescription_pdf_url']);
	});

	test('without a customer email only shop_id is sent', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.post(`${V2}/prescriptions`, captureBody(bodies)).reply(200, created);
		const result = await harness().run({ parameters: { resource: 'prescription', operation: 'create', shopId: byId('shop1') } });
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ shop_id: 'shop1' }]);
	});

	test.each([
		[{ shopId: byId('={{ $json.missing }}') }, 'The "Shop" parameter is empty (item 1)'],
		[{ shopId: byId('shop1'), customerEmail: 'max at example' }, 'Invalid "Customer Email" (item 1): not an email address'],
		[{ shopId: byId('shop1'), additionalFields: { additionalBodyFields: '{"a": ' } }, 'The "Additional Body Fields (JSON)" field is not valid JSON (item 1)'],
		[{ shopId: byId('shop1'), additionalFields: { additionalBodyFields: '[1]' } }, 'The "Additional Body Fields (JSON)" field must be a JSON object (item 1)'],
		[{ shopId: byId('shop1'), additionalFields: { prescription_pdf_url: 'rx.pdf' } }, 'Invalid "Prescription PDF URL" (item 1): "rx.pdf" is not an http(s) URL'],
	])('%o fails before any request', async (values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'prescription', operation: 'create', ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});
