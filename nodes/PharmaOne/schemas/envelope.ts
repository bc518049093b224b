import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { additionalBody, compact, p1IdValue, requiredString, validate } from '../helpers/validation';
import { number, text } from './fields';

/** Order Request → Create (v1 and v2) or Telemedicine Order → Create. */
export type EnvelopeTarget = 'orderRequest' | 'telemedicineOrder';

/*
 * The order-request envelope `{ external_reference, source, payload }` that PharmaOne documents
 * for Order Request → Create (v1 and v2); Telemedicine Order → Create sends the same envelope
 * without `shop_id` / `org_id` in the payload: the shop URL decides the shop.
 */

const PDF_MAGIC = '%PDF';

function hasText(value: unknown): boolean {
	return typeof value === 'string' && value.trim() !== '';
}

function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const QUANTITY = 'Quantity must be a number greater than 0';

/** One line item: a quantity above 0 and something that names the product; other keys pass. */
const lineSchema = z
	.object({ quantity: number(QUANTITY).positive(QUANTITY) }, { message: 'must be an object such as {"name": "…", "quantity": 1}' })
	.catchall(z.unknown())
	.refine((line) => hasText(line.name) || hasText(line.p1_id) || hasText(line.product_id), {
		message: 'needs a Name, a Product ID or a Product ID (Shop)',
	});

/** The documented rules of `payload`; keys PharmaOne documents later pass through untouched. */
function payloadSchema(target: EnvelopeTarget) {
	return z
		.object({
			// The connector's payload has no shop: the shop URL decides it.
			shop_id: target === 'orderRequest' ? text().trim().min(1, 'a shop is required') : z.unknown().optional(),
			prescription_pdf_url: text()
				.regex(/^https?:\/\/\S+$/i, 'must be an http(s) URL such as https://example.com/prescription.pdf')
				.optional(),
			items: z.array(lineSchema, { message: 'items must be a list of line items' }).optional(),
		})
		.catchall(z.unknown())
		.refine((payload) => hasText(payload.customer_email) || hasText(payload.customer_name), {
			message: 'enter a Customer Email or a Customer Name (at least one is required)',
			path: ['customer_email'],
		})
		.refine(
			(payload) =>
				(payload.items ?? []).length > 0 || hasText(payload.prescription_pdf_base64) || hasText(payload.prescription_pdf_url),
			{
				message: 'add at least one line item, or send a prescription PDF (binary or URL) instead of items',
				path: ['items'],
			},
		);
}

/** The envelope `{ external_reference, source, payload }` of `target`. */
export function envelopeSchema(target: EnvelopeTarget) {
	return z
		.object({ external_reference: text().optional(), source: text().optional(), payload: payloadSchema(target) })
		.catchall(z.unknown());
}

const LABELS: Record<string, string> = {
	shop_id: 'Shop',
	customer_email: 'Customer Email / Customer Name',
	items: 'Items',
	prescription_pdf_url: 'Prescription PDF URL',
	external_reference: 'External Reference',
	source: 'Source',
};

interface ItemRow {
	name?: string;
	p1Id?: string | number;
	productId?: string | number;
	quantity?: number;
	price?: number;
}

function trimmed(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const trimmed = String(value).trim();
	return trimmed === '' ? undefined : trimmed;
}

function itemsFromRows(ctx: IExecuteFunctions, rows: ItemRow[], i: number): IDataObject[] {
	return rows.map((row, line) =>
		compact({
			name: trimmed(row.name),
			p1_id: p1IdValue(ctx, row.p1Id, `"Product ID" in line ${line + 1} of "Items"`, i),
			product_id: trimmed(row.productId),
			quantity: row.quantity,
			price: typeof row.price === 'number' && row.price !== 0 ? row.price : undefined,
		}),
	);
}

async function pdfFromBinary(ctx: IExecuteFunctions, i: number): Promise<string> {
	const property = requiredString(ctx, 'binaryPropertyName', 'Input Binary Field', i);
	const binary = ctx.helpers.assertBinaryData(i, property);
	const buffer = await ctx.helpers.getBinaryDataBuffer(i, property);
	if (buffer.subarray(0, PDF_MAGIC.length).toString('latin1') !== PDF_MAGIC) {
		throw new NodeOperationError(ctx.getNode(), `The binary field "${property}" is not a PDF (item ${i + 1})`, {
			itemIndex: i,
			description: `A PDF file starts with "%PDF"; this file (${binary.fileName ?? 'no file name'}, ${binary.mimeType || 'no MIME type'}) does not. Pass the prescription PDF itself.`,
		});
	}
	return buffer.toString('base64');
}

/** Keys the telemedicine connector must never receive; compared without case, spaces or underscores. */
function forbiddenShopKeys(object: IDataObject): string[] {
	return Object.keys(object).filter((key) => ['orgid', 'shopid'].includes(key.toLowerCase().replace(/[^a-z]/g, '')));
}

/**
 * Reads the envelope of item `i`, checks it against the documented rules and returns it, or
 * throws a NodeOperationError naming the field and the item before anything is sent.
 */
export async function buildEnvelope(ctx: IExecuteFunctions, i: number, target: EnvelopeTarget): Promise<IDataObject> {
	const payload: IDataObject = {};
	if (target === 'orderRequest') payload.shop_id = requiredString(ctx, 'shopId', 'Shop', i);
	const customerEmail = trimmed(ctx.getNodeParameter('customerEmail', i, ''));
	const customerName = trimmed(ctx.getNodeParameter('customerName', i, ''));
	if (customerEmail) payload.customer_email = customerEmail;
	if (customerName) payload.customer_name = customerName;

	const content = ctx.getNodeParameter('orderContent', i, 'items') as string;
	if (content === 'pdfBinary') {
		payload.prescription_pdf_base64 = await pdfFromBinary(ctx, i);
	} else if (content === 'pdfUrl') {
		payload.prescription_pdf_url = requiredString(ctx, 'pdfUrl', 'Prescription PDF URL', i);
	} else {
		const rows = ((ctx.getNodeParameter('items', i, {}) as IDataObject).item as ItemRow[] | undefined) ?? [];
		payload.items = itemsFromRows(ctx, rows, i);
	}
	const { fields, extra } = additionalBody(ctx, 'additionalFields', i);
	Object.assign(payload, compact(fields));

	if (target === 'telemedicineOrder') {
		const forbidden = forbiddenShopKeys(extra);
		if (forbidden.length > 0) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Remove ${forbidden.map((key) => `"${key}"`).join(' and ')} from "Additional Body Fields (JSON)" (item ${i + 1})`,
				{
					itemIndex: i,
					description:
						'The telemedicine connector must not receive org_id or shop_id: the Shop URL in the PharmaOne Shop Connector API credential decides the organization and shop.',
				},
			);
		}
	}
	Object.assign(payload, extra);
	if (Array.isArray(payload.items)) {
		payload.items = (payload.items as IDataObject[]).map((line, index) =>
			isObject(line) && line.p1_id !== undefined && line.p1_id !== null && line.p1_id !== ''
				? { ...line, p1_id: p1IdValue(ctx, line.p1_id, `"p1_id" in line ${index + 1} of the items`, i) }
				: line,
		);
		if ((payload.items as unknown[]).length === 0) delete payload.items;
	}

	const envelope: IDataObject = compact({
		external_reference: trimmed(ctx.getNodeParameter('externalReference', i, '')),
		source: trimmed(ctx.getNodeParameter('source', i, 'n8n')),
	});
	envelope.payload = payload;
	validate(ctx, envelopeSchema(target), envelope, LABELS, i);
	return envelope;
}
