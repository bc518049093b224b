import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import { forOperation } from '../../helpers/display';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
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
		...returnAllOrLimit(),
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		return await fetchRows(client, route, { ...readReturnAll(this, i), itemIndex: i });
	},
};
