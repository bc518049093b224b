import type { ModelArgument } from '../helpers/toolMode';

/**
 * The pieces of tool texts several operations share (each operation file holds its own `tool`): the
 * parameters a model fills with `$fromAI()` and their formats, and common sentences. Formats and values come
 * from the PharmaOne API reference; statuses are open lists, so other values pass.
 */

export const ORDER_STATUSES = 'pending, awaiting_packing, ready_pickup';
export const PRESCRIPTION_STATUSES = 'new, pending, pending_signature, signed, approved, declined, completed';
export const PRIVATE = 'Customer names, contact details, addresses and payment references are left out unless the workflow allows them.';

/** A parameter the model fills: the node parameter, its key in the tool schema, what the model reads, its type. */
export const arg = (parameter: string, key: string, description: string, type?: ModelArgument['type']): ModelArgument => ({
	parameter,
	key,
	description,
	...(type ? { type } : {}),
});

export const orderIdArg = arg(
	'orderId',
	'orderId',
	'PharmaOne order ID: ORD_, the order date as YYYYMMDD, _ and lowercase letters or digits, e.g. ORD_20260614_8v039dhnrv. Not the shop or POS order number.',
);
export const productIdArg = arg(
	'productId',
	'p1Id',
	"PharmaOne product ID, the P1 ID: a whole number written as text, e.g. 12345. A shop's own product number is not a P1 ID.",
);
export const shopIdArg = arg('shopId', 'shopId', 'PharmaOne shop ID: text without spaces, e.g. shop1.');
export const prescriptionIdArg = arg('prescriptionId', 'prescriptionId', 'PharmaOne prescription ID, e.g. org1-pq-CQ3TLK.');
export const reasonArg = arg('reason', 'reason', 'Why the stock changes, kept in the inventory log, e.g. Delivery 2026-06-14 or Stock count.');

export const dateRangeArgs: readonly ModelArgument[] = [
	arg('fromDate', 'fromDate', 'First day of the period, YYYY-MM-DD, e.g. 2026-06-01. Empty for no start.'),
	arg('toDate', 'toDate', 'Last day of the period, YYYY-MM-DD, e.g. 2026-06-30. Empty for no end.'),
];

export const CONFIGURED = 'Its other inputs are set in the workflow, not by the model.';
export const NOTHING = 'Needs no input from the model: everything is set in the workflow.';
