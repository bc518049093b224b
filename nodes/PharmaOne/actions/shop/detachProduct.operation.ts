import { additionalFields } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { ROUTES } from '../../../shared/routes';
import { productIdArg, shopIdArg } from '../tools';
import type { OperationModule } from '../types';
import { shopProductRequest } from './shopProduct';

const route = ROUTES.shop.detachProduct;

export const detachProduct: OperationModule = {
	option: {
		name: 'Detach Product',
		action: 'Detach a product from a shop',
		description:
			"Remove a product from a shop's catalogue. The product stays in the organization inventory and in other shops.",
	},
	routes: [route],
	tool: {
		description: `Remove a product from a shop's catalogue; it stays in the inventory and in other shops. Needs the shop ID and the P1 ID. Returns PharmaOne's answer.`,
		args: [shopIdArg, productIdArg],
	},
	description: [
		shopLocator({ required: true, description: 'The shop to remove the product from' }),
		productLocator(),
		additionalFields([]),
	],
	execute: shopProductRequest(route),
};
