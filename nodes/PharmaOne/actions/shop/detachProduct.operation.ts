import { additionalFields } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';
import { shopProductRequest } from './shopProduct';

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
		additionalFields([]),
	]),
	execute: shopProductRequest(route),
};
