import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { additionalBody, productIdParameter, requiredString } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import type { Route } from '../../../shared/routes';

/** The execute of a shop-assignment route whose body is `{ shop_id, p1_id }` plus the escape hatch. */
export function shopProductRequest(route: Route) {
	return async function (this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const p1Id = productIdParameter(this, i);
		return (await client.request(route, {
			body: { shop_id: shopId, p1_id: p1Id, ...additionalBody(this, 'additionalFields', i).extra },
			itemIndex: i,
		})) as IDataObject;
	};
}
