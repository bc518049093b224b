'use strict';

// Prescriptions: list, get and ingest (an upsert by id).

const { newestFirst } = require('./orderStore');
const { runtimeIds } = require('./random');
const { notFound, requireBody, intParam, requireOrgShop } = require('./util');

const handlers = {
	listPrescriptions(ctx) {
		const { core, query } = ctx;
		const limit = intParam(query, 'limit', { def: 50, min: 1, max: 100 });
		const offset = core.faults.ignorePaging ? 0 : intParam(query, 'offset', { def: 0, min: 0 });
		const status = query.get('status');
		const rows = [...core.state.prescriptions.values()]
			.filter((p) => !status || p.status === status)
			.sort(newestFirst(core.behaviour.listOrder));
		return { data: rows.slice(offset, offset + limit).map(prescriptionView), pagination: { limit, offset } };
	},

	getPrescription(ctx) {
		const item = ctx.core.state.prescriptions.get(ctx.params.id);
		if (!item) throw notFound(`Prescription ${ctx.params.id} not found`);
		return prescriptionView(item);
	},

	ingestPrescription(ctx) {
		const { core } = ctx;
		const body = requireBody(ctx.body);
		const shopId = body.shop_id ?? body['Shop ID'] ?? body.ShopId;
		requireOrgShop(core, shopId, 'shop_id');
		const givenId = body.id ?? body.ID ?? body.Id;
		let item = givenId ? core.state.prescriptions.get(String(givenId)) : undefined;
		if (!item) {
			let id;
			do id = `${core.state.orgId}-pq-${runtimeIds.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 6)}`;
			while (core.state.prescriptions.has(id));
			item = { id, status: 'new', shop_id: shopId, order_id: null, customer_email: null, created_at: core.now(), extra: {} };
			core.state.prescriptions.set(id, item);
		}
		// Kept for the "updated" list order only: the documented prescription has no updated_at, so it is not shown.
		item.updated_at = core.now();
		item.shop_id = shopId;
		const email = body.customer_email ?? body['Customer Email'];
		if (typeof email === 'string') item.customer_email = email;
		if (typeof body.order_id === 'string') item.order_id = body.order_id;
		item.extra = { ...(item.extra || {}), ...body };
		return { id: item.id, upsert: 'ok' };
	},
};

function prescriptionView(p) {
	return {
		id: p.id,
		status: p.status,
		shop_id: p.shop_id,
		order_id: p.order_id,
		customer_email: p.customer_email,
		created_at: p.created_at,
	};
}

module.exports = { handlers };
