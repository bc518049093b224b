import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { additionalBody, requiredString } from '../../helpers/validation';
import { pharmaOneApiRequest } from '../../transport/request';
import type { Route } from '../../transport/routes';

/** The execute of a shop-assignment route whose body is `{ shop_id, p1_id }` plus the escape hatch. */
export function shopProductRequest(route: Route) {
	return async function (this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const shopId = requiredString(this, 'shopId', 'Shop', i);
		const p1Id = requiredString(this, 'productId', 'Product', i);
		return (await pharmaOneApiRequest.call(this, route, {
			body: { shop_id: shopId, p1_id: p1Id, ...additionalBody(this, i) },
			itemIndex: i,
		})) as IDataObject;
	};
}
