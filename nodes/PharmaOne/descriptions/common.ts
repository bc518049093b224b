import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

const ONE_RESPONSE_HINT = 'PharmaOne returns this list in one response; only the first rows are kept';

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

/** Where a product locator's "From List" mode looks products up. */
export type ProductListSource = 'searchProducts' | 'searchInventory';

/**
 * The PharmaOne catalogue product ID (`p1_id`), sent as a string. "From List" offers the products
 * of the shop chosen in the node's Shop parameter (`searchProducts`) or of the organization's
 * inventory (`searchInventory`); `null` offers By ID only.
 */
export function productLocator(
	overrides: Partial<INodeProperties> = {},
	listSource: ProductListSource | null = 'searchProducts',
): INodeProperties {
	const byId = {
		displayName: 'By ID',
		name: 'id',
		type: 'string' as const,
		placeholder: '12345',
		validation: [
			{
				type: 'regex' as const,
				properties: { regex: '^\\S+$', errorMessage: 'A product ID has no spaces' },
			},
		],
	};
	const fromList = {
		displayName: 'From List',
		name: 'list',
		type: 'list' as const,
		typeOptions: { searchListMethod: listSource ?? '', searchable: true },
	};
	return {
		displayName: 'Product',
		name: 'productId',
		type: 'resourceLocator',
		default: { mode: listSource ? 'list' : 'id', value: '' },
		required: true,
		description:
			listSource === 'searchProducts'
				? 'The PharmaOne catalogue product ID (P1 ID). From List shows the products of the chosen shop.'
				: listSource === 'searchInventory'
					? "The PharmaOne catalogue product ID (P1 ID). From List shows the products in your organization's inventory."
					: 'The PharmaOne catalogue product ID (P1 ID)',
		modes: listSource ? [fromList, byId] : [byId],
		...overrides,
	};
}

export function prescriptionLocator(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Prescription',
		name: 'prescriptionId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The PharmaOne prescription',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPrescriptions', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'org1-pq-CQ3TLK',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\S+$', errorMessage: 'A prescription ID has no spaces' },
					},
				],
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
