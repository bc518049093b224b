import { V2 } from '../../../../harness/fixtures';
import { pharmaOneMock } from '../../../../harness/fakePharmaOne';
import attached from '../../../../fixtures/shop/attachProduct.json';
import { byId, harness, shopProductTests } from './helpers';

describe('Shop → attachProduct', () => shopProductTests('attachProduct', 'attach-product', attached));

describe('Shop → Attach Product errors', () => {
	test('a PharmaOne conflict is shown with its code and message', async () => {
		const mock = pharmaOneMock();
		mock.scope.post(`${V2}/shops/attach-product`).reply(409, {
			error: 'insufficient_stock',
			message: 'Product 12345 needs stock > 0 in the organization inventory',
		});
		const result = await harness().run({
			parameters: { resource: 'shop', operation: 'attachProduct', shopId: byId('shop1'), productId: byId('12345') },
		});
		expect(result.error?.message).toBe(
			'PharmaOne rejected the request (HTTP 409): insufficient_stock: Product 12345 needs stock > 0 in the organization inventory',
		);
	});
});
