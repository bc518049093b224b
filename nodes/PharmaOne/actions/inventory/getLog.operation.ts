import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { productLocator } from '../../../shared/locators';
import { productIdParameter } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import { productIdArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.inventory.getLog;

export const getLog: OperationModule = {
	option: {
		name: 'Get Log',
		action: 'Get the inventory log of a product',
		description:
			'List the most recent stock changes of a product (up to 200), each with its deltas, reason, shop and time. The product must be in the organization inventory.',
	},
	routes: [route],
	tool: {
		description: `Get the latest stock changes of one product in the organization inventory: each with its deltas, reason, shop and time. Needs the P1 ID. Returns up to the configured number of log entries.`,
		args: [productIdArg],
	},
	description: [productLocator({}, 'searchInventory'), ...returnAllOrLimit()],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const p1Id = productIdParameter(this, i);
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
		return await fetchRows(client, route, {
			returnAll,
			limit,
			pathParams: { p1Id },
			itemIndex: i,
		});
	},
};
