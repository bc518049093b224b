import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import { shopLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';
import { simplifyField, simplifyProduct } from './simplify';

const route = ROUTES.product.getAll;

export const getAll: OperationModule = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many products',
		description: "List the products in one shop's catalogue, with price and stock",
	},
	routes: [route],
	description: forOperation('product', 'getAll', [
		shopLocator({ required: true, description: 'The shop whose catalogue to list' }),
		...returnAllOrLimit(route.maxPageSize),
		simplifyField,
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const simplify = this.getNodeParameter('simplify', i, true) as boolean;
		const rows = await fetchRows(client, route, { ...readReturnAll(this, i), qs: { shop_id: shopId }, itemIndex: i });
		return simplify ? rows.map(simplifyProduct) : rows;
	},
};
