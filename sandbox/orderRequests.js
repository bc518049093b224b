'use strict';

// Order requests: v2 (Bearer), v1 (raw API key) and the shop connector (telemedicine), which share one envelope.

const crypto = require('node:crypto');
const { validation, conflict, isObject, requireBody, p1IdOf, requireOrgShop } = require('./util');

const PDF_MAGIC = Buffer.from('%PDF');

/** Validates the order-request envelope shared by v1, v2 and the shop connector. */
function validateOrderRequest(core, body, { connector }) {
	requireBody(body);
	const payload = body.payload;
	if (!isObject(payload)) throw validation('payload is required');
	if (connector) {
		for (const key of ['org_id', 'shop_id']) {
			if (key in body || key in payload) {
				throw validation(`Do not send ${key}: the shop URL decides the organization and shop`);
			}
		}
	} else {
		requireOrgShop(core, payload.shop_id, 'payload.shop_id');
	}
	const hasText = (v) => typeof v === 'string' && v.trim() !== '';
	if (!hasText(payload.customer_email) && !hasText(payload.customer_name)) {
		throw validation('payload.customer_email or payload.customer_name is required');
	}
	if (payload.prescription_pdf_base64 !== undefined) {
		const raw = payload.prescription_pdf_base64;
		const bytes = typeof raw === 'string' ? Buffer.from(raw.replace(/^data:[^,]*,/, ''), 'base64') : Buffer.alloc(0);
		if (bytes.length < 5 || !bytes.subarray(0, 4).equals(PDF_MAGIC)) {
			throw validation('payload.prescription_pdf_base64 must be a base64-encoded PDF');
		}
		return;
	}
	if (payload.prescription_pdf_url !== undefined) {
		if (typeof payload.prescription_pdf_url !== 'string' || !/^https?:\/\/\S+$/i.test(payload.prescription_pdf_url)) {
			throw validation('payload.prescription_pdf_url must be an http(s) URL');
		}
		return;
	}
	const items = Array.isArray(payload.items) ? payload.items : [];
	const valid = items.some(
		(i) =>
			isObject(i) &&
			typeof i.quantity === 'number' &&
			i.quantity > 0 &&
			(hasText(i.name) || p1IdOf(i.p1_id) || p1IdOf(i.product_id)),
	);
	if (!valid) {
		throw validation(
			'payload.items needs at least one line with quantity > 0 and a name, p1_id or product_id ' +
				'(or send prescription_pdf_base64 / prescription_pdf_url)',
		);
	}
}

/**
 * A repeated `external_reference` for the same shop: the docs call it "your idempotency reference" but do not say
 * PharmaOne de-duplicates, so the sandbox can create another request ('create', the default), answer with the
 * existing one ('return') or refuse with 409 ('reject').
 */
function repeatedRequest(core, externalReference, shopId) {
	if (externalReference === null || core.duplicateExternalReference === 'create') return undefined;
	const existing = [...core.state.orderRequests.values()].find(
		(request) => request.shop_id === shopId && request.external_reference === externalReference,
	);
	if (!existing) return undefined;
	if (core.duplicateExternalReference === 'reject') {
		throw conflict('duplicate_external_reference', `An order request with external_reference ${externalReference} already exists`);
	}
	return { id: existing.id, status: existing.status, message: 'Order request already received', external_reference: externalReference };
}

function storeOrderRequest(core, body, shopId, channel) {
	const id = `req_${crypto.randomBytes(8).toString('hex')}`;
	const externalReference = body.external_reference ?? null;
	const repeated = repeatedRequest(core, externalReference, shopId);
	if (repeated) return repeated;
	core.state.orderRequests.set(id, {
		id,
		status: 'pending',
		channel,
		shop_id: shopId,
		external_reference: externalReference,
		source: body.source ?? null,
		payload: { ...body.payload, shop_id: shopId },
		created_at: core.now(),
	});
	return { id, status: 'pending', message: 'Order request received', external_reference: externalReference };
}

const handlers = {
	createOrderRequest(ctx) {
		validateOrderRequest(ctx.core, ctx.body, { connector: false });
		return storeOrderRequest(ctx.core, ctx.body, ctx.body.payload.shop_id, ctx.channel || 'v2');
	},

	connectorOrder(ctx) {
		validateOrderRequest(ctx.core, ctx.body, { connector: true });
		return storeOrderRequest(ctx.core, ctx.body, ctx.core.connectorShopId, 'connector');
	},
};

module.exports = { handlers };
