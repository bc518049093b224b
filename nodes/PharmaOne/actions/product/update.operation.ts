import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { additionalBodyFields } from '../../descriptions/common';
import { productLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { additionalBody, compact, productIdParameter, validate } from '../../../shared/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.product.update;

/** A number typed as text by an expression ("9.99") counts as that number. */
const numeric = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

const fieldsSchema = z
	.object({
		name: z.string().trim().min(1, 'must not be empty').optional(),
		slug: z.string().trim().min(1, 'must not be empty').optional(),
		description: z.string().optional(),
		category: z.string().trim().min(1, 'must not be empty').optional(),
		price: z.number({ invalid_type_error: 'must be a number' }).min(0, 'must be 0 or more').optional(),
		available: z.boolean({ invalid_type_error: 'must be true or false' }).optional(),
	});

const LABELS = {
	name: 'Name',
	slug: 'Slug',
	description: 'Description',
	category: 'Category',
	price: 'Price',
	available: 'Available',
};

export const update: OperationModule = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a product',
		description:
			'Change name, slug, description, category, price or availability of a product in the organization inventory; only the fields you set are sent',
	},
	routes: [route],
	description: forOperation('product', 'update', [
		productLocator({}, 'searchInventory'),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				additionalBodyFields(),
				{ displayName: 'Available', name: 'available', type: 'boolean', default: true, description: 'Whether the product can be ordered' },
				{ displayName: 'Category', name: 'category', type: 'string', default: '', placeholder: 'e.g. Blüten' },
				{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '' },
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Price', name: 'price', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0 },
				{ displayName: 'Slug', name: 'slug', type: 'string', default: '', description: 'URL-friendly name of the product' },
			],
		},
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const p1Id = productIdParameter(this, i);
		const { fields: set, extra } = additionalBody(this, 'updateFields', i);
		const fields = compact(set);
		if (fields.price !== undefined) fields.price = numeric(fields.price) as number;
		const body: IDataObject = { ...validate(this, fieldsSchema, fields, LABELS, i), ...extra };
		if (Object.keys(body).length === 0) {
			throw new NodeOperationError(this.getNode(), `Nothing to update for product "${p1Id}" (item ${i + 1})`, {
				itemIndex: i,
				description: 'Add at least one field under "Update Fields" (Additional Body Fields (JSON) counts too).',
			});
		}
		return (await client.request(route, {
			pathParams: { p1Id },
			body,
			subject: `Product "${p1Id}" in the organization inventory`,
			itemIndex: i,
		})) as IDataObject;
	},
};
