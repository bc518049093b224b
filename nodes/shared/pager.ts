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
	/** Position of this page's first row in the whole list. */
	offset: number;
	response: unknown;
	/** Whether the list ends with this page (no further page will be requested). */
	last: boolean;
}

export interface PagesRequest extends PharmaOneRequest {
	/** Rows per request; the route's largest page when left out. */
	pageSize?: number;
	/** Stop after this many rows (the last page is cut to fit). */
	maxRows?: number;
	/** Start at this row of the list; for page paging a multiple of the page size. */
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
	const { pageSize, startOffset = 0, ...sent } = request;
	delete sent.maxRows;
	if (route.paging === 'none') {
		const response = await client.request(route, sent);
		yield { rows: readRows(response).slice(0, maxRows), offset: 0, response, last: true };
		return;
	}
	const maxPage = pageSize ?? route.maxPageSize ?? 50;
	let read = 0;
	let previousFirst: string | undefined;
	for (let index = 0; read < maxRows && index < MAX_PAGES; index++) {
		// Offset paging asks for no more than is still wanted; page paging keeps one page size.
		const size = route.paging === 'offset' ? Math.min(maxPage, maxRows - read) : Math.min(maxPage, maxRows);
		const at = startOffset + read;
		const page = Math.floor(at / size) + 1;
		const qs: IDataObject =
			route.paging === 'page' ? { ...sent.qs, limit: size, page } : { ...sent.qs, limit: size, offset: at };
		const response = await client.request(route, { ...sent, qs });
		const rows = readRows(response);
		if (rows.length === 0) return;
		const first = JSON.stringify(rows[0]);
		if (index > 0 && first === previousFirst) return;
		previousFirst = first;

		const kept = rows.slice(0, maxRows - read);
		const { total, totalPages } = readPagination(response);
		const last =
			rows.length < size ||
			(route.paging === 'page' && totalPages !== undefined && page >= totalPages) ||
			(route.paging === 'offset' && total !== undefined && at + rows.length >= total);
		yield { rows: kept, offset: at, response, last: last && kept.length === rows.length };
		read += kept.length;
		if (last) return;
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
