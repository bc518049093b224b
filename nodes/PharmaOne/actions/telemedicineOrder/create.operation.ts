import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { buildEnvelope } from '../../schemas/envelope';
import { envelopeFields } from '../../descriptions/envelope';
import { skipAlreadySentFields } from '../../descriptions/sendOnce';
import { sendOnce } from '../../helpers/sendOnce';
import { NOTHING } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.telemedicineOrder.create;

export const create: OperationModule = {
	option: {
		name: 'Create',
		action: 'Create a telemedicine order',
		description:
			'Send a patient order with line items or a prescription PDF to a pharmacy shop through its External Telemedicine Connector; the pharmacy reviews it and answers with a request ID and status "pending"',
	},
	routes: [route],
	tool: {
		description: `Send a patient order to a pharmacy shop through its telemedicine connector; staff review it. ${NOTHING} Returns the request ID and status pending. Not idempotent: call it once per order.`,
	},
	description: [
		...envelopeFields('telemedicineOrder'),
		...skipAlreadySentFields({ what: 'telemedicine order', keyLabel: 'External Reference' }),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const body = await buildEnvelope(this, i, 'telemedicineOrder');
		return await sendOnce(
			this,
			i,
			{ kind: 'telemedicineOrder', label: 'External Reference', key: body.external_reference },
			async () => (await client.request(route, { body, itemIndex: i })) as IDataObject,
		);
	},
};
