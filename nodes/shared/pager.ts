import type { IDataObject } from 'n8n-workflow';

import type { PharmaOneClient, PharmaOneRequest } from './client';
import type { Route } from './routes';
import { toNumber } from './values';

/** The rows of a list response: a bare array or `{ data: [...] }`; anything that is not an object is left out. */
export function readRows(response: unknown): IDataObject[] {
	const data = Array.isArray(response) ? response : (response as IDataObject | undefined)?.data;
	return Array.isArray(data)
		? (data as unknown[]).filter((row): row is IDataObject => row !== null && typeof row === 'object' && !Array.isArray(row))
		: [];
}

/** `pagination.total` and `pagination.totalPages` of a list response, where present. */
export function readPagination(response: unknown): { total?: number; totalPages?: number } {
	const pagination = Array.isArray(response) ? undefined : (response as IDataObject | undefined)?.pagination;
	if (pagination === null || typeof pagination !== 'object') return {};
	const { total, totalPages } = pagination as IDataObject;
	return { total: toNumber(total), totalPages: toNumber(totalPages) };
}

export interface Page {
	rows: IDataObject[];
	/** The list offset of this page's first row (rows read before it, plus any start offset). */
	offset: number;
	response: unknown;
}

export interface PagesRequest extends PharmaOneRequest {
	/** Rows per request; the route's largest page when left out. */
	pageSize?: number;
	/** Stop after this many rows (the last page is cut to fit). */
	maxRows?: number;
	/** Offset paging only: rows to skip before the first page (to resume a listing); default 0. */
	startOffset?: number;
}

const MAX_PAGES = 10_000;

/**
 * The one pager: yields a paged route's pages in order, and always ends: on a short or empty
 * page, at the total the server reports, at `maxRows`, and against a server that ignores the
 * paging parameters (a page that repeats the previous one). A caller may stop early by breaking
 * out of its loop; no further page is then requested.
 */
export async function* pages(client: PharmaOneClient, route: Route, request: PagesRequest = {}): AsyncGenerator<Page> {
	const maxRows = request.maxRows ?? Infinity;
	if (route.paging === 'none') {
		const response = await client.request(route, request);
		yield { rows: readRows(response).slice(0, maxRows), offset: 0, response };
		return;
	}
	const maxPage = request.pageSize ?? route.maxPageSize ?? 50;
	const start = route.paging === 'offset' ? Math.max(0, request.startOffset ?? 0) : 0;
	let read = 0;
	let previousFirst: string | undefined;
	for (let index = 0; read < maxRows && index < MAX_PAGES; index++) {
		// Offset paging asks for no more than is still wanted; page paging keeps one page size.
		const size = route.paging === 'offset' ? Math.min(maxPage, maxRows - read) : Math.min(maxPage, maxRows);
		const qs: IDataObject =
			route.paging === 'page'
				? { ...request.qs, limit: size, page: index + 1 }
				: { ...request.qs, limit: size, offset: start + read };
		const response = await client.request(route, { ...request, qs });
		const rows = readRows(response);
		if (rows.length === 0) return;
		const first = JSON.stringify(rows[0]);
		if (index > 0 && first === previousFirst) return;
		previousFirst = first;

		const kept = rows.slice(0, maxRows - read);
		yield { rows: kept, offset: start + read, response };
		read += kept.length;
		if (rows.length < size) return;
		const { total, totalPages } = readPagination(response);
		if (route.paging === 'page' && totalPages !== undefined && index + 1 >= totalPages) return;
		if (route.paging === 'offset' && total !== undefined && start + read >= total) return;
	}
}

/** Get Many: every row (Return All) or up to Limit, with the largest pages the route allows. */
export async function fetchRows(
	client: PharmaOneClient,
	route: Route,
	request: PharmaOneRequest & { returnAll: boolean; limit: number },
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	const maxRows = request.returnAll ? Infinity : Math.max(0, request.limit);
	if (maxRows === 0) return rows;
	for await (const page of pages(client, route, { ...request, maxRows })) rows.push(...page.rows);
	return rows;
}
