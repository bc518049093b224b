import { PharmaOne } from '../../../../../nodes/PharmaOne/PharmaOne.node';
import { V2 } from '../../../../harness/fixtures';
import { pendingData, pharmaOneMock } from '../../../../harness/fakePharmaOne';
import errors from '../../../../fixtures/errors.json';
import product from '../../../../fixtures/product/get.json';
import productList from '../../../../fixtures/product/getAll.json';
import { byId, harness } from './helpers';

describe('Product → Get', () => {
	test('GET /products/{p1Id}?shop_id= with Bearer; Simplify keeps the main fields', async () => {
		const mock = pharmaOneMock();
		mock.scope
			.get(`${V2}/products/12345`)
			.query({ shop_id: 'shop1' })
			.matchHeader('authorization', mock.bearer(1))
			.reply(200, product);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('12345') },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([
			{ p1_id: '12345', name: 'Example Strain', category: 'Blüten', price: 8.99, stock_quantity: 100, shop_id: 'shop1' },
		]);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	test('Simplify off returns the whole product', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/12345`).query({ shop_id: 'shop1' }).reply(200, product);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId(' 12345 '), simplify: false },
		});
		expect(result.error).toBeUndefined();
		expect(result.json).toEqual([product]);
		expect(pendingData()).toEqual([]);
	});

	test('a typed product ID that is not a number is a node issue: n8n does not run the workflow', async () => {
		const mock = pharmaOneMock();
		await expect(
			harness().run({ parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('ABC-12') } }),
			// n8n 2.x names the node issue; n8n 1.x only says the workflow has issues.
		).rejects.toThrow(/A PharmaOne product ID \(P1 ID\) is a number, e\.g\. 12345|The workflow has issues and cannot be executed/);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test.each([
		['ABC-12 from an expression', byId('={{ "ABC-12" }}')],
		['A/B from an expression', byId('={{ "A/B" }}')],
		['12.5', byId('={{ 12.5 }}')],
	])('a product ID that is not a P1 ID (%s) fails before sending, naming the field', async (_name, productId) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId } });
		expect(result.error?.message).toMatch(/^Invalid "Product" \(item 1\): ".*" is not a PharmaOne product ID \(P1 ID\)$/);
		expect(result.error?.description).toMatch(/^A P1 ID is the number of a product in the PharmaOne catalogue, e\.g\. 12345/);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('the By ID mode of the Product locator only accepts numbers', () => {
		const locator = new PharmaOne().description.properties.find((property) => property.name === 'productId');
		const byIdMode = locator?.modes?.find((mode) => mode.name === 'id');
		const regex = new RegExp((byIdMode?.validation?.[0] as unknown as { properties: { regex: string } }).properties.regex);
		expect(['12345', ' 12345 '].every((value) => regex.test(value))).toBe(true);
		expect(['ABC-12', '12 34', ''].some((value) => regex.test(value))).toBe(false);
	});

	test('one request per input item, each output paired with its item', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/12345`).query({ shop_id: 'shop1' }).reply(200, product);
		mock.scope.get(`${V2}/products/12346`).query({ shop_id: 'shop1' }).reply(200, productList.data[1]);
		const result = await harness().run({
			items: [{ json: { id: 12345 } }, { json: { id: '12346' } }],
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('={{ $json.id }}') },
		});
		expect(result.error).toBeUndefined();
		expect(result.json.map((row) => row.p1_id)).toEqual(['12345', '12346']);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('404 names the product and the shop', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/99999`).query({ shop_id: 'shop1' }).reply(404, errors.notFound);
		const result = await harness().run({
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('99999') },
		});
		expect(result.error?.message).toBe('Product "99999" in shop "shop1" was not found');
	});

	test.each([
		['Product', { shopId: byId('shop1'), productId: byId('={{ "" }}') }],
		['Shop', { shopId: byId('={{ " " }}'), productId: byId('12345') }],
	])('an empty %s fails before any request', async (label, values) => {
		const mock = pharmaOneMock();
		const result = await harness().run({ parameters: { resource: 'product', operation: 'get', ...values } });
		expect(result.error?.message).toBe(`The "${label}" parameter is empty (item 1)`);
		expect(mock.state.tokenExchanges).toBe(0);
	});

	test('the item number in the error is the failing item', async () => {
		const mock = pharmaOneMock();
		mock.scope.get(`${V2}/products/12345`).query({ shop_id: 'shop1' }).reply(200, product);
		const result = await harness().run({
			items: [{ json: { id: '12345' } }, { json: { id: '' } }],
			parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('={{ $json.id }}') },
		});
		expect(result.error?.message).toBe('The "Product" parameter is empty (item 2)');
		expect(result.error?.context?.itemIndex).toBe(1);
	});
});
