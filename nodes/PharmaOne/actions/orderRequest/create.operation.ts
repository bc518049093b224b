import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { NOTHING } from '../tools';
import type { OperationModule } from '../types';
import { buildEnvelope } from '../../schemas/envelope';
import { envelopeFields } from '../../descriptions/envelope';
import { skipAlreadySentFields } from '../../descriptions/sendOnce';
import { sendOnce } from '../../helpers/sendOnce';

const v2 = ROUTES.orderRequest.create;
const v1 = ROUTES.orderRequest.createV1;

export const create: OperationModule = {
	option: {
		name: 'Create',
		action: 'Create an order request',
		description:
			'Submit an order (line items or a prescription PDF) that pharmacy staff review in PharmaOne Manager before it becomes an order; answers with the request ID and status "pending"',
	},
	routes: [v2, v1],
	tool: {
		description: `Submit an order request that pharmacy staff review before it becomes an order. ${NOTHING} Returns the request ID and status pending. Not idempotent: call it once per order.`,
	},
	description: [
		{
			displayName: 'API',
			name: 'apiVersion',
			type: 'options',
			options: [
				{
					name: 'Version 2 (Token)',
					value: 'v2',
					description: 'POST /api/v2/…/order-requests with the exchanged token (scope order_requests.write). Recommended.',
				},
				{
					name: 'Version 1 (API Key Only)',
					value: 'v1',
					description: 'POST /api/v1/…/order-requests with the raw API key and no token, for simple order submission',
				},
			],
			default: 'v2',
			description: 'Which PharmaOne order-request API to call; both take the same body',
		},
		...envelopeFields('orderRequest'),
		...skipAlreadySentFields({ what: 'order request', keyLabel: 'External Reference' }),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const route = this.getNodeParameter('apiVersion', i, 'v2') === 'v1' ? v1 : v2;
		const body = await buildEnvelope(this, i, 'orderRequest');
		return await sendOnce(
			this,
			i,
			{ kind: 'orderRequest', label: 'External Reference', key: body.external_reference },
			async () => (await client.request(route, { body, itemIndex: i })) as IDataObject,
		);
	},
};
