import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import { shopLocator } from '../../../shared/locators';
import { requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import { shopIdArg } from '../tools';
import type { OperationModule } from '../types';
import { simplifyField, simplifyProduct } from './simplify';

const route = ROUTES.product.getAll;

export const getAll: OperationModule = {
	option: {
		name: 'Get Many',
		action: 'Get many products',
		description: "List the products in one shop's catalogue, with price and stock",
	},
	routes: [route],
	tool: {
		description: `List the products of one shop's catalogue with name, P1 ID, price and stock. Needs the shop ID. Returns up to the configured number of products.`,
		args: [shopIdArg],
	},
	description: [
		shopLocator({ required: true, description: 'The shop whose catalogue to list' }),
		...returnAllOrLimit(route.maxPageSize),
		simplifyField,
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const simplify = this.getNodeParameter('simplify', i, true) as boolean;
		const rows = await fetchRows(client, route, { ...readReturnAll(this, i), qs: { shop_id: shopId }, itemIndex: i });
		return simplify ? rows.map(simplifyProduct) : rows;
	},
};
