import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { productLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { requiredString } from '../../../shared/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.inventory.getLog;

export const getLog: OperationModule = {
	option: {
		name: 'Get Log',
		value: 'getLog',
		action: 'Get the inventory log of a product',
		description:
			'List the most recent stock changes of a product (up to 200), each with its deltas, reason, shop and time. The product must be in the organization inventory.',
	},
	routes: [route],
	description: forOperation('inventory', 'getLog', [productLocator({}, 'searchInventory')]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const p1Id = requiredString(this, 'productId', 'Product', i);
		return await fetchRows(client, route, {
			returnAll: true,
			limit: 0,
			pathParams: { p1Id },
			subject: `Product "${p1Id}" in the organization inventory`,
			itemIndex: i,
		});
	},
};
