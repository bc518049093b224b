import type { INodeProperties } from 'n8n-workflow';

import { LEFT_OUT_FIELDS } from '../helpers/customerData';
import { AUTOMATIC_PARALLEL_REQUESTS, MAX_PARALLEL_REQUESTS, STOCK_LEVEL_PARALLEL } from '../helpers/parallel';

/** Node-wide request settings, shown for every resource. */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Customer Data',
			name: 'customerData',
			type: 'options',
			options: [
				{ name: 'Include', value: 'include', description: 'Output customer data as PharmaOne returns it' },
				{
					name: 'Leave Out',
					value: 'leaveOut',
					description: 'Remove customer personal data from the output; IDs, statuses, amounts and line items stay',
				},
			],
			default: 'leaveOut',
			description: `Whether the output keeps customer personal data: ${LEFT_OUT_FIELDS}. IDs and statuses are always kept. Without this option the data is left out when the node is used as a tool (PharmaOne Tool, by AI agents and MCP clients) and kept otherwise. Leave it out when the output goes to a third party such as an AI model provider.`,
		},
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_PARALLEL_REQUESTS },
			default: 0,
			description: `How many input items to send to PharmaOne at the same time. 0 (default) means automatic: up to ${AUTOMATIC_PARALLEL_REQUESTS} at a time for reads and updates that are safe to repeat, one at a time for writes that must not be repeated (stock adjustments, order requests, telemedicine orders, prescriptions, adding, attaching and detaching products, overrides); Set Stock Level adjusts ${STOCK_LEVEL_PARALLEL} different products at a time and the same product in order. 1 to ${MAX_PARALLEL_REQUESTS} applies to every operation; use 1 when several items change the same record and must apply in order. Output order and item pairing stay the same; on a rate limit all requests pause together.`,
		},
		{
			displayName: 'Retry on Rate Limit and Server Errors',
			name: 'retry',
			type: 'boolean',
			default: true,
			description:
				'Whether to retry requests answered 429 (honouring Retry-After), and reads and other safe requests that failed with a server or network error. Stock adjustments, order requests, telemedicine orders and prescription ingests are never repeated.',
		},
	],
};
