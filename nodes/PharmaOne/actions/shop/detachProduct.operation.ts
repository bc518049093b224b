import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { additionalBodyFields, productLocator, shopLocator } from '../../descriptions/common';
import { forOperation } from '../../helpers/display';
import { jsonObjectParameter, requiredString } from '../../helpers/validation';
import { pharmaOneApiRequest } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import type { OperationModule } from '../types';

const route = ROUTES.shop.detachProduct;

export const detachProduct: OperationModule = {
	option: {
		name: 'Detach Product',
		value: 'detachProduct',
		action: 'Detach a product from a shop',
		description:
			"Remove a product from a shop's catalogue. The product stays in the organization inventory and in other shops.",
	},
	routes: [route],
	description: forOperation('shop', 'detachProduct', [
		shopLocator({ required: true, description: 'The shop to remove the product from' }),
		productLocator(),
		additionalBodyFields,
	]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const p1Id = requiredString(this, 'productId', 'Product', i);
		const extra = jsonObjectParameter(this, this.getNodeParameter('additionalBodyFields', i, '{}'), 'Additional Body Fields (JSON)', i);
		return (await pharmaOneApiRequest.call(this, route, {
			body: { shop_id: shopId, p1_id: p1Id, ...extra },
			itemIndex: i,
		})) as IDataObject;
	},
};
