import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ORDER_STATUS_OPTIONS, PAYMENT_STATUS_OPTIONS, bodyFieldsCollection } from '../../descriptions/common';
import { orderLocator } from '../../../shared/locators';
import { additionalBody, compact, requiredString } from '../../helpers/validation';
import { statusValue } from '../../../shared/values';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { arg, ORDER_STATUSES, orderIdArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.order.updateStatus;

export const updateStatus: OperationModule = {
	option: {
		name: 'Update Status',
		action: 'Update order status',
		description: 'Set an order\'s status and flags; PharmaOne then sends the order_status_updated webhook',
	},
	routes: [route],
	tool: {
		description: `Set the status of one order, e.g. to ready_pickup when it is ready for collection; PharmaOne then notifies the systems subscribed to order status changes. Needs the order ID and the new status. Returns the status change result.`,
		args: [
			orderIdArg,
			arg('status', 'status', `New order status. Documented values: ${ORDER_STATUSES}. Lowercase with underscores.`),
		],
	},
	description: [
		orderLocator(),
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: ORDER_STATUS_OPTIONS,
			default: 'ready_pickup',
			description: 'The new status. Choose "Other" to type a status that is not listed.',
		},
		{
			displayName: 'Custom Status',
			name: 'customStatus',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. shipped',
			displayOptions: { show: { status: ['__custom'] } },
		},
		bodyFieldsCollection('Options', 'options', 'Add Option', [
			{ displayName: 'Payment Status', name: 'payment_status', type: 'options', options: PAYMENT_STATUS_OPTIONS, default: 'paid' },
			{ displayName: 'Picked Up', name: 'picked_up', type: 'boolean', default: true, description: 'Whether the customer has picked the order up' },
			{ displayName: 'Shipped', name: 'shipped', type: 'boolean', default: true, description: 'Whether the order has been shipped' },
		]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const orderId = requiredString(this, 'orderId', 'Order', i);
		const selected = this.getNodeParameter('status', i);
		// Custom Status is only shown (and only read) for "Other".
		const status = statusValue(selected, selected === '__custom' ? this.getNodeParameter('customStatus', i, '') : '');
		if (!status) {
			throw new NodeOperationError(this.getNode(), `The "Custom Status" parameter is empty (item ${i + 1})`, {
				itemIndex: i,
				description: 'Type the status to set, or choose one of the listed statuses.',
			});
		}
		const { fields, extra } = additionalBody(this, 'options', i);
		const options = compact(fields);
		return (await client.request(route, {
			pathParams: { orderId },
			body: { status, ...options, ...extra },
			itemIndex: i,
		})) as IDataObject;
	},
};
