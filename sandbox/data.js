'use strict';

// Deterministic seed data for the PharmaOne sandbox: shops, catalogue, inventory with its log, orders and
// prescriptions (the same seed and options give the same data), and the value helpers the handlers share.

const crypto = require('node:crypto');
const { createRandom, formatUuid, seededUuid } = require('./random');
const { OrderStore } = require('./orderStore');

const DEFAULT_ANCHOR = '2026-06-14T12:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;

const ORDER_STATUSES = ['pending', 'awaiting_packing', 'ready_pickup', 'shipped', 'completed', 'cancelled'];
const PRESCRIPTION_STATUSES = ['new', 'pending', 'pending_signature', 'approved', 'declined', 'completed'];
const CATEGORIES = ['Blüten', 'Blüten', 'Blüten', 'Extracts', 'Oils', 'Capsules'];
const NAME_A = ['Amber', 'Blue', 'Cedar', 'Delta', 'Ember', 'Forest', 'Golden', 'Harbor', 'Ivory', 'Jade'];
const NAME_B = ['Haze', 'Kush', 'Dream', 'Breeze', 'Gold', 'Mist', 'Valley', 'Light', 'Leaf', 'Glow'];
const FIRST = ['Max', 'Anna', 'Lena', 'Paul', 'Sofia', 'Jonas', 'Mia', 'Felix', 'Emma', 'Noah', 'Clara', 'Leon'];
const LAST = ['Muster', 'Schmidt', 'Weber', 'Fischer', 'Wagner', 'Becker', 'Hoffmann', 'Klein', 'Wolf', 'Braun'];
const CITIES = [
	['Berlin', '10115'],
	['Hamburg', '20095'],
	['Munich', '80331'],
	['Cologne', '50667'],
	['Leipzig', '04109'],
];
const STREETS = ['Main Street', 'Station Road', 'Park Lane', 'Market Square', 'Garden Way'];
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** ISO-8601 UTC with six fractional digits, like the live API (2026-06-14T10:05:55.806759Z). */
function isoMicros(ms, micros = 0) {
	const base = new Date(Math.floor(ms)).toISOString().slice(0, -1);
	return `${base}${String(micros % 1000).padStart(3, '0')}Z`;
}

function round2(value) {
	return Math.round(value * 100) / 100;
}

function slugify(text) {
	return String(text)
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}

function buildCatalogue(rnd, count) {
	const catalogue = new Map();
	for (let i = 0; i < count; i++) {
		const p1Id = String(12345 + i * 7);
		const name = i === 0 ? 'Example Strain' : `${NAME_A[i % NAME_A.length]} ${NAME_B[(i * 3 + 1) % NAME_B.length]} ${i}`;
		catalogue.set(p1Id, {
			p1_id: p1Id,
			name,
			slug: slugify(name),
			category: i === 0 ? 'Blüten' : rnd.pick(CATEGORIES),
			price: i === 0 ? 8.99 : round2(rnd.int(399, 1599) / 100),
			description: `Catalogue product ${name}`,
			available: true,
		});
	}
	return catalogue;
}

function buildInventory(rnd, catalogue, anchorMs) {
	const inventory = new Map();
	let index = 0;
	for (const product of catalogue.values()) {
		index++;
		// Every fourth catalogue product stays outside the org inventory (add-to-inventory works on it).
		if (index % 4 === 0) continue;
		let stock = index === 1 ? 50 : rnd.int(0, 120);
		if (index % 9 === 0) stock = 0;
		if (index % 11 === 0) stock = 3;
		const row = {
			p1_id: product.p1_id,
			name: product.name,
			slug: product.slug,
			category: product.category,
			price: product.price,
			description: product.description,
			available: true,
			stockquantity: stock,
			incoming: rnd.int(0, 3) === 0 ? rnd.int(5, 40) : 0,
			extra: {},
			log: [],
		};
		const entries = rnd.int(1, 5);
		let running = stock;
		const times = [];
		for (let j = 0; j < entries; j++) times.push(anchorMs - rnd.int(60000, 60 * DAY_MS));
		times.sort((a, b) => b - a);
		const newestFirst = [];
		for (let j = 0; j < entries; j++) {
			const isLast = j === entries - 1;
			const delta = isLast ? running : rnd.int(-10, 20);
			if (!isLast && running - delta < 0) continue;
			running -= delta;
			newestFirst.push({
				id: seededUuid(rnd),
				p1_id: product.p1_id,
				shop_id: null,
				delta_on_hand: delta,
				delta_incoming: 0,
				reason: isLast ? 'Initial stock' : delta < 0 ? 'POS sale' : 'Delivery received',
				metadata: null,
				created_at: isoMicros(times[j], rnd.int(0, 999)),
				ms: times[j],
			});
		}
		row.log = newestFirst.reverse();
		// Incoming stock comes from a logged purchase order: the log explains both levels, as adjustments keep it.
		if (row.incoming > 0) {
			const ms = row.log[row.log.length - 1].ms + 1000;
			row.log.push({
				id: formatUuid(crypto.createHash('sha1').update(`incoming-${product.p1_id}`).digest('hex').slice(0, 32).split('')),
				p1_id: product.p1_id,
				shop_id: null,
				delta_on_hand: 0,
				delta_incoming: row.incoming,
				reason: 'Purchase order placed',
				metadata: null,
				created_at: isoMicros(ms, 0),
				ms,
			});
		}
		inventory.set(product.p1_id, row);
	}
	return inventory;
}

function orderIdFor(ms, rnd) {
	const day = new Date(ms).toISOString().slice(0, 10).replace(/-/g, '');
	return `ORD_${day}_${rnd.chars(ALNUM, 10)}`;
}

function buildOrder(rnd, catalogueList, shopIds, anchorMs, n) {
	const createdMs = anchorMs - 3 * DAY_MS - rnd.int(0, 177 * DAY_MS);
	const updatedMs = createdMs + rnd.int(0, 3 * DAY_MS);
	const status = rnd.pick(ORDER_STATUSES);
	const first = rnd.pick(FIRST);
	const last = rnd.pick(LAST);
	const [city, postal] = rnd.pick(CITIES);
	const items = [];
	const lines = rnd.int(1, 4);
	for (let i = 0; i < lines; i++) {
		const product = rnd.pick(catalogueList);
		items.push({ p1_id: product.p1_id, name: product.name, quantity: rnd.int(1, 10), price: product.price });
	}
	const total = round2(items.reduce((sum, item) => sum + item.quantity * item.price, 0));
	const paid = status === 'completed' || status === 'shipped' || (status !== 'pending' && rnd.next() < 0.6);
	const delivery = rnd.next() < 0.5;
	return {
		id: orderIdFor(createdMs, rnd),
		external_id: `WEB-${100000 + n}`,
		status,
		shop_id: rnd.next() < 0.7 ? shopIds[0] : shopIds[1],
		customer_name: `${first} ${last}`,
		customer_email: `${first}.${last}${n}@example.com`.toLowerCase(),
		total_amount: total,
		payment_status: paid ? 'paid' : 'pending',
		payment_reference: paid ? `PAY-${rnd.chars(UPPER, 8)}` : null,
		shipped: delivery && (status === 'shipped' || status === 'completed'),
		picked_up: !delivery && status === 'completed',
		cash_on_pickup: !delivery && !paid && rnd.next() < 0.5,
		shipping_address: {
			street: `${rnd.pick(STREETS)} ${rnd.int(1, 120)}`,
			city,
			postal_code: postal,
			phone: `+49 30 ${rnd.int(1000000, 9999999)}`,
		},
		items,
		created_at: isoMicros(createdMs, rnd.int(0, 999)),
		updated_at: isoMicros(updatedMs, rnd.int(0, 999)),
	};
}

function buildPrescriptions(rnd, orgId, orders, shopIds, anchorMs, count) {
	const map = new Map();
	const orderList = [...orders.byId.values()];
	for (let i = 0; i < count; i++) {
		const order = orderList.length && rnd.next() < 0.5 ? rnd.pick(orderList) : null;
		const ms = anchorMs - rnd.int(0, 90 * DAY_MS);
		let id = `${orgId}-pq-${rnd.chars(UPPER, 6)}`;
		while (map.has(id)) id = `${orgId}-pq-${rnd.chars(UPPER, 6)}`;
		map.set(id, {
			id,
			status: PRESCRIPTION_STATUSES[i % PRESCRIPTION_STATUSES.length],
			shop_id: order ? order.shop_id : rnd.pick(shopIds),
			order_id: order ? order.id : null,
			customer_email: order ? order.customer_email : `patient${i}@example.com`,
			created_at: isoMicros(ms, rnd.int(0, 999)),
		});
	}
	return map;
}

/** Builds the whole in-memory state. Same seed and options give the same data. */
function seedState(options) {
	const rnd = createRandom(options.seed);
	const anchorMs = Date.parse(options.now || DEFAULT_ANCHOR);
	const shops = [
		{ shop_id: 'shop1', name: 'Demo Shop', is_active: true },
		{ shop_id: 'shop2', name: 'Second Shop', is_active: true },
		{ shop_id: 'shop3', name: 'Closed Shop', is_active: false },
	];
	const catalogue = buildCatalogue(rnd, options.productCount || 40);
	const inventory = buildInventory(rnd, catalogue, anchorMs);
	const assignments = new Map(shops.map((s) => [s.shop_id, new Map()]));
	let index = 0;
	for (const row of inventory.values()) {
		index++;
		if (row.stockquantity <= 0) continue;
		if (index % 3 !== 2) assignments.get('shop1').set(row.p1_id, { overrides: {} });
		if (index % 2 === 0) assignments.get('shop2').set(row.p1_id, { overrides: {} });
	}
	const orders = new OrderStore();
	const catalogueList = [...catalogue.values()];
	const activeShops = ['shop1', 'shop2'];
	const count = options.orderCount == null ? 60 : options.orderCount;
	for (let n = 0; n < count; n++) {
		const order = buildOrder(rnd, catalogueList, activeShops, anchorMs, n);
		while (orders.byId.has(order.id)) order.id = orderIdFor(Date.parse(order.created_at), rnd);
		orders.put(order);
	}
	const prescriptions = buildPrescriptions(rnd, options.orgId, orders, activeShops, anchorMs, options.prescriptionCount || 40);
	return {
		orgId: options.orgId,
		anchor: new Date(anchorMs).toISOString(),
		shops,
		catalogue,
		inventory,
		assignments,
		orders,
		prescriptions,
		orderRequests: new Map(),
		subscriptions: [],
	};
}

module.exports = {
	DAY_MS,
	ORDER_STATUSES,
	PRESCRIPTION_STATUSES,
	isoMicros,
	round2,
	seedState,
	slugify,
};
