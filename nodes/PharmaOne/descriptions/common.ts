import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const ONE_RESPONSE_HINT = 'PharmaOne returns this list in one response; only the first rows are kept';

/** What Return All and Limit ask for, in the form `fetchRows()` takes. */
export function readReturnAll(ctx: IExecuteFunctions, i: number): { returnAll: boolean; limit: number } {
	const returnAll = ctx.getNodeParameter('returnAll', i, false) as boolean;
	return { returnAll, limit: returnAll ? 0 : (ctx.getNodeParameter('limit', i, 50) as number) };
}

/**
 * Return All + Limit, as every n8n Get Many operation has them. `maxPageSize` for paged routes;
 * without it the list comes in one response.
 */
export function returnAllOrLimit(maxPageSize?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: maxPageSize ? `Pages of up to ${maxPageSize} rows are fetched as needed` : ONE_RESPONSE_HINT,
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** The escape hatch: keys PharmaOne documents later, merged last. */
export const additionalBodyFields: INodeProperties = {
	displayName: 'Additional Body Fields (JSON)',
	name: 'additionalBodyFields',
	type: 'json',
	default: '{}',
	description:
		'Extra keys sent as they are, merged last into the request body. Use it for fields PharmaOne supports that this node does not show yet.',
};

/** The order statuses PharmaOne documents; more exist, so a custom value is always accepted. */
export const ORDER_STATUS_OPTIONS = [
	{ name: 'Pending', value: 'pending' },
	{ name: 'Awaiting Packing', value: 'awaiting_packing' },
	{ name: 'Ready for Pickup', value: 'ready_pickup' },
	{ name: 'Other (Type Below)', value: '__custom' },
];

export const PAYMENT_STATUS_OPTIONS = [
	{ name: 'Pending', value: 'pending' },
	{ name: 'Paid', value: 'paid' },
];

/** Status + Custom Status for a Filters collection: known values, and any other value typed. */
export function statusFilter(
	options: INodePropertyOptions[],
	defaultStatus: string,
	resourceLabel: string,
	example: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options,
			default: defaultStatus,
			description: `Only ${resourceLabel} with this status. Choose "Other" and fill Custom Status for a status not listed.`,
		},
		{
			displayName: 'Custom Status',
			name: 'customStatus',
			type: 'string',
			default: '',
			placeholder: `e.g. ${example}`,
			description: 'Any status value PharmaOne uses; replaces Status when set',
		},
	];
}
