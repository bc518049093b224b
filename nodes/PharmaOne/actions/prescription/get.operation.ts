import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { prescriptionLocator } from '../../../shared/locators';
import { requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { PRESCRIPTION_STATUSES, prescriptionIdArg, PRIVATE } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.prescription.get;

export const get: OperationModule = {
	option: {
		name: 'Get',
		action: 'Get a prescription',
		description: 'Get one prescription: its status, shop, linked order and customer email',
	},
	routes: [route],
	tool: {
		description: `Get one prescription by its ID: status (${PRESCRIPTION_STATUSES}), shop, linked order ID and creation time. Needs the prescription ID. Returns one prescription. ${PRIVATE}`,
		args: [prescriptionIdArg],
	},
	description: [prescriptionLocator()],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const id = requiredString(this, 'prescriptionId', 'Prescription', i);
		return (await client.request(route, {
			pathParams: { id },
			itemIndex: i,
		})) as IDataObject;
	},
};
