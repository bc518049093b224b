import type { IDataObject } from 'n8n-workflow';

import { pickKeys } from '../../helpers/pickKeys';
import { simplifyField as simplifyFieldFor } from '../../descriptions/simplify';

/** The fields a Simplify-d product keeps: the ones most workflows use. */
const SIMPLE_PRODUCT_KEYS = ['p1_id', 'name', 'category', 'price', 'stock_quantity', 'shop_id'] as const;

export const simplifyField = simplifyFieldFor(SIMPLE_PRODUCT_KEYS);

export function simplifyProduct(product: IDataObject): IDataObject {
	return pickKeys(product, SIMPLE_PRODUCT_KEYS);
}
