import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { text } from '../../schemas/fields';
import { additionalFields } from '../../descriptions/common';
import { orderLocator, shopLocator } from '../../../shared/locators';
import { additionalBody, compact, httpUrlValue, requiredString, validate } from '../../helpers/validation';
import { locatorValue } from '../../../shared/values';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { NOTHING } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.prescription.create;

/** The minimum PharmaOne documents for a prescription; every other key comes from the escape hatch. */
const ingestSchema = z
	.object({
		shop_id: text().trim().min(1, 'a shop is required'),
		customer_email: text()
			.regex(/^[^\s@]+@[^\s@]+$/, 'not an email address')
			.optional(),
	})
	.catchall(z.unknown());

/*
 * PharmaOne documents only shop_id and customer_email for the ingest body (its example, snake_case)
 * and names the rest "customer data, PDF references, questionnaire answers and metadata"; its schema
 * page calls the body "Title Case keys" (API reference §14, §20.5). The fields offered beyond the
 * example are inferred: customer_name and prescription_pdf_url as order requests name them, order_id
 * as the Prescription object names it. Everything else goes through Additional Body Fields (JSON).
 */
export const create: OperationModule = {
	option: {
		name: 'Create',
		action: 'Create a prescription',
		description:
			'Send a prescription for a shop to PharmaOne, which answers with its ID; questionnaire answers and other data go in Additional Body Fields (JSON)',
	},
	routes: [route],
	tool: {
		description: `Send a prescription with its customer data and questionnaire answers for a shop to PharmaOne. ${NOTHING} Returns the prescription ID. Not idempotent: call it once per prescription.`,
	},
	description: [
		shopLocator({ required: true, description: 'The shop the prescription is for (sent as shop_id)' }),
		{
			displayName: 'Customer Email',
			name: 'customerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "The patient's email address (sent as customer_email)",
		},
		additionalFields([
			{ displayName: 'Customer Name', name: 'customer_name', type: 'string', default: '', description: "The patient's name (sent as customer_name)" },
			orderLocator({
				displayName: 'Order',
				name: 'order_id',
				required: false,
				description: 'The PharmaOne order this prescription belongs to (sent as order_id)',
			}),
			{
				displayName: 'Prescription PDF URL',
				name: 'prescription_pdf_url',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/prescription.pdf',
				description: 'An http(s) link to the prescription PDF (sent as prescription_pdf_url)',
			},
		]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const email = String(this.getNodeParameter('customerEmail', i, '') ?? '').trim();
		const { fields, extra } = additionalBody(this, 'additionalFields', i);
		const typed = compact({
			customer_name: fields.customer_name === undefined ? undefined : String(fields.customer_name).trim(),
			order_id: locatorValue(fields.order_id),
			prescription_pdf_url: httpUrlValue(this, fields.prescription_pdf_url, 'Prescription PDF URL', i),
		});
		const body: IDataObject = { shop_id: shopId, ...(email ? { customer_email: email } : {}), ...typed, ...extra };
		validate(this, ingestSchema, body, { shop_id: 'Shop', customer_email: 'Customer Email' }, i);
		return (await client.request(route, { body, itemIndex: i })) as IDataObject;
	},
};
