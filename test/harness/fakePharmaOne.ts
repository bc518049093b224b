import nock from 'nock';
import type { IDataObject } from 'n8n-workflow';

import errors from '../fixtures/errors.json';
import { BASE_URL, DUMMY_API_KEY, V2, dummyJwt } from './fixtures';

/*
 * The one fake PharmaOne of the engine tests, behind nock (the sandbox serves the end-to-end
 * tests): `pharmaOneMock()` answers the token exchange and counts it, and gives each test a
 * scope for the data routes it expects; `FakePharmaOne` keeps orders, prescriptions and the
 * inventory in memory and answers the list routes from them.
 */

export interface TokenExchangeOptions {
	/** The Manager base URL (default: the custom test environment). */
	baseUrl?: string;
	/** The API key the exchange accepts (default: the dummy key of the test credentials). */
	apiKey?: string;
	/** Refuse the key with Kong's 401, as PharmaOne does for an unknown or revoked key. */
	refuse?: boolean;
	/** The number of the first token handed out (`dummyJwt(n)`); each exchange counts up. */
	firstToken?: number;
}

/**
 * The token exchange of one Manager host: each exchange hands out the next dummy JWT and is
 * counted in `state.tokenExchanges`. Data routes are added by each test on `scope`.
 */
export function pharmaOneMock(options: TokenExchangeOptions = {}) {
	const baseUrl = options.baseUrl ?? BASE_URL;
	const first = options.firstToken ?? 1;
	const state = { tokenExchanges: 0 };
	nock(baseUrl)
		.post(`${V2}/auth/token`)
		.matchHeader('apikey', options.apiKey ?? DUMMY_API_KEY)
		.times(1000)
		.reply(() => {
			state.tokenExchanges++;
			if (options.refuse === true) return [401, errors.kongUnauthorized];
			const token = dummyJwt(first + state.tokenExchanges - 1);
			return [200, { access_token: token, token_type: 'Bearer', expires_in: 3600 }];
		});
	return {
		scope: nock(baseUrl),
		state,
		/** The bearer header the token `dummyJwt(n)` produces. */
		bearer: (n: number) => `Bearer ${dummyJwt(n)}`,
	};
}

/** Interceptors still waiting for their request, other than the token exchange. */
export function pendingData(): string[] {
	return nock.pendingMocks().filter((mock) => !mock.includes('/auth/token'));
}

/** Captures the JSON body of the matched request for later assertions. */
export function captureBody(into: unknown[]) {
	return (body: unknown) => {
		into.push(body);
		return true;
	};
}

/** One request the fake answered: its path and query (numbers as text, as they arrive). */
export interface SeenRequest {
	path: string;
	query: Record<string, string>;
}

/** Epoch microseconds as a timestamp with microseconds, like live data. */
function timestamp(micros: number): string {
	const whole = new Date(Math.floor(micros / 1_000_000) * 1000).toISOString().slice(0, 19);
	return `${whole}.${String(micros % 1_000_000).padStart(6, '0')}Z`;
}

const DAY_MS = 86_400_000;

/** How the fake sorts its lists, newest first (PharmaOne documents no order). */
export type ListOrder = 'updated' | 'created';

/**
 * An in-memory PharmaOne behind nock, for the poll trigger tests: orders (limit max 200, offset,
 * shop_id, pagination.total) and prescriptions (limit max 100, no total) listed newest first by
 * update or by creation (`listOrder`), and the org inventory in one response. Its clock starts
 * two days before the real one and moves 1.5 s per change (`advance` moves it further). Every
 * request it answers is recorded.
 */
export class FakePharmaOne {
	listOrder: ListOrder = 'updated';

	readonly orders = new Map<string, IDataObject>();

	readonly prescriptions = new Map<string, IDataObject>();

	readonly inventory = new Map<string, IDataObject>();

	readonly requests: SeenRequest[] = [];

	/** The fake's clock, epoch microseconds. */
	private micros = (Date.now() - 2 * DAY_MS) * 1000 + 1;

	private nextOrder = 1;

	private nextPrescription = 1;

	/** Prescriptions show no updated_at; the "updated" list order uses this instead. */
	private readonly prescriptionUpdates = new Map<string, number>();

	private sorted: { key: string; rows: IDataObject[] } | undefined;

	private version = 0;

	private now(): string {
		// 1.5 s apart, so timestamps cross whole seconds and keep microseconds.
		this.micros += 1_500_001;
		this.version++;
		return timestamp(this.micros);
	}

	/** The fake's current time in epoch milliseconds. */
	get clock(): number {
		return Math.floor(this.micros / 1000);
	}

	/** Moves the fake's clock forward. */
	advance(ms: number): void {
		this.micros += ms * 1000;
	}

	/**
	 * A new order; `createdAgoMs` makes it one synced late: created that long ago (its
	 * order_datetime) but arriving now.
	 */
	addOrder(status = 'pending', shopId = 'shop1', createdAgoMs = 0): IDataObject {
		const id = `ORD_20260614_${String(this.nextOrder++).padStart(10, '0')}`;
		const at = this.now();
		const created = createdAgoMs > 0 ? timestamp(this.micros - createdAgoMs * 1000) : at;
		const row: IDataObject = {
			id,
			external_id: `POS-${id}`,
			status,
			shop_id: shopId,
			customer_name: 'Max Mustermann',
			total_amount: 98.25,
			payment_status: 'pending',
			created_at: created,
			updated_at: at,
		};
		this.orders.set(id, row);
		return row;
	}

	addOrders(count: number, status = 'pending'): IDataObject[] {
		return Array.from({ length: count }, () => this.addOrder(status));
	}

	setOrderStatus(id: string, status: string): void {
		const row = this.orders.get(id);
		if (!row) throw new Error(`No order ${id}`);
		row.status = status;
		row.updated_at = this.now();
	}

	/** A change that bumps updated_at but not the status (e.g. marked paid). */
	touchOrder(id: string, fields: IDataObject = {}): void {
		const row = this.orders.get(id);
		if (!row) throw new Error(`No order ${id}`);
		Object.assign(row, fields, { updated_at: this.now() });
	}

	addPrescription(status = 'new'): IDataObject {
		const id = `org1-pq-${String(this.nextPrescription++).padStart(6, '0')}`;
		const row: IDataObject = {
			id,
			status,
			shop_id: 'shop1',
			order_id: null,
			customer_email: 'max@example.com',
			created_at: this.now(),
		};
		this.prescriptions.set(id, row);
		this.prescriptionUpdates.set(id, this.micros);
		return row;
	}

	setPrescriptionStatus(id: string, status: string): void {
		const row = this.prescriptions.get(id);
		if (!row) throw new Error(`No prescription ${id}`);
		row.status = status;
		this.now();
		this.prescriptionUpdates.set(id, this.micros);
	}

	setInventory(p1Id: number, stock: number, name = `Product ${p1Id}`): void {
		this.inventory.set(String(p1Id), {
			p1_id: p1Id,
			name,
			stockquantity: stock,
			price: 8.99,
			category: 'Blüten',
			log_entries: 1,
			last_activity: '2026-06-05T14:00:00Z',
		});
	}

	/** Requests to a path, e.g. `/orders`. */
	requestsTo(path: string): SeenRequest[] {
		return this.requests.filter((request) => request.path === `${V2}${path}`);
	}

	private record(uri: string): SeenRequest {
		const url = new URL(uri, BASE_URL);
		const seen = { path: url.pathname, query: Object.fromEntries(url.searchParams.entries()) };
		this.requests.push(seen);
		return seen;
	}

	/** Orders newest first by `listOrder` (ties by id), kept until something changes. */
	private sortedOrders(): IDataObject[] {
		const key = `${this.listOrder}:${this.version}:${this.orders.size}`;
		if (this.sorted?.key !== key) {
			const field = this.listOrder === 'created' ? 'created_at' : 'updated_at';
			const rows = [...this.orders.values()].sort((a, b) =>
				String(a[field]) < String(b[field]) ? 1 : String(a[field]) > String(b[field]) ? -1 : String(a.id) < String(b.id) ? -1 : 1,
			);
			this.sorted = { key, rows };
		}
		return this.sorted.rows;
	}

	private listOrders(query: Record<string, string>): IDataObject {
		const limit = Math.min(200, Number(query.limit ?? 50));
		const offset = Number(query.offset ?? 0);
		const rows = this.sortedOrders()
			.filter((row) => query.shop_id === undefined || row.shop_id === query.shop_id)
			.filter((row) => query.status === undefined || row.status === query.status);
		return {
			data: rows.slice(offset, offset + limit).map((row) => ({ ...row })),
			pagination: { limit, offset, total: rows.length },
		};
	}

	private listPrescriptions(query: Record<string, string>): IDataObject {
		const limit = Math.min(100, Number(query.limit ?? 50));
		const offset = Number(query.offset ?? 0);
		const at = (row: IDataObject) =>
			this.listOrder === 'created' ? String(row.created_at) : timestamp(this.prescriptionUpdates.get(String(row.id)) ?? 0);
		const rows = [...this.prescriptions.values()]
			.map((row) => ({ row, at: at(row) }))
			.sort((a, b) => (a.at < b.at ? 1 : -1))
			.map(({ row }) => row);
		return { data: rows.slice(offset, offset + limit).map((row) => ({ ...row })), pagination: { limit, offset } };
	}

	/** Answers the three list routes until nock is cleaned (after each test). */
	install(): void {
		nock(BASE_URL)
			.persist()
			.get(`${V2}/orders`)
			.query(true)
			.reply((uri) => [200, this.listOrders(this.record(uri).query)]);
		nock(BASE_URL)
			.persist()
			.get(`${V2}/prescriptions`)
			.query(true)
			.reply((uri) => [200, this.listPrescriptions(this.record(uri).query)]);
		nock(BASE_URL)
			.persist()
			.get(`${V2}/inventory`)
			.reply((uri) => {
				this.record(uri);
				return [200, { data: [...this.inventory.values()].map((row) => ({ ...row })) }];
			});
	}
}
