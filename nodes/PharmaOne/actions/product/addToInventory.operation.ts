import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { nonEmptyText, numeric, price, wholeNumber } from '../../schemas/fields';
import { additionalFields } from '../../descriptions/common';
import { productLocator } from '../../../shared/locators';
import { additionalBody, compact, productIdParameter, validate } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { arg, productIdArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.product.addToInventory;

const bodySchema = z.object({
	p1_id: nonEmptyText,
	initial_stock: numeric(wholeNumber().min(0, 'must be 0 or more')),
	price: price.optional(),
});

const LABELS = { p1_id: 'Product', initial_stock: 'Initial Stock', price: 'Price' };

export const addToInventory: OperationModule = {
	option: {
		name: 'Add to Inventory',
		action: 'Add a product to inventory',
		description:
			"Add a PharmaOne catalogue product to the organization's inventory with a starting stock and optional price; required before the product can be attached to a shop",
	},
	routes: [route],
	tool: {
		description: `Add a product of the PharmaOne catalogue to the organization inventory with a starting stock. Needs the P1 ID and the starting stock. Returns PharmaOne's answer. Not idempotent: call it once per product.`,
		args: [productIdArg, arg('initialStock', 'initialStock', 'Starting stock on hand, a whole number of 1 or more, e.g. 5.', 'number')],
	},
	description: [
		productLocator({ description: 'The PharmaOne catalogue product ID (P1 ID) to add to the inventory' }, null),
		{
			displayName: 'Initial Stock',
			name: 'initialStock',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			default: 1,
			description: 'On-hand quantity the product starts with in the organization inventory',
		},
		additionalFields([
			{
				displayName: 'Price',
				name: 'price',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: "The organization's own price for this product, overriding the catalogue price",
			},
		]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const p1Id = productIdParameter(this, i);
		const initialStock = this.getNodeParameter('initialStock', i, 1) as IDataObject[string];
		const { fields, extra } = additionalBody(this, 'additionalFields', i);
		const additional = compact(fields);
		const body = validate(this, bodySchema, compact({ p1_id: p1Id, initial_stock: initialStock, price: additional.price }), LABELS, i);
		return (await client.request(route, {
			body: { ...body, ...extra },
			itemIndex: i,
		})) as IDataObject;
	},
};
