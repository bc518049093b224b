import { V2 } from '../../../../harness/fixtures';
import { captureBody, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import updated from '../../../../fixtures/product/update.json';
import { byId, harness } from './helpers';

describe('Product → Update', () => {
	test('a price mapped as text from an expression is sent as a number', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.put(`${V2}/products/12345`, captureBody(bodies)).reply(200, updated);
		const result = await harness().run({
			items: [{ json: { price: '4.20' } }],
			parameters: { resource: 'product', operation: 'update', productId: byId('12345'), updateFields: { price: '={{ $json.price }}' } },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ price: 4.2 }]);
	});

	test('PUT /products/{p1Id} sends only the fields set, plus the escape hatch', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope
			.put(`${V2}/products/12345`, captureBody(bodies))
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, updated);
		const result = await harness().run({
			parameters: {
				resource: 'product',
				operation: 'update',
				productId: byId('12345'),
				updateFields: {
					name: 'Updated name',
					slug: 'updated-name',
					description: 'New description',
					category: 'Blüten',
					price: 9.99,
					available: false,
					additionalBodyFields: '{"thc_percent": 22}',
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([
			{
				name: 'Updated name',
				slug: 'updated-name',
				description: 'New description',
				category: 'Blüten',
				price: 9.99,
				available: false,
				thc_percent: 22,
			},
		]);
		expect(result.json).toEqual([updated]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('one field is sent alone', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.put(`${V2}/products/12345`, captureBody(bodies)).reply(200, updated);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'update', productId: byId('12345'), updateFields: { price: 0 } },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ price: 0 }]);
	});

	test('only Additional Body Fields is enough', async () => {
		const mock = pharmaOneMock();
		const bodies: unknown[] = [];
		mock.scope.put(`${V2}/products/12345`, captureBody(bodies)).reply(200, updated);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'update', productId: byId('12345'), updateFields: { additionalBodyFields: '{"cbd": 1}' } },
		});
		expect(result.error).toBeUndefined();
		expect(bodies).toEqual([{ cbd: 1 }]);
	});

	test.each([
		['nothing to update', { productId: byId('12345') }, 'Nothing to update for product "12345" (item 1)'],
		['empty Update Fields text', { productId: byId('12345'), updateFields: { name: '' } }, 'Nothing to update for product "12345" (item 1)'],
		['blank name', { productId: byId('12345'), updateFields: { name: '  ' } }, 'Invalid "Name" (item 1): must not be empty'],
		['negative price', { productId: byId('12345'), updateFields: { price: -2 } }, 'Invalid "Price" (item 1): must be 0 or more'],
		['empty product', { productId: byId('={{ $json.missing }}'), updateFields: { name: 'X' } }, 'The "Product" parameter is empty (item 1)'],
	])('%s fails before any request', async (_name, values, message) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'product', operation: 'update', ...values } });
		expect(result.error?.message).toBe(message);
		expect(mock.state.tokenExchanges).toBe(0);
	});
});
