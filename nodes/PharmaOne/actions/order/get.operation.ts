import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { orderLocator } from '../../descriptions/common';
import { forOperation } from '../../helpers/display';
import { requiredString } from '../../helpers/validation';
import { pharmaOneApiRequest } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import type { OperationModule } from '../types';

const route = ROUTES.order.get;

export const get: OperationModule = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get an order',
		description: 'Get one order with its shipping address, line items and flags',
	},
	routes: [route],
	description: forOperation('order', 'get', [orderLocator()]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const orderId = requiredString(this, 'orderId', 'Order', i);
		return (await pharmaOneApiRequest.call(this, route, {
			pathParams: { orderId },
			subject: `Order "${orderId}"`,
			itemIndex: i,
		})) as IDataObject;
	},
};
