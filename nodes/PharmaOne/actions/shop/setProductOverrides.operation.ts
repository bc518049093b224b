import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { flag, price } from '../../../shared/schemas/fields';
import { additionalBodyFields } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { additionalBody, compact, requiredString, requireFields, validate } from '../../../shared/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.shop.setProductOverrides;

const overridesSchema = z.object({ price: price.optional(), available: flag.optional(), visible: flag.optional() });

const LABELS = { price: 'Price', available: 'Available', visible: 'Visible' };

const INFERRED = 'PharmaOne does not document the override fields: this key is inferred and sent only when set.';

export const setProductOverrides: OperationModule = {
	option: {
		name: 'Set Product Overrides',
		value: 'setProductOverrides',
		action: 'Set product overrides for a shop',
		description:
			"Set shop-specific values for a product attached to the shop (e.g. its price in that shop). PharmaOne does not document the fields; only the ones you set are sent.",
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
			description: INFERRED,
			options: [
				{
					displayName: 'Available',
					name: 'available',
					type: 'boolean',
					default: true,
					description: `Whether the product can be ordered in this shop. Sent as "available". ${INFERRED}`,
				},
				{
					displayName: 'Price',
					name: 'price',
					type: 'number',
					typeOptions: { minValue: 0, numberPrecision: 2 },
					default: 0,
					description: `The product's price in this shop. Sent as "price". ${INFERRED}`,
				},
				{
					displayName: 'Visible',
					name: 'visible',
					type: 'boolean',
					default: true,
					description: `Whether the product is shown in this shop. Sent as "visible". ${INFERRED}`,
				},
			],
		},
		additionalBodyFields,
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const p1Id = requiredString(this, 'productId', 'Product', i);
		const set = compact(this.getNodeParameter('overrides', i, {}) as IDataObject);
		const overrides = validate(this, overridesSchema, set, LABELS, i);
		const extra = additionalBody(this, i);
		requireFields(this, { ...overrides, ...extra }, `No override to set for product "${p1Id}" in shop "${shopId}"`, 'Overrides', i);
		return (await client.request(route, {
			body: { shop_id: shopId, p1_id: p1Id, ...overrides, ...extra },
			subject: `Product "${p1Id}" in shop "${shopId}"`,
			itemIndex: i,
		})) as IDataObject;
	},
};
