import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { prescriptionLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.prescription.get;

export const get: OperationModule = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a prescription',
		description: 'Get one prescription: its status, shop, linked order and customer email',
	},
	routes: [route],
	description: forOperation('prescription', 'get', [prescriptionLocator()]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const id = requiredString(this, 'prescriptionId', 'Prescription', i);
		return (await client.request(route, {
			pathParams: { id },
			subject: `Prescription "${id}"`,
			itemIndex: i,
		})) as IDataObject;
	},
};
