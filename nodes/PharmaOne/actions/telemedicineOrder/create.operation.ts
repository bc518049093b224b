import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { pharmaOneApiRequest } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import { buildEnvelope } from '../orderRequest/envelope';
import { envelopeFields } from '../orderRequest/envelope.description';
import type { OperationModule } from '../types';

const route = ROUTES.telemedicineOrder.create;

export const create: OperationModule = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a telemedicine order',
		description:
			'Send a patient order with line items or a prescription PDF to a pharmacy shop through its External Telemedicine Connector; the pharmacy reviews it and answers with a request ID and status "pending"',
	},
	routes: [route],
	description: forOperation('telemedicineOrder', 'create', envelopeFields('telemedicineOrder')),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const body = await buildEnvelope(this, i, 'telemedicineOrder');
		return (await pharmaOneApiRequest.call(this, route, { body, itemIndex: i })) as IDataObject;
	},
};
