import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit, statusFilter } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import { forOperation } from '../../helpers/display';
import { statusValue } from '../../../shared/values';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.prescription.getAll;

/** The prescription statuses PharmaOne documents; a custom value is always accepted. */
export const PRESCRIPTION_STATUS_OPTIONS = [
	{ name: 'New', value: 'new', description: 'Received, waiting for review' },
	{ name: 'Pending', value: 'pending', description: 'In the review workflow' },
	{ name: 'Pending Signature', value: 'pending_signature', description: 'Waiting for the qualified electronic signature' },
	{ name: 'Signed', value: 'signed', description: 'Signed (approved)' },
	{ name: 'Approved', value: 'approved', description: 'Approved by the pharmacy' },
	{ name: 'Declined', value: 'declined', description: 'Declined by the pharmacy (a final state)' },
	{ name: 'Completed', value: 'completed', description: 'Fulfilled' },
];

export const getAll: OperationModule = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many prescriptions',
		description: 'List prescriptions of the organization, optionally only those with one status',
	},
	routes: [route],
	description: forOperation('prescription', 'getAll', [
		...returnAllOrLimit(route.maxPageSize),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [statusFilter(PRESCRIPTION_STATUS_OPTIONS, 'new', 'prescriptions', 'on_hold')],
		},
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		const status = statusValue(filters.status);
		if (status) qs.status = status;
		return await fetchRows(client, route, { ...readReturnAll(this, i), qs, itemIndex: i });
	},
};
