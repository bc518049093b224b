import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { orderLocator } from '../../../shared/locators';
import { pickKeys } from '../../helpers/pickKeys';
import { simplifyField } from '../../descriptions/simplify';
import { requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { ORDER_STATUSES, orderIdArg, PRIVATE } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.order.get;

/** What a simplified order keeps: identity, status, customer and money; not items, address or flags. */
const SIMPLE_ORDER_KEYS = [
	'id',
	'external_id',
	'status',
	'shop_id',
	'customer_name',
	'customer_email',
	'total_amount',
	'payment_status',
	'created_at',
	'updated_at',
] as const;

export const get: OperationModule = {
	option: {
		name: 'Get',
		action: 'Get an order',
		description: 'Get one order with its shipping address, line items and flags',
	},
	routes: [route],
	tool: {
		description: `Get one pharmacy order by its order ID: status (${ORDER_STATUSES} or other values), shop, line items with P1 IDs and quantities, totals, payment status and the shipped, picked_up and cash_on_pickup flags. Needs the order ID. Returns one order. ${PRIVATE}`,
		args: [orderIdArg],
	},
	/*
	 * Simplify is off by default here. n8n turns it on by default for list-like outputs (Get Many),
	 * where many wide rows flow on; Get returns one order, and one order is fetched for what the list
	 * lacks: its line items, shipping address and flags (the order-ready example and the trigger's
	 * Fetch Full Order use exactly those). Simplify on would drop them.
	 */
	description: [orderLocator(), { ...simplifyField(SIMPLE_ORDER_KEYS), default: false }],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const orderId = requiredString(this, 'orderId', 'Order', i);
		const simplify = this.getNodeParameter('simplify', i, false) as boolean;
		const order = (await client.request(route, {
			pathParams: { orderId },
			itemIndex: i,
		})) as IDataObject;
		return simplify ? pickKeys(order ?? {}, SIMPLE_ORDER_KEYS) : order;
	},
};
