import { additionalFields } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { ROUTES } from '../../../shared/routes';
import { productIdArg, shopIdArg } from '../tools';
import type { OperationModule } from '../types';
import { shopProductRequest } from './shopProduct';

const route = ROUTES.shop.attachProduct;

export const attachProduct: OperationModule = {
	option: {
		name: 'Attach Product',
		action: 'Attach a product to a shop',
		description:
			"Offer a product in a shop's catalogue. The product must be in the organization inventory with stock above 0 (use Product → Add to Inventory first).",
	},
	routes: [route],
	tool: {
		description: `Offer a product in a shop's catalogue; it must be in the organization inventory with stock. Needs the shop ID and the P1 ID. Returns PharmaOne's answer.`,
		args: [shopIdArg, productIdArg],
	},
	description: [
		shopLocator({ required: true, description: 'The shop to offer the product in' }),
		productLocator({}, 'searchInventory'),
		additionalFields([]),
	],
	execute: shopProductRequest(route),
};
