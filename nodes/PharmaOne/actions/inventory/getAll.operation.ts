import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { pharmaOneApiRequestAllItems } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import type { OperationModule } from '../types';

const route = ROUTES.inventory.getAll;

export const getAll: OperationModule = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many inventory rows',
		description:
			"List the organization's inventory: each product's stock (stockquantity), price, category, log entry count and last activity",
	},
	routes: [route],
	description: forOperation('inventory', 'getAll', [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: 'PharmaOne returns the whole inventory in one response; only the first rows are kept',
			displayOptions: { show: { returnAll: [false] } },
		},
	]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
		const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
		const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
		return await pharmaOneApiRequestAllItems.call(this, route, { returnAll, limit, itemIndex: i });
	},
};
