'use strict';

// The sandbox's order store: orders keyed by id, the upsert index (shop + external id) and the sorted lists
// `GET /orders` pages through.

/** How `GET /orders` and `GET /prescriptions` may be sorted (the docs are silent): the timestamp, newest first. */
const LIST_ORDERS = ['updated', 'created'];

/** Newest first by `updated_at` or `created_at` (ties by id), for a list order of LIST_ORDERS. */
function newestFirst(by) {
	const field = by === 'created' ? 'created_at' : 'updated_at';
	return (a, b) => {
		const x = a[field] ?? a.created_at;
		const y = b[field] ?? b.created_at;
		return x < y ? 1 : x > y ? -1 : a.id < b.id ? -1 : 1;
	};
}

/** Orders keyed by id, with an upsert index and lazily rebuilt lists, one per list order. */
class OrderStore {
	constructor() {
		this.byId = new Map();
		this.byExternal = new Map();
		this.sorted = new Map();
		this.filtered = new Map();
	}

	static key(shopId, externalId) {
		return `${shopId}\u0000${externalId}`;
	}

	put(order) {
		this.byId.set(order.id, order);
		if (order.external_id != null) this.byExternal.set(OrderStore.key(order.shop_id, order.external_id), order.id);
		this.touch();
	}

	get(id) {
		return this.byId.get(id);
	}

	findByExternal(shopId, externalId) {
		const id = this.byExternal.get(OrderStore.key(shopId, externalId));
		return id ? this.byId.get(id) : undefined;
	}

	touch() {
		this.sorted.clear();
		this.filtered.clear();
	}

	/** The orders newest first by `by` ('updated', the default, or 'created'), filtered by status and shop. */
	list(filter = {}, by = 'updated') {
		let sorted = this.sorted.get(by);
		if (!sorted) {
			sorted = [...this.byId.values()].sort(newestFirst(by));
			this.sorted.set(by, sorted);
		}
		if (!filter.status && !filter.shop_id) return sorted;
		const cacheKey = `${by}\u0000${filter.status || ''}\u0000${filter.shop_id || ''}`;
		let rows = this.filtered.get(cacheKey);
		if (!rows) {
			rows = sorted.filter(
				(o) => (!filter.status || o.status === filter.status) && (!filter.shop_id || o.shop_id === filter.shop_id),
			);
			this.filtered.set(cacheKey, rows);
		}
		return rows;
	}

	get size() {
		return this.byId.size;
	}
}

module.exports = { LIST_ORDERS, newestFirst, OrderStore };
