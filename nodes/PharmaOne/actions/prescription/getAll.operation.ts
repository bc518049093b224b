import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { filters, returnAllOrLimit, statusFilter } from '../../descriptions/common';
import { readReturnAll } from '../../helpers/returnAll';
import { statusValue } from '../../../shared/values';
import type { PharmaOneClient } from '../../../shared/client';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import { PRESCRIPTION_STATUSES, PRIVATE } from '../tools';
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
		action: 'Get many prescriptions',
		description: 'List prescriptions of the organization, optionally only those with one status',
	},
	routes: [route],
	tool: {
		description: `List prescriptions of the organization: ID, status (${PRESCRIPTION_STATUSES}), shop, linked order ID and creation time. Needs nothing; a status filter is set in the workflow. Returns up to the configured number. ${PRIVATE}`,
	},
	description: [
		...returnAllOrLimit(route.maxPageSize),
		filters([statusFilter(PRESCRIPTION_STATUS_OPTIONS, 'new', 'prescriptions', 'on_hold')]),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject[]> {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const qs: IDataObject = {};
		const status = statusValue(filters.status);
		if (status) qs.status = status;
		return await fetchRows(client, route, { ...readReturnAll(this, i), qs, itemIndex: i });
	},
};
