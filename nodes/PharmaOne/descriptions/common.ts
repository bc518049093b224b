import type { INodeProperties } from 'n8n-workflow';

/** Return All + Limit, as every n8n Get Many operation has them. */
export function returnAllOrLimit(maxPageSize: number): INodeProperties[] {
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
			hint: `Pages of up to ${maxPageSize} rows are fetched as needed`,
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

export function shopLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Shop',
		name: 'shopId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'A shop of your organization',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchShops', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'shop1',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\S+$', errorMessage: 'A shop ID has no spaces' },
					},
				],
			},
		],
		...overrides,
	};
}

export function orderLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Order',
		name: 'orderId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The PharmaOne order',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchOrders', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'ORD_20260614_8v039dhnrv',
			},
		],
		...overrides,
	};
}

/** The escape hatch of API reference §22.1: keys PharmaOne documents later, merged last. */
export const additionalBodyFields: INodeProperties = {
	displayName: 'Additional Body Fields (JSON)',
	name: 'additionalBodyFields',
	type: 'json',
	default: '{}',
	description:
		'Extra keys sent as they are, merged last into the request body. Use it for fields PharmaOne supports that this node does not show yet.',
};

/** Known order statuses (API reference §11); more exist, so a custom value is always accepted. */
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
