import type { INodeProperties } from 'n8n-workflow';

export const MAX_PARALLEL_REQUESTS = 16;

/** Node-wide request settings, shown for every resource. */
export const requestOptions: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Parallel Requests',
			name: 'parallelRequests',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_PARALLEL_REQUESTS },
			default: 1,
			description:
				'How many input items to send to PharmaOne at the same time (1–16). Output order and item pairing stay the same; on a rate limit all requests pause together.',
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
