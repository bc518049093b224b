import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.inventory.getAll;

export const getAll: OperationModule = {
	option: {
		name: 'Get Many',
		action: 'Get many inventory rows',
		description:
			"List the organization's inventory: each product's stock (stockquantity), price, category, log entry count and last activity",
	},
	routes: [route],
	tool: {
		description: `List the pharmacy organization's stock: one row per product with its P1 ID (p1_id), name, stock on hand (stockquantity), price and last activity. Needs nothing. Returns up to the configured number of rows.`,
	},
	description: [
		...returnAllOrLimit(),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		return await fetchRows(client, route, { ...readReturnAll(this, i), itemIndex: i });
	},
};
