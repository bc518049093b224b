import type { ModelArgument } from '../helpers/toolMode';

/**
 * What an AI model reads about each operation when the node is PharmaOne Tool: the tool description
 * (what it does, what it needs, what it returns) and the parameters it fills with `$fromAI()` by default.
 * Formats and values come from the PharmaOne API reference; statuses are open lists, so other values pass.
 */
export interface ToolSpec {
	description: string;
	args?: readonly ModelArgument[];
}

const ORDER_STATUSES = 'pending, awaiting_packing, ready_pickup';
const PRESCRIPTION_STATUSES = 'new, pending, pending_signature, signed, approved, declined, completed';
const PRIVATE = 'Customer names, contact details, addresses and payment references are left out unless the workflow allows them.';

/** A parameter the model fills: the node parameter, its key in the tool schema, what the model reads, its type. */
const arg = (parameter: string, key: string, description: string, type?: ModelArgument['type']): ModelArgument => ({
	parameter,
	key,
	description,
	...(type ? { type } : {}),
});

const orderId = arg(
	'orderId',
	'orderId',
	'PharmaOne order ID: ORD_, the order date as YYYYMMDD, _ and lowercase letters or digits, e.g. ORD_20260614_8v039dhnrv. Not the shop or POS order number.',
);
const productId = arg(
	'productId',
	'p1Id',
	"PharmaOne product ID, the P1 ID: a whole number written as text, e.g. 12345. A shop's own product number is not a P1 ID.",
);
const shopId = arg('shopId', 'shopId', 'PharmaOne shop ID: text without spaces, e.g. shop1.');
const prescriptionId = arg('prescriptionId', 'prescriptionId', 'PharmaOne prescription ID, e.g. org1-pq-CQ3TLK.');
const reason = arg('reason', 'reason', 'Why the stock changes, kept in the inventory log, e.g. Delivery 2026-06-14 or Stock count.');

const dateRange: readonly ModelArgument[] = [
	arg('fromDate', 'fromDate', 'First day of the period, YYYY-MM-DD, e.g. 2026-06-01. Empty for no start.'),
	arg('toDate', 'toDate', 'Last day of the period, YYYY-MM-DD, e.g. 2026-06-30. Empty for no end.'),
];

const CONFIGURED = 'Its other inputs are set in the workflow, not by the model.';
const NOTHING = 'Needs no input from the model: everything is set in the workflow.';

/** Every operation of every resource: a test checks none is missing and each reads well to a model. */
export const TOOLS: Record<string, Record<string, ToolSpec>> = {
	inventory: {
		getAll: {
			description: `List the pharmacy organization's stock: one row per product with its P1 ID (p1_id), name, stock on hand (stockquantity), price and last activity. Needs nothing. Returns up to the configured number of rows.`,
		},
		adjust: {
			description: `Change the stock of one product by a signed amount, e.g. -1 for a sale or 10 for a delivery, with a reason kept in the inventory log. Needs the P1 ID, the change and the reason. Returns the new stock levels. Not idempotent: call it once per real stock movement; it is never retried.`,
			args: [
				productId,
				arg('deltaOnHand', 'deltaOnHand', 'Change of the stock on hand: a negative number removes stock, a positive one adds it, e.g. -2.', 'number'),
				reason,
			],
		},
		getLog: {
			description: `Get the latest stock changes of one product in the organization inventory: each with its deltas, reason, shop and time. Needs the P1 ID. Returns up to the configured number of log entries.`,
			args: [productId],
		},
		getHistory: {
			description: `Get the daily stock changes of one product over the last days. Needs the P1 ID and the number of days. Returns one entry per day.`,
			args: [productId, arg('days', 'days', 'How many days back, a whole number from 1 to 365, e.g. 30.', 'number')],
		},
		setStockLevel: {
			description: `Make the stock on hand of one product equal a counted quantity: reads the current level and sends one adjustment with the difference, or nothing when it already matches. Needs the P1 ID, the counted quantity and a reason. Returns the levels before and after.`,
			args: [
				productId,
				arg('onHand', 'onHand', 'The counted stock on hand, a whole number of 0 or more, e.g. 12.', 'number'),
				reason,
			],
		},
	},
	order: {
		get: {
			description: `Get one pharmacy order by its order ID: status (${ORDER_STATUSES} or other values), shop, line items with P1 IDs and quantities, totals, payment status and the shipped, picked_up and cash_on_pickup flags. Needs the order ID. Returns one order. ${PRIVATE}`,
			args: [orderId],
		},
		getAll: {
			description: `List the newest pharmacy orders: ID, external ID, status (${ORDER_STATUSES} or other values), shop, total, payment status and times. Needs nothing; status and shop filters are set in the workflow. Returns up to the configured number of orders. ${PRIVATE}`,
		},
		upsert: {
			description: `Create an order, or update the one with the same external ID in the same shop. Needs the shop and the external ID. Returns the order as PharmaOne answers. ${CONFIGURED}`,
		},
		update: {
			description: `Change fields of an existing order; only the fields set are sent. Needs the order ID. Returns the order as PharmaOne answers. ${CONFIGURED}`,
			args: [orderId],
		},
		updateStatus: {
			description: `Set the status of one order, e.g. to ready_pickup when it is ready for collection; PharmaOne then notifies the systems subscribed to order status changes. Needs the order ID and the new status. Returns the status change result.`,
			args: [
				orderId,
				arg('status', 'status', `New order status. Documented values: ${ORDER_STATUSES}. Lowercase with underscores.`),
			],
		},
	},
	orderRequest: {
		create: {
			description: `Submit an order request that pharmacy staff review before it becomes an order. ${NOTHING} Returns the request ID and status pending. Not idempotent: call it once per order.`,
		},
	},
	prescription: {
		get: {
			description: `Get one prescription by its ID: status (${PRESCRIPTION_STATUSES}), shop, linked order ID and creation time. Needs the prescription ID. Returns one prescription. ${PRIVATE}`,
			args: [prescriptionId],
		},
		getAll: {
			description: `List prescriptions of the organization: ID, status (${PRESCRIPTION_STATUSES}), shop, linked order ID and creation time. Needs nothing; a status filter is set in the workflow. Returns up to the configured number. ${PRIVATE}`,
		},
		create: {
			description: `Send a prescription with its customer data and questionnaire answers for a shop to PharmaOne. ${NOTHING} Returns the prescription ID. Not idempotent: call it once per prescription.`,
		},
	},
	product: {
		addToInventory: {
			description: `Add a product of the PharmaOne catalogue to the organization inventory with a starting stock. Needs the P1 ID and the starting stock. Returns PharmaOne's answer. Not idempotent: call it once per product.`,
			args: [productId, arg('initialStock', 'initialStock', 'Starting stock on hand, a whole number of 1 or more, e.g. 5.', 'number')],
		},
		get: {
			description: `Get one product as a shop sells it: name, category, price and stock. Needs the shop ID and the P1 ID. Returns one product.`,
			args: [shopId, productId],
		},
		getAll: {
			description: `List the products of one shop's catalogue with name, P1 ID, price and stock. Needs the shop ID. Returns up to the configured number of products.`,
			args: [shopId],
		},
		update: {
			description: `Change fields of a product in the organization inventory; only the fields set are sent. Needs the P1 ID. Returns the product as PharmaOne answers. ${CONFIGURED}`,
			args: [productId],
		},
	},
	report: {
		getStats: {
			description: `Get the organization's aggregates: prescriptions by status, order count and revenue for a period. Needs an optional period as two dates. Returns one report object. ${PRIVATE}`,
			args: dateRange,
		},
		getProductPerformance: {
			description: `Get revenue and units sold per product for a period, compared with the period before. Needs an optional period as two dates. Returns one row per product.`,
			args: dateRange,
		},
		getProductSales: {
			description: `Get sold volume in grams and gross revenue per product for a period, by order status. Needs an optional period as two dates. Returns one row per product.`,
			args: dateRange,
		},
		getPharmaOneFees: {
			description: `Get the organization's monthly PharmaOne service-fee report for the months set in the workflow. Needs nothing. Returns one entry per month.`,
		},
	},
	shop: {
		getAll: {
			description: `List the shops of the pharmacy organization with their shop IDs, names and whether they are active. Needs nothing. Use it to find the shop ID other tools need.`,
		},
		attachProduct: {
			description: `Offer a product in a shop's catalogue; it must be in the organization inventory with stock. Needs the shop ID and the P1 ID. Returns PharmaOne's answer.`,
			args: [shopId, productId],
		},
		detachProduct: {
			description: `Remove a product from a shop's catalogue; it stays in the inventory and in other shops. Needs the shop ID and the P1 ID. Returns PharmaOne's answer.`,
			args: [shopId, productId],
		},
		setProductOverrides: {
			description: `Set shop-specific values of a product, such as its price in that shop. Needs the shop ID and the P1 ID. Returns PharmaOne's answer. ${CONFIGURED}`,
			args: [shopId, productId],
		},
	},
	telemedicineOrder: {
		create: {
			description: `Send a patient order to a pharmacy shop through its telemedicine connector; staff review it. ${NOTHING} Returns the request ID and status pending. Not idempotent: call it once per order.`,
		},
	},
};
