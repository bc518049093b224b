import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { flag, price } from '../../schemas/fields';
import { bodyFieldsCollection } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { additionalBody, compact, productIdParameter, requiredString, requireFields, validate } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { CONFIGURED, productIdArg, shopIdArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.shop.setProductOverrides;

const overridesSchema = z.object({ price: price.optional(), available: flag.optional(), visible: flag.optional() });

const LABELS = { price: 'Price', available: 'Available', visible: 'Visible' };

/*
 * PharmaOne documents no body for product-overrides (API reference §9, schema ShopProductOverrides):
 * price, available and visible are inferred keys. Each is sent only when set, and any other key
 * goes through Additional Body Fields (JSON).
 */

export const setProductOverrides: OperationModule = {
	option: {
		name: 'Set Product Overrides',
		action: 'Set product overrides for a shop',
		description:
			"Set shop-specific values for a product attached to the shop, such as its price in that shop; only the values you set are sent",
	},
	routes: [route],
	tool: {
		description: `Set shop-specific values of a product, such as its price in that shop. Needs the shop ID and the P1 ID. Returns PharmaOne's answer. ${CONFIGURED}`,
		args: [shopIdArg, productIdArg],
	},
	description: [
		shopLocator({ required: true, description: 'The shop whose product values to override' }),
		productLocator(),
		bodyFieldsCollection('Overrides', 'overrides', 'Add Override', [
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
		]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const p1Id = productIdParameter(this, i);
		const { fields, extra } = additionalBody(this, 'overrides', i);
		const overrides = validate(this, overridesSchema, compact(fields), LABELS, i);
		requireFields(this, { ...overrides, ...extra }, `No override to set for product "${p1Id}" in shop "${shopId}"`, 'Overrides', i);
		return (await client.request(route, {
			body: { shop_id: shopId, p1_id: p1Id, ...overrides, ...extra },
			itemIndex: i,
		})) as IDataObject;
	},
};
