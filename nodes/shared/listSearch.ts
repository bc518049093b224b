import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PharmaOneClient } from './client';
import { readPagination, readRows } from './pager';
import { ROUTES } from './routes';

const PAGE = 50;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => String(value ?? '').toLowerCase().includes(needle));
}

export async function searchShops(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const results = readRows(await new PharmaOneClient(this).request(ROUTES.shop.getAll))
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
	const response = await new PharmaOneClient(this).request(ROUTES.order.getAll, { qs: { limit: PAGE, offset } });
	const rows = readRows(response);
	const { total } = readPagination(response);
	const next = offset + rows.length;
	const more = rows.length === PAGE && (total === undefined || next < total);
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

function productName(product: IDataObject): string {
	const id = String(product.p1_id ?? '');
	return product.name ? `${String(product.name)} (${id})` : id;
}

/**
 * One page of the catalogue of the shop chosen in the node's Shop parameter per call; the
 * token is the next page number, so the catalogue is only loaded as far as the user scrolls.
 * The API has no search, so the filter applies to the page fetched.
 */
export async function searchProducts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const shopId = String(this.getCurrentNodeParameter('shopId', { extractValue: true }) ?? '').trim();
	if (!shopId) {
		throw new NodeOperationError(this.getNode(), 'Choose a Shop first to list its products', {
			description: 'The product list comes from the shop selected in the "Shop" parameter. You can also enter a product ID with "By ID".',
		});
	}
	const page = Math.max(1, Math.floor(Number(paginationToken ?? 1) || 1));
	const response = await new PharmaOneClient(this).request(ROUTES.product.getAll, { qs: { shop_id: shopId, limit: PAGE, page } });
	const rows = readRows(response);
	const { totalPages } = readPagination(response);
	const more = rows.length >= PAGE && (totalPages === undefined || page < totalPages);
	return {
		results: rows
			.filter((product) => matches(filter, product.p1_id, product.name))
			.map((product) => ({ name: productName(product), value: String(product.p1_id) })),
		paginationToken: more ? String(page + 1) : undefined,
	};
}

/** The products of the organization's inventory (one unpaged response), filtered by name or ID. */
export async function searchInventory(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const results = readRows(await new PharmaOneClient(this).request(ROUTES.inventory.getAll))
		.filter((row) => matches(filter, row.p1_id, row.name))
		.map((row) => ({
			name: `${productName(row)}${row.stockquantity === undefined ? '' : ` · stock ${String(row.stockquantity)}`}`,
			value: String(row.p1_id),
		}));
	return { results };
}

/**
 * One page of recent prescriptions per call; the API has no search and no total, so the filter
 * applies to the page fetched and the token (an offset) is offered while pages come back full.
 */
export async function searchPrescriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const offset = Number(paginationToken ?? 0) || 0;
	const rows = readRows(await new PharmaOneClient(this).request(ROUTES.prescription.getAll, { qs: { limit: PAGE, offset } }));
	return {
		results: rows
			.filter((prescription) => matches(filter, prescription.id, prescription.customer_email, prescription.status))
			.map((prescription) => ({
				name: [prescription.id, prescription.customer_email, prescription.status]
					.filter((part) => part !== undefined && part !== null && part !== '')
					.map(String)
					.join(' · '),
				value: String(prescription.id),
			})),
		paginationToken: rows.length === PAGE ? String(offset + rows.length) : undefined,
	};
}
