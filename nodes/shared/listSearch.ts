import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { PharmaOneClient } from './client';
import { pages, readRows } from './pager';
import type { Route } from './routes';
import { ROUTES } from './routes';

/** Rows per call while the user scrolls an unfiltered list. */
const PAGE = 50;

/**
 * A search reads on until it has this many matches (or the list ends), so scrolling a filtered
 * list loads more the same way an unfiltered one does.
 */
const MATCHES_PER_CALL = 50;

/** With some matches found, a search call stops after this many pages; scrolling reads on. */
const PAGES_PER_SEARCH_CALL = 5;

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((value) => String(value ?? '').toLowerCase().includes(needle));
}

interface PagedSearch {
	route: Route;
	qs?: IDataObject;
	/** The text typed in the search box. */
	filter?: string;
	/** Where the previous call stopped: the next row of the list. */
	paginationToken?: string;
	/** The values of a row the filter is matched against. */
	searched: (row: IDataObject) => unknown[];
	toResult: (row: IDataObject) => INodeListSearchItems;
}

/**
 * One call of a searchable list over a paged route. PharmaOne has no search parameter on any list
 * route, so the filter is applied to the rows read: without a filter one page per call (the user
 * scrolls for more); with one, pages of the route's largest size are read until enough rows match
 * or the list ends, so a search covers everything the unfiltered list covers. The token is the
 * row where the next call starts.
 */
async function searchPaged(ctx: ILoadOptionsFunctions, search: PagedSearch): Promise<INodeListSearchResult> {
	const start = Math.max(0, Math.floor(Number(search.paginationToken ?? 0) || 0));
	const filtered = Boolean(search.filter);
	const results: INodeListSearchItems[] = [];
	let next: number | undefined;
	let read = 0;
	for await (const page of pages(new PharmaOneClient(ctx), search.route, {
		qs: search.qs,
		pageSize: filtered ? search.route.maxPageSize : PAGE,
		startOffset: start,
	})) {
		read++;
		for (const row of page.rows) {
			if (matches(search.filter, ...search.searched(row))) results.push(search.toResult(row));
		}
		next = page.last ? undefined : page.offset + page.rows.length;
		const enough = !filtered || results.length >= MATCHES_PER_CALL || (results.length > 0 && read >= PAGES_PER_SEARCH_CALL);
		if (enough) break;
	}
	return { results, paginationToken: next === undefined ? undefined : String(next) };
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

/** Orders, newest first, searched by ID, external ID or customer name. */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPaged(this, {
		route: ROUTES.order.getAll,
		filter,
		paginationToken,
		searched: (order) => [order.id, order.external_id, order.customer_name],
		toResult: (order) => ({
			name: `${String(order.id)} · ${String(order.customer_name ?? '')} · ${String(order.status ?? '')}`,
			value: String(order.id),
		}),
	});
}

function productName(product: IDataObject): string {
	const id = String(product.p1_id ?? '');
	return product.name ? `${String(product.name)} (${id})` : id;
}

/** The catalogue of the shop chosen in the node's Shop parameter, searched by name or product ID. */
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
	return await searchPaged(this, {
		route: ROUTES.product.getAll,
		qs: { shop_id: shopId },
		filter,
		paginationToken,
		searched: (product) => [product.p1_id, product.name],
		toResult: (product) => ({ name: productName(product), value: String(product.p1_id) }),
	});
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

/** Prescriptions, newest first, searched by ID, customer email or status. */
export async function searchPrescriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPaged(this, {
		route: ROUTES.prescription.getAll,
		filter,
		paginationToken,
		searched: (prescription) => [prescription.id, prescription.customer_email, prescription.status],
		toResult: (prescription) => ({
			name: [prescription.id, prescription.customer_email, prescription.status]
				.filter((part) => part !== undefined && part !== null && part !== '')
				.map(String)
				.join(' · '),
			value: String(prescription.id),
		}),
	});
}
