'use strict';

// Read-only reports computed from the in-memory orders and prescriptions.
// The real response shapes are undocumented; these are plausible, stable shapes (inferred).

const { DAY_MS, round2 } = require('./data');
const { validation, dateParam, monthParam } = require('./util');

const FEE_RATE = 0.05;
const GRAMS_PER_UNIT = 1;

const day = (ms) => new Date(ms).toISOString().slice(0, 10);

function inRange(iso, from, to) {
	const d = iso.slice(0, 10);
	return (!from || d >= from) && (!to || d <= to);
}

function checkOrder(from, to, a, b) {
	if (from && to && from > to) throw validation(`${a} must not be after ${b}`);
}

function ordersBetween(core, from, to) {
	const rows = [];
	for (const order of core.state.orders.byId.values()) if (inRange(order.created_at, from, to)) rows.push(order);
	return rows;
}

function productTotals(orders, skipCancelled) {
	const totals = new Map();
	for (const order of orders) {
		if (skipCancelled && order.status === 'cancelled') continue;
		for (const item of order.items || []) {
			const key = item.p1_id || item.name || 'unknown';
			const t = totals.get(key) || { p1_id: item.p1_id, name: item.name, units: 0, revenue: 0, byStatus: {} };
			const revenue = item.quantity * item.price;
			t.units += item.quantity;
			t.revenue += revenue;
			const s = t.byStatus[order.status] || { units: 0, revenue: 0 };
			s.units += item.quantity;
			s.revenue += revenue;
			t.byStatus[order.status] = s;
			totals.set(key, t);
		}
	}
	return totals;
}

const handlers = {
	stats(ctx) {
		const { core, query } = ctx;
		const from = dateParam(query, 'from');
		const to = dateParam(query, 'to');
		checkOrder(from, to, 'from', 'to');
		const orders = ordersBetween(core, from, to);
		const byStatus = {};
		let revenue = 0;
		const customers = new Map();
		for (const o of orders) {
			byStatus[o.status] = (byStatus[o.status] || 0) + 1;
			if (o.status === 'cancelled') continue;
			revenue += o.total_amount || 0;
			const key = o.customer_email || o.customer_name || 'unknown';
			const c = customers.get(key) || { customer_email: o.customer_email, customer_name: o.customer_name, orders: 0, revenue: 0 };
			c.orders++;
			c.revenue += o.total_amount || 0;
			customers.set(key, c);
		}
		const prescriptions = { total: 0 };
		for (const p of core.state.prescriptions.values()) {
			if (!inRange(p.created_at, from, to)) continue;
			prescriptions.total++;
			prescriptions[p.status] = (prescriptions[p.status] || 0) + 1;
		}
		const counted = orders.length - (byStatus.cancelled || 0);
		const result = {
			from,
			to,
			prescriptions,
			orders: {
				count: orders.length,
				revenue: round2(revenue),
				average_order_value: counted ? round2(revenue / counted) : 0,
				by_status: byStatus,
			},
		};
		if (from || to) {
			result.customers = {
				top: [...customers.values()]
					.sort((a, b) => b.revenue - a.revenue)
					.slice(0, 10)
					.map((c) => ({ ...c, revenue: round2(c.revenue) })),
			};
		}
		return result;
	},

	productPerformance(ctx) {
		const { core, query } = ctx;
		let from = dateParam(query, 'from');
		let to = dateParam(query, 'to');
		checkOrder(from, to, 'from', 'to');
		const now = core.clock();
		if (!to) to = day(now);
		if (!from) from = day(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS);
		const span = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) + DAY_MS;
		const prevTo = day(Date.parse(`${from}T00:00:00Z`) - DAY_MS);
		const prevFrom = day(Date.parse(`${from}T00:00:00Z`) - span);
		const current = productTotals(ordersBetween(core, from, to), true);
		const previous = productTotals(ordersBetween(core, prevFrom, prevTo), true);
		const keys = new Set([...current.keys(), ...previous.keys()]);
		const data = [...keys].map((key) => {
			const c = current.get(key) || { units: 0, revenue: 0 };
			const p = previous.get(key) || { units: 0, revenue: 0 };
			const ref = current.get(key) || previous.get(key);
			return {
				p1_id: ref.p1_id,
				name: ref.name,
				revenue: round2(c.revenue),
				units: c.units,
				previous_revenue: round2(p.revenue),
				previous_units: p.units,
				revenue_change_pct: p.revenue ? round2(((c.revenue - p.revenue) / p.revenue) * 100) : null,
			};
		});
		data.sort((a, b) => b.revenue - a.revenue);
		return { period: { from, to }, previous_period: { from: prevFrom, to: prevTo }, data };
	},

	productSales(ctx) {
		const { core, query } = ctx;
		let from = dateParam(query, 'from_date');
		let to = dateParam(query, 'to_date');
		checkOrder(from, to, 'from_date', 'to_date');
		const today = day(core.clock());
		if (!from) from = `${(to || today).slice(0, 7)}-01`;
		if (!to) to = today;
		const totals = productTotals(ordersBetween(core, from, to), false);
		const data = [...totals.values()].map((t) => ({
			p1_id: t.p1_id,
			name: t.name,
			volume_gr: round2(t.units * GRAMS_PER_UNIT),
			gross_revenue: round2(t.revenue),
			by_status: Object.fromEntries(
				Object.entries(t.byStatus).map(([status, s]) => [
					status,
					{ volume_gr: round2(s.units * GRAMS_PER_UNIT), gross_revenue: round2(s.revenue) },
				]),
			),
		}));
		data.sort((a, b) => b.gross_revenue - a.gross_revenue);
		return { from_date: from, to_date: to, unit: 'gr', data };
	},

	pharmaone(ctx) {
		const { core, query } = ctx;
		const month = monthParam(query, 'month');
		let monthFrom = monthParam(query, 'month_from');
		let monthTo = monthParam(query, 'month_to');
		if (month && (monthFrom || monthTo)) throw validation('Use either month or month_from + month_to');
		if ((monthFrom && !monthTo) || (!monthFrom && monthTo)) {
			throw validation('month_from and month_to must be given together');
		}
		checkOrder(monthFrom, monthTo, 'month_from', 'month_to');
		if (month) {
			monthFrom = month;
			monthTo = month;
		}
		if (!monthFrom) {
			const now = new Date(core.clock());
			monthTo = now.toISOString().slice(0, 7);
			monthFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 23, 1)).toISOString().slice(0, 7);
		}
		const months = new Map();
		for (let d = new Date(`${monthFrom}-01T00:00:00Z`); day(d.getTime()).slice(0, 7) <= monthTo; ) {
			const key = day(d.getTime()).slice(0, 7);
			months.set(key, { month: key, orders: 0, gross_revenue: 0 });
			d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
		}
		for (const o of core.state.orders.byId.values()) {
			const m = months.get(o.created_at.slice(0, 7));
			if (!m || o.status === 'cancelled') continue;
			m.orders++;
			m.gross_revenue += o.total_amount || 0;
		}
		const data = [...months.values()].map((m) => ({
			month: m.month,
			orders: m.orders,
			gross_revenue: round2(m.gross_revenue),
			fee_rate: FEE_RATE,
			service_fee: round2(m.gross_revenue * FEE_RATE),
		}));
		return { org_id: core.state.orgId, month_from: monthFrom, month_to: monthTo, data };
	},
};

module.exports = { handlers };
