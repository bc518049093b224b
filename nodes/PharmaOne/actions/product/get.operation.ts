import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { productLocator, shopLocator } from '../../../shared/locators';
import { productIdParameter, requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { productIdArg, shopIdArg } from '../tools';
import type { OperationModule } from '../types';
import { simplifyField, simplifyProduct } from './simplify';

const route = ROUTES.product.get;

export const get: OperationModule = {
	option: {
		name: 'Get',
		action: 'Get a product',
		description: 'Get one product as a shop sells it: name, category, price and stock',
	},
	routes: [route],
	tool: {
		description: `Get one product as a shop sells it: name, category, price and stock. Needs the shop ID and the P1 ID. Returns one product.`,
		args: [shopIdArg, productIdArg],
	},
	description: [
		shopLocator({ required: true, description: 'The shop whose view of the product to get (price, stock)' }),
		productLocator(),
		simplifyField,
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const p1Id = productIdParameter(this, i);
		const simplify = this.getNodeParameter('simplify', i, true) as boolean;
		const product = (await client.request(route, {
			pathParams: { p1Id },
			qs: { shop_id: shopId },
			itemIndex: i,
		})) as IDataObject;
		return simplify ? simplifyProduct(product ?? {}) : product;
	},
};
