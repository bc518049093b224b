import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.shop.getAll;

export const getAll: OperationModule = {
	option: {
		name: 'Get Many',
		action: 'Get many shops',
		description: 'List the shops of your organization (their IDs are used by catalogue and order calls)',
	},
	routes: [route],
	tool: {
		description: `List the shops of the pharmacy organization with their shop IDs, names and whether they are active. Needs nothing. Use it to find the shop ID other tools need.`,
	},
	description: [
		...returnAllOrLimit(),
		{
			displayName: 'Active Shops Only',
			name: 'activeOnly',
			type: 'boolean',
			default: false,
			description: 'Whether to leave out shops that are not active',
		},
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const { returnAll, limit } = readReturnAll(this, i);
		const activeOnly = this.getNodeParameter('activeOnly', i, false) as boolean;
		const shops = await fetchRows(client, route, { returnAll: true, limit: 0, itemIndex: i });
		return shops.filter((shop) => !activeOnly || shop.is_active !== false).slice(0, returnAll ? undefined : limit);
	},
};
