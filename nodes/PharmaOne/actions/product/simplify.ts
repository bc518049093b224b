import type { IDataObject, INodeProperties } from 'n8n-workflow';

/** The fields a Simplify-d product keeps: the ones most workflows use. */
export const SIMPLE_PRODUCT_KEYS = ['p1_id', 'name', 'category', 'price', 'stock_quantity', 'shop_id'] as const;

export const simplifyField: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: `Whether to return a simplified version of the response instead of the raw data (only ${SIMPLE_PRODUCT_KEYS.join(', ')})`,
};

/** Keeps the simple keys the product has; other fields are left out. */
export function simplifyProduct(product: IDataObject): IDataObject {
	const simple: IDataObject = {};
	for (const key of SIMPLE_PRODUCT_KEYS) {
		if (product[key] !== undefined) simple[key] = product[key];
	}
	return simple;
}
