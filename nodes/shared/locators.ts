import type { INodeProperties } from 'n8n-workflow';

/* Resource locators of shops, orders, products and prescriptions, backed by listSearch.ts. */

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
				properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'A PharmaOne product ID (P1 ID) is a number, e.g. 12345' },
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
