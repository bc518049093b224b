import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { number, text } from '../../schemas/fields';
import { PAYMENT_STATUS_OPTIONS, additionalFields, lineItems } from '../../descriptions/common';
import { shopLocator } from '../../../shared/locators';
import { additionalBody, compact, dateTimeValue, jsonArrayParameter, p1IdValue, requiredString, validate } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { CONFIGURED } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.order.upsert;

/** Line items of the upsert use `qty` (OrderUpsertItem), unlike order requests. */
const itemsSchema = z
	.array(
		z
			.object({
				name: text('Name must be text').optional(),
				p1_id: text('Product ID must be text').optional(),
				qty: number('Quantity must be a number').positive('Quantity must be greater than 0'),
				price: number('Price must be a number').optional(),
			})
			.catchall(z.unknown()),
	)
	.min(1, 'Add at least one line item');

interface ItemRow {
	name?: string;
	p1Id?: string | number;
	qty?: number;
	price?: number;
}

function itemsFromRows(ctx: IExecuteFunctions, rows: ItemRow[], i: number): IDataObject[] {
	return rows.map((row, line) =>
		compact({
			name: row.name === undefined ? undefined : String(row.name).trim(),
			p1_id: p1IdValue(ctx, row.p1Id, `"Product ID" in line ${line + 1} of "Items"`, i),
			qty: row.qty,
			price: row.price === undefined || row.price === null ? undefined : row.price,
		}),
	);
}

function itemsFromJson(ctx: IExecuteFunctions, value: unknown, i: number): IDataObject[] {
	return jsonArrayParameter(ctx, value, 'Items (JSON)', i).map((item, line) =>
		item !== null && typeof item === 'object' && item.p1_id !== undefined
			? { ...item, p1_id: p1IdValue(ctx, item.p1_id, `"p1_id" in line ${line + 1} of "Items (JSON)"`, i) }
			: item,
	);
}

export const upsert: OperationModule = {
	option: {
		name: 'Create or Update',
		action: 'Create or update an order',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
	},
	routes: [route],
	tool: {
		description: `Create an order, or update the one with the same external ID in the same shop. Needs the shop and the external ID. Returns the order as PharmaOne answers. ${CONFIGURED}`,
	},
	description: [
		shopLocator({ required: true, description: 'The shop the order belongs to; with External ID it identifies the order' }),
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'POS-ORDER-123',
			description: 'Your system\'s order ID. Sending the same External ID and Shop again updates that order instead of creating a new one.',
		},
		{
			displayName: 'Items Input',
			name: 'itemsInput',
			type: 'options',
			options: [
				{ name: 'Define Below', value: 'fields' },
				{ name: 'JSON', value: 'json', description: 'An array of line items, e.g. mapped from a previous node' },
			],
			default: 'fields',
		},
		lineItems(
			{ displayOptions: { show: { itemsInput: ['fields'] } } },
			[
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{
					displayName: 'Product ID (P1 ID)',
					name: 'p1Id',
					type: 'string',
					default: '',
					placeholder: '12345',
					description: 'The PharmaOne catalogue product ID, a number such as 12345 (sent as p1_id)',
				},
				{ displayName: 'Quantity', name: 'qty', type: 'number', default: 1, typeOptions: { minValue: 0 } },
				{ displayName: 'Price', name: 'price', type: 'number', default: 0, typeOptions: { numberPrecision: 2 } },
			],
		),
		{
			displayName: 'Items (JSON)',
			name: 'itemsJson',
			type: 'json',
			default: '[{"name": "Product name", "p1_id": "12345", "qty": 1, "price": 8.99}]',
			description: 'Line items; each needs "qty" greater than 0',
			displayOptions: { show: { itemsInput: ['json'] } },
		},
		additionalFields([
			{ displayName: 'Customer Email', name: 'customer_email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'Customer Name', name: 'customer_name', type: 'string', default: '' },
			{
				displayName: 'Order Date',
				name: 'order_datetime',
				type: 'dateTime',
				default: '',
				description: "When the order was placed, in the workflow's time zone; sent as UTC (order_datetime)",
			},
			{ displayName: 'Order Number', name: 'order_number', type: 'string', default: '', description: 'An existing order number to keep' },
			{ displayName: 'Payment Status', name: 'payment_status', type: 'options', options: PAYMENT_STATUS_OPTIONS, default: 'pending' },
			{ displayName: 'Total Amount', name: 'total_amount', type: 'number', default: 0, typeOptions: { numberPrecision: 2 } },
		]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const externalId = requiredString(this, 'externalId', 'External ID', i);
		const itemsInput = this.getNodeParameter('itemsInput', i, 'fields') as string;
		const rawItems =
			itemsInput === 'json'
				? itemsFromJson(this, this.getNodeParameter('itemsJson', i, '[]'), i)
				: itemsFromRows(this, ((this.getNodeParameter('items', i, {}) as IDataObject).item as ItemRow[]) ?? [], i);
		const items = validate(this, itemsSchema, rawItems, { '': 'Items', qty: 'Quantity', price: 'Price', name: 'Name', p1_id: 'Product ID' }, i);
		const { fields: additional, extra } = additionalBody(this, 'additionalFields', i);
		additional.order_datetime = dateTimeValue(this, additional.order_datetime, 'Order Date', i);
		const body: IDataObject = { shop_id: shopId, external_id: externalId, ...compact(additional), items, ...extra };
		return (await client.request(route, { body, itemIndex: i })) as IDataObject;
	},
};
