import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { text } from '../../../shared/schemas/fields';
import { additionalBodyFields } from '../../descriptions/common';
import { shopLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { additionalBody, requiredString, validate } from '../../../shared/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
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

export const create: OperationModule = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a prescription',
		description:
			'Ingest a prescription for a shop (PharmaOne upserts it and answers with its ID); send customer data, PDF references or questionnaire answers as additional body fields',
	},
	routes: [route],
	description: forOperation('prescription', 'create', [
		shopLocator({ required: true, description: 'The shop the prescription is for (sent as shop_id)' }),
		{
			displayName: 'Customer Email',
			name: 'customerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "The patient's email address (sent as customer_email)",
		},
		{
			...additionalBodyFields,
			description:
				'Further keys of the prescription payload (customer data, PDF references, questionnaire answers, metadata), merged last into the body. PharmaOne\'s docs conflict on key casing: its schema "PrescriptionIngestRequest" says Title Case keys (e.g. "Customer Email"), while its only example uses snake_case (shop_id, customer_email). This node sends shop_id and customer_email in snake_case, like the example; use the casing your PharmaOne contact confirms for other keys.',
		},
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const email = String(this.getNodeParameter('customerEmail', i, '') ?? '').trim();
		const extra = additionalBody(this, i);
		const body: IDataObject = { shop_id: shopId, ...(email ? { customer_email: email } : {}), ...extra };
		validate(this, ingestSchema, body, { shop_id: 'Shop', customer_email: 'Customer Email' }, i);
		return (await client.request(route, { body, itemIndex: i })) as IDataObject;
	},
};
