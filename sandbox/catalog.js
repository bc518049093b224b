'use strict';

// Shops, shop products, org inventory and the inventory log.

const crypto = require('node:crypto');
const { DAY_MS } = require('./data');
const { validation, notFound, conflict, requireBody, p1IdOf, optionalInt, intParam } = require('./util');

function requireShop(core, shopId) {
	const shop = core.state.shops.find((s) => s.shop_id === shopId);
	if (!shop) throw notFound(`Shop ${shopId} not found`);
	return shop;
}

function productView(core, p1Id, shopId) {
	const row = core.state.inventory.get(p1Id);
	const source = row || core.state.catalogue.get(p1Id);
	const assignment = shopId ? core.state.assignments.get(shopId)?.get(p1Id) : undefined;
	return {
		p1_id: p1Id,
		name: source.name,
		slug: source.slug,
		category: source.category,
		price: source.price,
		stock_quantity: row ? row.stockquantity : 0,
		shop_id: shopId || null,
		description: source.description,
		available: source.available !== false,
		...(row ? row.extra : {}),
		...(assignment ? assignment.overrides : {}),
	};
}

function inventoryRow(row) {
	const last = row.log[row.log.length - 1];
	return {
		p1_id: Number(row.p1_id),
		name: row.name,
		stockquantity: row.stockquantity,
		price: row.price,
		category: row.category,
		log_entries: row.log.length,
		last_activity: last ? last.created_at : null,
	};
}

function logView(entry) {
	return {
		id: entry.id,
		p1_id: Number(entry.p1_id),
		shop_id: entry.shop_id,
		delta_on_hand: entry.delta_on_hand,
		delta_incoming: entry.delta_incoming,
		reason: entry.reason,
		created_at: entry.created_at,
	};
}

function appendLog(core, row, fields) {
	const entry = {
		id: crypto.randomUUID(),
		p1_id: row.p1_id,
		shop_id: fields.shop_id ?? null,
		delta_on_hand: fields.delta_on_hand || 0,
		delta_incoming: fields.delta_incoming || 0,
		reason: fields.reason,
		metadata: fields.metadata ?? null,
		created_at: core.now(),
		ms: core.clock(),
	};
	row.log.push(entry);
	return entry;
}

function requireInventoryRow(core, rawId) {
	const p1Id = p1IdOf(rawId);
	const row = p1Id && core.state.inventory.get(p1Id);
	if (!row) throw notFound(`Product ${rawId} is not in the organization inventory`);
	return row;
}

const handlers = {
	listShops(ctx) {
		return { data: ctx.core.state.shops.map((s) => ({ shop_id: s.shop_id, name: s.name, is_active: s.is_active })) };
	},

	listProducts(ctx) {
		const { core, query } = ctx;
		const shopId = query.get('shop_id');
		if (!shopId) throw validation('shop_id is required');
		requireShop(core, shopId);
		const limit = intParam(query, 'limit', { def: 50, min: 1, max: 200 });
		let page = intParam(query, 'page', { def: 1, min: 1 });
		if (core.faults.ignorePaging) page = 1;
		const ids = [...core.state.assignments.get(shopId).keys()].sort((a, b) => Number(a) - Number(b));
		const total = ids.length;
		const data = ids.slice((page - 1) * limit, page * limit).map((id) => productView(core, id, shopId));
		return { data, pagination: { page, pageSize: limit, total, totalPages: Math.ceil(total / limit) } };
	},

	getProduct(ctx) {
		const { core, params, query } = ctx;
		const p1Id = p1IdOf(params.p1Id);
		if (!p1Id || !core.state.catalogue.has(p1Id)) throw notFound(`Product ${params.p1Id} not found`);
		const shopId = query.get('shop_id');
		if (shopId) {
			requireShop(core, shopId);
			if (!core.state.assignments.get(shopId).has(p1Id)) {
				throw notFound(`Product ${p1Id} is not assigned to shop ${shopId}`);
			}
		}
		return productView(core, p1Id, shopId);
	},

	addToInventory(ctx) {
		const { core } = ctx;
		const body = requireBody(ctx.body);
		const p1Id = p1IdOf(body.p1_id);
		if (!p1Id) throw validation('p1_id is required');
		const product = core.state.catalogue.get(p1Id);
		if (!product) throw notFound(`Product ${p1Id} not found in the PharmaOne catalogue`);
		if (core.state.inventory.has(p1Id)) {
			throw conflict('already_in_inventory', `Product ${p1Id} is already in the organization inventory`);
		}
		const initial = body.initial_stock === undefined ? 1 : optionalInt(body.initial_stock, 'initial_stock');
		if (initial < 0) throw validation('initial_stock must be >= 0');
		if (body.price !== undefined && (typeof body.price !== 'number' || body.price < 0)) {
			throw validation('price must be a non-negative number');
		}
		const row = {
			...product,
			price: body.price === undefined ? product.price : body.price,
			stockquantity: initial,
			incoming: 0,
			extra: {},
			log: [],
		};
		core.state.inventory.set(p1Id, row);
		appendLog(core, row, { delta_on_hand: initial, reason: 'Added to inventory' });
		return { status: 'ok', p1_id: p1Id };
	},

	updateProduct(ctx) {
		const { core, params } = ctx;
		const body = requireBody(ctx.body);
		const row = requireInventoryRow(core, params.p1Id);
		if (body.price !== undefined && (typeof body.price !== 'number' || body.price < 0)) {
			throw validation('price must be a non-negative number');
		}
		for (const [key, value] of Object.entries(body)) {
			if (key === 'p1_id' || key === 'stock_quantity' || key === 'stockquantity') continue;
			if (['name', 'slug', 'description', 'category', 'price', 'available'].includes(key)) row[key] = value;
			else row.extra[key] = value;
		}
		return productView(core, row.p1_id, null);
	},

	listInventory(ctx) {
		return { data: [...ctx.core.state.inventory.values()].map(inventoryRow) };
	},

	adjustInventory(ctx) {
		const { core } = ctx;
		const body = requireBody(ctx.body);
		if (!p1IdOf(body.p1_id)) throw validation('p1_id is required');
		if (typeof body.reason !== 'string' || !body.reason.trim()) throw validation('reason is required');
		const deltaOnHand = optionalInt(body.delta_on_hand, 'delta_on_hand');
		const deltaIncoming = optionalInt(body.delta_incoming, 'delta_incoming');
		const row = requireInventoryRow(core, body.p1_id);
		const before = row.stockquantity;
		if (before + deltaOnHand < 0 || row.incoming + deltaIncoming < 0) {
			throw conflict('insufficient_stock', 'Stock cannot go below zero');
		}
		row.stockquantity = before + deltaOnHand;
		row.incoming += deltaIncoming;
		const entry = appendLog(core, row, {
			shop_id: typeof body.shop_id === 'string' ? body.shop_id : null,
			delta_on_hand: deltaOnHand,
			delta_incoming: deltaIncoming,
			reason: body.reason,
			metadata: body.metadata,
		});
		notifyStock(core, row, before);
		if (core.behaviour.adjustAnswer === 'level') return { status: 'ok', id: entry.id, stockquantity: row.stockquantity };
		return { status: 'ok', id: entry.id };
	},

	inventoryLog(ctx) {
		const row = requireInventoryRow(ctx.core, ctx.params.p1Id);
		return { data: row.log.slice(-200).reverse().map(logView) };
	},

	inventoryHistory(ctx) {
		const { core, params, query } = ctx;
		const raw = query.get('days');
		let days = 30;
		if (raw !== null && raw !== '') {
			if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 365) {
				throw validation('days must be an integer between 1 and 365');
			}
			days = Number(raw);
		}
		const row = requireInventoryRow(core, params.p1Id);
		const since = core.clock() - days * DAY_MS;
		const byDay = new Map();
		for (const entry of row.log) {
			if (entry.ms < since) continue;
			const date = entry.created_at.slice(0, 10);
			const day = byDay.get(date) || { date, delta_on_hand: 0, delta_incoming: 0, stock: 0 };
			day.delta_on_hand += entry.delta_on_hand;
			day.delta_incoming += entry.delta_incoming;
			byDay.set(date, day);
		}
		const data = [...byDay.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
		let stock = row.stockquantity;
		for (let i = data.length - 1; i >= 0; i--) {
			data[i].stock = stock;
			stock -= data[i].delta_on_hand;
		}
		return { data };
	},

	attachProduct(ctx) {
		const { core } = ctx;
		const body = requireBody(ctx.body);
		const { shopId, p1Id } = shopAndProduct(body);
		requireShop(core, shopId);
		const row = core.state.inventory.get(p1Id);
		if (!row) throw conflict('not_in_inventory', `Product ${p1Id} must be added to the organization inventory first`);
		if (row.stockquantity <= 0) {
			throw conflict('insufficient_stock', `Product ${p1Id} needs stock > 0 in the organization inventory`);
		}
		const shopProducts = core.state.assignments.get(shopId);
		if (!shopProducts.has(p1Id)) shopProducts.set(p1Id, { overrides: {} });
		return { status: 'ok' };
	},

	detachProduct(ctx) {
		const { core } = ctx;
		const body = requireBody(ctx.body);
		const { shopId, p1Id } = shopAndProduct(body);
		requireShop(core, shopId);
		core.state.assignments.get(shopId).delete(p1Id);
		return { status: 'ok' };
	},

	productOverrides(ctx) {
		const { core } = ctx;
		const body = requireBody(ctx.body);
		const { shopId, p1Id } = shopAndProduct(body);
		requireShop(core, shopId);
		const assignment = core.state.assignments.get(shopId).get(p1Id);
		if (!assignment) throw notFound(`Product ${p1Id} is not assigned to shop ${shopId}`);
		for (const [key, value] of Object.entries(body)) {
			if (key !== 'shop_id' && key !== 'p1_id') assignment.overrides[key] = value;
		}
		return { status: 'ok' };
	},
};

function shopAndProduct(body) {
	if (typeof body.shop_id !== 'string' || !body.shop_id) throw validation('shop_id is required');
	const p1Id = p1IdOf(body.p1_id);
	if (!p1Id) throw validation('p1_id is required');
	return { shopId: body.shop_id, p1Id };
}

function notifyStock(core, row, before) {
	const after = row.stockquantity;
	const meta = { p1_id: row.p1_id, name: row.name, stock_quantity: after, previous_stock_quantity: before };
	if (after === 0 && before > 0) {
		core.emit('out_of_stock', `Product ${row.name} (${row.p1_id}) is out of stock`, meta);
	} else if (after > 0 && after < before && after <= core.lowStockThreshold) {
		core.emit('low_stock', `Product ${row.name} (${row.p1_id}) is low on stock`, {
			...meta,
			threshold: core.lowStockThreshold,
		});
	}
}

module.exports = { handlers, productView };
