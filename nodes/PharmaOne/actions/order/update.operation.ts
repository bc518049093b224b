import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { PAYMENT_STATUS_OPTIONS, bodyFieldsCollection } from '../../descriptions/common';
import { orderLocator } from '../../../shared/locators';
import { additionalBody, compact, requiredString, requireFields } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { CONFIGURED, orderIdArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.order.update;

const ADDRESS_KEYS = ['street', 'city', 'postal_code', 'phone'];

export const update: OperationModule = {
	option: {
		name: 'Update',
		action: 'Update an order',
		// PharmaOne documents no body for PUT /orders/{id} (API reference §11): the keys are those of the order detail.
		description: 'Change fields of an existing order; only the fields you set are sent',
	},
	routes: [route],
	tool: {
		description: `Change fields of an existing order; only the fields set are sent. Needs the order ID. Returns the order as PharmaOne answers. ${CONFIGURED}`,
		args: [orderIdArg],
	},
	description: [
		orderLocator(),
		bodyFieldsCollection('Update Fields', 'updateFields', 'Add Field', [
			{ displayName: 'Cash on Pickup', name: 'cash_on_pickup', type: 'boolean', default: false, description: 'Whether the customer pays at pickup' },
			{ displayName: 'City', name: 'city', type: 'string', default: '', description: 'Shipping address city' },
			{ displayName: 'Customer Email', name: 'customer_email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Customer Name', name: 'customer_name', type: 'string', default: '' },
			{ displayName: 'Payment Reference', name: 'payment_reference', type: 'string', default: '' },
			{ displayName: 'Payment Status', name: 'payment_status', type: 'options', options: PAYMENT_STATUS_OPTIONS, default: 'paid' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '', description: 'Shipping address phone' },
			{ displayName: 'Postal Code', name: 'postal_code', type: 'string', default: '', description: 'Shipping address postal code' },
			{ displayName: 'Street', name: 'street', type: 'string', default: '', description: 'Shipping address street' },
			{ displayName: 'Total Amount', name: 'total_amount', type: 'number', default: 0, typeOptions: { numberPrecision: 2 } },
		]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const orderId = requiredString(this, 'orderId', 'Order', i);
		const { fields: set, extra } = additionalBody(this, 'updateFields', i);
		const fields = compact(set);
		const body: IDataObject = {};
		const address: IDataObject = {};
		for (const [key, value] of Object.entries(fields)) {
			if (ADDRESS_KEYS.includes(key)) address[key] = value;
			else body[key] = value;
		}
		if (Object.keys(address).length > 0) body.shipping_address = address;
		Object.assign(body, extra);
		requireFields(this, body, `Nothing to update for order "${orderId}"`, 'Update Fields', i);
		return (await client.request(route, {
			pathParams: { orderId },
			body,
			itemIndex: i,
		})) as IDataObject;
	},
};
