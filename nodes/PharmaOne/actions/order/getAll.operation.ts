import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { ORDER_STATUS_OPTIONS, filters, returnAllOrLimit, statusFilter } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import { shopLocator } from '../../../shared/locators';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import { ORDER_STATUSES, PRIVATE } from '../tools';
import type { OperationModule } from '../types';
import { locatorValue, statusValue } from '../../../shared/values';

const route = ROUTES.order.getAll;

export const getAll: OperationModule = {
	option: {
		name: 'Get Many',
		action: 'Get many orders',
		description: 'List orders, newest first, optionally filtered by status or shop',
	},
	routes: [route],
	tool: {
		description: `List the newest pharmacy orders: ID, external ID, status (${ORDER_STATUSES} or other values), shop, total, payment status and times. Needs nothing; status and shop filters are set in the workflow. Returns up to the configured number of orders. ${PRIVATE}`,
	},
	description: [
		...returnAllOrLimit(route.maxPageSize),
		filters([
				statusFilter(ORDER_STATUS_OPTIONS, 'awaiting_packing', 'orders', 'shipped'),
				shopLocator({ description: 'Only orders of this shop' }),
			]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const filters = this.getNodeParameter('filters', i, {}, { extractValue: true }) as IDataObject;
		const qs: IDataObject = {};
		const status = statusValue(filters.status);
		if (status) qs.status = status;
		const shopId = locatorValue(filters.shopId);
		if (shopId) qs.shop_id = shopId;
		return await fetchRows(client, route, { ...readReturnAll(this, i), qs, itemIndex: i });
	},
};
