import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { productLocator } from '../../descriptions/common';
import { forOperation } from '../../helpers/display';
import { requiredString } from '../../helpers/validation';
import { pharmaOneApiRequestAllItems } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
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
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
		const p1Id = requiredString(this, 'productId', 'Product', i);
		return await pharmaOneApiRequestAllItems.call(this, route, {
			returnAll: true,
			limit: 0,
			pathParams: { p1Id },
			subject: `Product "${p1Id}" in the organization inventory`,
			itemIndex: i,
		});
	},
};
