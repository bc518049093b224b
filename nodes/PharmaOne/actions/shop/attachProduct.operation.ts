import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { additionalBodyFields, productLocator, shopLocator } from '../../descriptions/common';
import { forOperation } from '../../helpers/display';
import { jsonObjectParameter, requiredString } from '../../helpers/validation';
import { pharmaOneApiRequest } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import type { OperationModule } from '../types';

const route = ROUTES.shop.attachProduct;

export const attachProduct: OperationModule = {
	option: {
		name: 'Attach Product',
		value: 'attachProduct',
		action: 'Attach a product to a shop',
		description:
			"Offer a product in a shop's catalogue. The product must be in the organization inventory with stock above 0 (use Product → Add to Inventory first).",
	},
	routes: [route],
	description: forOperation('shop', 'attachProduct', [
		shopLocator({ required: true, description: 'The shop to offer the product in' }),
		productLocator({}, 'searchInventory'),
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
