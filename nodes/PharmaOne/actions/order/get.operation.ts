import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { orderLocator } from '../../../shared/locators';
import { pickKeys } from '../../helpers/pickKeys';
import { simplifyField } from '../../descriptions/simplify';
import { forOperation } from '../../helpers/display';
import { requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
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
		value: 'get',
		action: 'Get an order',
		description: 'Get one order with its shipping address, line items and flags',
	},
	routes: [route],
	/*
	 * Simplify is off by default here. n8n turns it on by default for list-like outputs (Get Many),
	 * where many wide rows flow on; Get returns one order, and one order is fetched for what the list
	 * lacks: its line items, shipping address and flags (the order-ready example and the trigger's
	 * Fetch Full Order use exactly those). Simplify on would drop them.
	 */
	description: forOperation('order', 'get', [orderLocator(), { ...simplifyField(SIMPLE_ORDER_KEYS), default: false }]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const orderId = requiredString(this, 'orderId', 'Order', i);
		const simplify = this.getNodeParameter('simplify', i, false) as boolean;
		const order = (await client.request(route, {
			pathParams: { orderId },
			subject: `Order "${orderId}"`,
			itemIndex: i,
		})) as IDataObject;
		return simplify ? pickKeys(order ?? {}, SIMPLE_ORDER_KEYS) : order;
	},
};
