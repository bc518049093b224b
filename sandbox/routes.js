'use strict';

// Route table of the emulated PharmaOne API (the documented routes, listed in test/fixtures/routes.tsv) and a small matcher.

const catalog = require('./catalog').handlers;
const orders = require('./orders').handlers;
const orderRequests = require('./orderRequests').handlers;
const prescriptions = require('./prescriptions').handlers;
const reports = require('./reports').handlers;

const V2 = '/api/v2/public/orgs/{orgId}';

const ALL_SCOPES = [
	'orders.read',
	'orders.write',
	'order_requests.write',
	'prescriptions.read',
	'prescriptions.write',
	'products.read',
	'products.write',
	'inventory.read',
	'inventory.write',
	'reports.read',
];

// [method, path relative to V2 (or absolute when it starts with /api/v1), auth, scope, handler]
const MANAGER_TABLE = [
	['POST', '/auth/token', 'token', null, null],
	['GET', '/shops', 'jwt', 'products.read', catalog.listShops],
	['GET', '/products', 'jwt', 'products.read', catalog.listProducts],
	['POST', '/products/add-to-inventory', 'jwt', 'products.write', catalog.addToInventory],
	['GET', '/products/{p1Id}', 'jwt', 'products.read', catalog.getProduct],
	['PUT', '/products/{p1Id}', 'jwt', 'products.write', catalog.updateProduct],
	['GET', '/inventory', 'jwt', 'inventory.read', catalog.listInventory],
	['POST', '/inventory/adjust', 'jwt', 'inventory.write', catalog.adjustInventory],
	['GET', '/inventory/{p1Id}/log', 'jwt', 'inventory.read', catalog.inventoryLog],
	['GET', '/inventory/{p1Id}/history', 'jwt', 'inventory.read', catalog.inventoryHistory],
	['POST', '/shops/attach-product', 'jwt', 'products.write', catalog.attachProduct],
	['POST', '/shops/detach-product', 'jwt', 'products.write', catalog.detachProduct],
	['POST', '/shops/product-overrides', 'jwt', 'products.write', catalog.productOverrides],
	['GET', '/reports/stats', 'jwt', 'reports.read', reports.stats],
	['GET', '/reports/product-performance', 'jwt', 'reports.read', reports.productPerformance],
	['GET', '/reports/product-sales', 'jwt', 'reports.read', reports.productSales],
	['GET', '/reports/pharmaone', 'jwt', 'reports.read', reports.pharmaone],
	['GET', '/orders', 'jwt', 'orders.read', orders.listOrders],
	['GET', '/orders/{orderId}', 'jwt', 'orders.read', orders.getOrder],
	['POST', '/orders', 'jwt', 'orders.write', orders.upsertOrder],
	['PUT', '/orders/{orderId}', 'jwt', 'orders.write', orders.updateOrder],
	['PATCH', '/orders/{orderId}/status', 'jwt', 'orders.write', orders.patchOrderStatus],
	['POST', '/order-requests', 'jwt', 'order_requests.write', orderRequests.createOrderRequest],
	['GET', '/prescriptions', 'jwt', 'prescriptions.read', prescriptions.listPrescriptions],
	['GET', '/prescriptions/{id}', 'jwt', 'prescriptions.read', prescriptions.getPrescription],
	['POST', '/prescriptions', 'jwt', 'prescriptions.write', prescriptions.ingestPrescription],
	['POST', '/api/v1/public/orgs/{orgId}/order-requests', 'apikey', null, orderRequests.createOrderRequest],
];

const SHOP_TABLE = [['POST', '/api/v1/external-order', 'connector', null, orderRequests.connectorOrder]];

function compile(table, prefix) {
	return table.map(([method, path, auth, scope, handler]) => {
		const absolute = path.startsWith('/api/') ? path : `${prefix}${path}`;
		let key = `${method} ${path}`;
		if (path.startsWith('/api/v1/public')) key = `${method} /v1/order-requests`;
		else if (path.startsWith('/api/v1/external-order')) key = `${method} /external-order`;
		return { method, key, auth, scope, handler, segments: absolute.split('/').slice(1) };
	});
}

const MANAGER_ROUTES = compile(MANAGER_TABLE, V2);
const SHOP_ROUTES = compile(SHOP_TABLE, '');

/** Returns { route, params } or { pathMatched: boolean } when nothing matches. */
function match(routes, method, pathname) {
	const parts = pathname.replace(/\/+$/, '').split('/').slice(1);
	let pathMatched = false;
	for (const route of routes) {
		if (route.segments.length !== parts.length) continue;
		const params = {};
		let ok = true;
		for (let i = 0; i < parts.length && ok; i++) {
			const seg = route.segments[i];
			if (seg.startsWith('{')) {
				if (!parts[i]) ok = false;
				else params[seg.slice(1, -1)] = safeDecode(parts[i]);
			} else if (seg !== parts[i]) ok = false;
		}
		if (!ok) continue;
		if (route.method === method) return { route, params };
		pathMatched = true;
	}
	return { route: null, pathMatched };
}

function safeDecode(segment) {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

module.exports = { ALL_SCOPES, MANAGER_ROUTES, SHOP_ROUTES, match };
