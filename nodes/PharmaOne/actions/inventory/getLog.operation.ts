import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { productLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { productIdParameter } from '../../helpers/validation';
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
	description: forOperation('inventory', 'getLog', [productLocator({}, 'searchInventory'), ...returnAllOrLimit()]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const p1Id = productIdParameter(this, i);
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
		return await fetchRows(client, route, {
			returnAll,
			limit,
			pathParams: { p1Id },
			subject: `Product "${p1Id}" in the organization inventory`,
			itemIndex: i,
		});
	},
};
