import { additionalFields } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';
import { shopProductRequest } from './shopProduct';

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
		additionalFields([]),
	]),
	execute: shopProductRequest(route),
};
