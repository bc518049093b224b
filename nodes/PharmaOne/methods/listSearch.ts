import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { pharmaOneApiRequest } from '../transport/request';
import { ROUTES } from '../transport/routes';

const PAGE = 50;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => String(value ?? '').toLowerCase().includes(needle));
}

export async function searchShops(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const response = (await pharmaOneApiRequest.call(this, ROUTES.shop.getAll)) as { data?: IDataObject[] };
	const results = (response?.data ?? [])
		.filter((shop) => matches(filter, shop.shop_id, shop.name))
		.map((shop) => ({
			name: `${String(shop.name ?? shop.shop_id)}${shop.is_active === false ? ' (inactive)' : ''}`,
			value: String(shop.shop_id),
		}));
	return { results };
}

/**
 * One page of recent orders per call; the API has no search, so the filter applies to the
 * page fetched and the user pages on with the token (an offset).
 */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const response = (await pharmaOneApiRequest.call(this, ROUTES.order.getAll, {
		qs: { limit: PAGE, offset },
	})) as { data?: IDataObject[]; pagination?: IDataObject };
	const rows = response?.data ?? [];
	const total = Number(response?.pagination?.total);
	const next = offset + rows.length;
	const more = rows.length === PAGE && (!Number.isFinite(total) || next < total);
	return {
		results: rows
			.filter((order) => matches(filter, order.id, order.external_id, order.customer_name))
			.map((order) => ({
				name: `${String(order.id)} · ${String(order.customer_name ?? '')} · ${String(order.status ?? '')}`,
				value: String(order.id),
			})),
		paginationToken: more ? String(next) : undefined,
	};
}
