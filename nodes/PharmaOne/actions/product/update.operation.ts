import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { flag, nonEmptyText, price, text } from '../../schemas/fields';
import { bodyFieldsCollection } from '../../descriptions/common';
import { productLocator } from '../../../shared/locators';
import { additionalBody, compact, productIdParameter, requireFields, validate } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { CONFIGURED, productIdArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.product.update;

const fieldsSchema = z.object({
	name: nonEmptyText.optional(),
	slug: nonEmptyText.optional(),
	description: text().optional(),
	category: nonEmptyText.optional(),
	price: price.optional(),
	available: flag.optional(),
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
		action: 'Update a product',
		description:
			'Change name, slug, description, category, price or availability of a product in the organization inventory; only the fields you set are sent',
	},
	routes: [route],
	tool: {
		description: `Change fields of a product in the organization inventory; only the fields set are sent. Needs the P1 ID. Returns the product as PharmaOne answers. ${CONFIGURED}`,
		args: [productIdArg],
	},
	description: [
		productLocator({}, 'searchInventory'),
		bodyFieldsCollection('Update Fields', 'updateFields', 'Add Field', [
			{ displayName: 'Available', name: 'available', type: 'boolean', default: true, description: 'Whether the product can be ordered' },
			{ displayName: 'Category', name: 'category', type: 'string', default: '', placeholder: 'e.g. Blüten' },
			{ displayName: 'Description', name: 'description', type: 'string', typeOptions: { rows: 3 }, default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Price', name: 'price', type: 'number', typeOptions: { minValue: 0, numberPrecision: 2 }, default: 0 },
			{ displayName: 'Slug', name: 'slug', type: 'string', default: '', description: 'URL-friendly name of the product' },
		]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const p1Id = productIdParameter(this, i);
		const { fields: set, extra } = additionalBody(this, 'updateFields', i);
		const fields = compact(set);
		const body: IDataObject = { ...validate(this, fieldsSchema, fields, LABELS, i), ...extra };
		requireFields(this, body, `Nothing to update for product "${p1Id}"`, 'Update Fields', i);
		return (await client.request(route, {
			pathParams: { p1Id },
			body,
			itemIndex: i,
		})) as IDataObject;
	},
};
