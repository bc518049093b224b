'use strict';

// Orders: list, get, upsert, update and status changes, with the webhook events each change emits.

const { round2 } = require('./data');
const { runtimeIds } = require('./random');
const { validation, notFound, isObject, requireBody, p1IdOf, intParam, requireOrgShop } = require('./util');

const ORDER_FIELDS_SKIPPED = new Set(['id', 'created_at', 'updated_at', 'items', 'shop_id', 'external_id']);

function summary(order) {
	return {
		id: order.id,
		external_id: order.external_id,
		status: order.status,
		shop_id: order.shop_id,
		customer_name: order.customer_name,
		total_amount: order.total_amount,
		payment_status: order.payment_status,
		created_at: order.created_at,
		updated_at: order.updated_at,
	};
}

function requireOrder(core, id) {
	const order = core.state.orders.get(id);
	if (!order) throw notFound(`Order ${id} not found`);
	return order;
}

function newOrderId(core) {
	const day = core.now().slice(0, 10).replace(/-/g, '');
	let id;
	do id = `ORD_${day}_${runtimeIds.chars('abcdefghijklmnopqrstuvwxyz0123456789', 10)}`;
	while (core.state.orders.get(id));
	return id;
}

/** Upsert items use `qty`; `quantity` is accepted too so PUT can take either. */
function normaliseItems(items) {
	if (!Array.isArray(items)) throw validation('items must be an array');
	return items.map((item, index) => {
		if (!isObject(item)) throw validation(`items[${index}] must be an object`);
		const quantity = item.qty ?? item.quantity ?? 1;
		if (typeof quantity !== 'number' || quantity <= 0) throw validation(`items[${index}].qty must be a number > 0`);
		const { qty: _qty, quantity: _quantity, ...rest } = item;
		return {
			...rest,
			p1_id: p1IdOf(item.p1_id),
			name: item.name ?? null,
			quantity,
			price: typeof item.price === 'number' ? item.price : 0,
		};
	});
}

/** Applies body fields to an order; returns the list of changes relevant for webhooks. */
function applyOrderFields(order, body) {
	const oldStatus = order.status;
	const oldPayment = order.payment_status;
	for (const [key, value] of Object.entries(body)) {
		if (ORDER_FIELDS_SKIPPED.has(key)) continue;
		if (key.startsWith('address_') && typeof value !== 'object') {
			order.shipping_address = { ...order.shipping_address, [key.slice('address_'.length)]: value };
		} else if (key === 'shipping_address' && isObject(value)) {
			order.shipping_address = { ...order.shipping_address, ...value };
		} else {
			order[key] = value;
		}
	}
	if (body.items !== undefined) {
		order.items = normaliseItems(body.items);
		if (body.total_amount === undefined) {
			order.total_amount = round2(order.items.reduce((sum, i) => sum + i.quantity * i.price, 0));
		}
	}
	return {
		statusChanged: order.status !== oldStatus,
		oldStatus,
		markedPaid: order.payment_status === 'paid' && oldPayment !== 'paid',
	};
}

function emitStatusEvents(core, order, change, via) {
	if (change.statusChanged || change.forceStatusEvent) {
		core.emit('order_status_updated', `Order ${order.id} updated via ${via}`, {
			order_id: order.id,
			old_status: change.oldStatus,
			new_status: order.status,
		});
	}
	if (change.markedPaid) {
		core.emit('order_marked_paid', `Order ${order.id} marked as paid`, {
			order_id: order.id,
			payment_status: order.payment_status,
		});
	}
}

/** Shared by PATCH /orders/{id}/status, the admin API and sandbox.changeOrderStatus(). */
function changeStatus(core, orderId, body, via) {
	const order = requireOrder(core, orderId);
	if (typeof body.status !== 'string' || !body.status.trim()) throw validation('status is required');
	for (const flag of ['shipped', 'picked_up', 'cash_on_pickup']) {
		if (body[flag] !== undefined && typeof body[flag] !== 'boolean') throw validation(`${flag} must be a boolean`);
	}
	if (body.payment_status !== undefined && typeof body.payment_status !== 'string') {
		throw validation('payment_status must be a string');
	}
	const change = applyOrderFields(order, body);
	order.updated_at = core.now();
	core.state.orders.touch();
	emitStatusEvents(core, order, { ...change, forceStatusEvent: true }, via);
	return { id: order.id, status: order.status, old_status: change.oldStatus };
}

const handlers = {
	listOrders(ctx) {
		const { core, query } = ctx;
		const limit = intParam(query, 'limit', { def: 50, min: 1, max: 200 });
		const offset = core.faults.ignorePaging ? 0 : intParam(query, 'offset', { def: 0, min: 0 });
		const filter = { status: query.get('status'), shop_id: query.get('shop_id') };
		const rows = core.state.orders.list(filter, core.behaviour.listOrder);
		return { data: rows.slice(offset, offset + limit).map(summary), pagination: { limit, offset, total: rows.length } };
	},

	getOrder(ctx) {
		return requireOrder(ctx.core, ctx.params.orderId);
	},

	upsertOrder(ctx) {
		const { core } = ctx;
		const body = requireBody(ctx.body);
		requireOrgShop(core, body.shop_id, 'shop_id');
		if (body.external_id === undefined || body.external_id === null || body.external_id === '') {
			throw validation('external_id is required');
		}
		const externalId = String(body.external_id);
		const existing = core.state.orders.findByExternal(body.shop_id, externalId);
		if (existing) {
			const change = applyOrderFields(existing, body);
			existing.updated_at = core.now();
			core.state.orders.touch();
			core.emit('order_updated', `Order ${existing.id} updated via external API`, {
				order_id: existing.id,
				external_id: externalId,
				shop_id: existing.shop_id,
			});
			emitStatusEvents(core, existing, change, 'external API');
			return { id: existing.id, external_id: externalId, shop_id: existing.shop_id, status: existing.status, created: false };
		}
		const now = core.now();
		const order = {
			id: newOrderId(core),
			external_id: externalId,
			status: 'pending',
			shop_id: body.shop_id,
			customer_name: null,
			customer_email: null,
			total_amount: 0,
			payment_status: 'pending',
			payment_reference: null,
			shipped: false,
			picked_up: false,
			cash_on_pickup: false,
			shipping_address: { street: null, city: null, postal_code: null, phone: null },
			items: [],
			created_at: typeof body.order_datetime === 'string' && core.behaviour.upsertCreatedAt === 'order_datetime' ? body.order_datetime : now,
			updated_at: now,
		};
		applyOrderFields(order, body);
		core.state.orders.put(order);
		core.emit('order_created', `Order ${order.id} created via external API`, {
			order_id: order.id,
			external_id: externalId,
			shop_id: order.shop_id,
		});
		return { id: order.id, external_id: externalId, shop_id: order.shop_id, status: order.status, created: true };
	},

	updateOrder(ctx) {
		const { core, params } = ctx;
		const body = requireBody(ctx.body);
		const order = requireOrder(core, params.orderId);
		if (body.shop_id !== undefined && body.shop_id !== order.shop_id) requireOrgShop(core, body.shop_id, 'shop_id');
		if (body.shop_id !== undefined || body.external_id !== undefined) {
			core.state.orders.byExternal.delete(`${order.shop_id}\u0000${order.external_id}`);
			if (body.shop_id !== undefined) order.shop_id = body.shop_id;
			if (body.external_id !== undefined) order.external_id = String(body.external_id);
			core.state.orders.put(order);
		}
		const change = applyOrderFields(order, body);
		order.updated_at = core.now();
		core.state.orders.touch();
		core.emit('order_updated', `Order ${order.id} updated via external API`, {
			order_id: order.id,
			external_id: order.external_id,
			shop_id: order.shop_id,
		});
		emitStatusEvents(core, order, change, 'external API');
		return order;
	},

	patchOrderStatus(ctx) {
		return changeStatus(ctx.core, ctx.params.orderId, requireBody(ctx.body), 'external API');
	},
};

module.exports = { handlers, changeStatus, summary };
