import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { additionalBodyFields } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { additionalBody, compact, productIdParameter, requiredString, validate } from '../../../shared/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.shop.setProductOverrides;

/** A number typed as text by an expression ("9.99") counts as that number. */
const numeric = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

const overridesSchema = z
	.object({
		price: z.number({ invalid_type_error: 'must be a number' }).min(0, 'must be 0 or more').optional(),
		available: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
		visible: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	});

const LABELS = { price: 'Price', available: 'Available', visible: 'Visible' };

/*
 * PharmaOne documents no body for product-overrides (API reference §9, schema ShopProductOverrides):
 * price, available and visible are inferred keys. Each is sent only when set, and any other key
 * goes through Additional Body Fields (JSON).
 */

export const setProductOverrides: OperationModule = {
	option: {
		name: 'Set Product Overrides',
		value: 'setProductOverrides',
		action: 'Set product overrides for a shop',
		description:
			"Set shop-specific values for a product attached to the shop, such as its price in that shop; only the values you set are sent",
	},
	routes: [route],
	description: forOperation('shop', 'setProductOverrides', [
		shopLocator({ required: true, description: 'The shop whose product values to override' }),
		productLocator(),
		{
			displayName: 'Overrides',
			name: 'overrides',
			type: 'collection',
			placeholder: 'Add Override',
			default: {},
			options: [
				additionalBodyFields(),
				{
					displayName: 'Available',
					name: 'available',
					type: 'boolean',
					default: true,
					description: 'Whether the product can be ordered in this shop (sent as available)',
				},
				{
					displayName: 'Price',
					name: 'price',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 0,
					description: "The product's price in this shop (sent as price)",
				},
				{
					displayName: 'Visible',
					name: 'visible',
					type: 'boolean',
					default: true,
					description: 'Whether the product is shown in this shop (sent as visible)',
				},
			],
		},
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const p1Id = productIdParameter(this, i);
		const { fields, extra } = additionalBody(this, 'overrides', i);
		const set = compact(fields);
		if (set.price !== undefined) set.price = numeric(set.price) as number;
		const overrides = validate(this, overridesSchema, set, LABELS, i);
		if (Object.keys(overrides).length === 0 && Object.keys(extra).length === 0) {
			throw new NodeOperationError(this.getNode(), `No override to set for product "${p1Id}" in shop "${shopId}" (item ${i + 1})`, {
				itemIndex: i,
				description: 'Add at least one value under "Overrides" (Additional Body Fields (JSON) counts too).',
			});
		}
		return (await client.request(route, {
			body: { shop_id: shopId, p1_id: p1Id, ...overrides, ...extra },
			subject: `Product "${p1Id}" in shop "${shopId}"`,
			itemIndex: i,
		})) as IDataObject;
	},
};
