'use strict';

// What the webhook fuzzing (fuzz.js) sends: the limits of a run, the signed envelope, the mutations of a valid
// delivery with what the trigger must answer to each, and the plan that mixes them with valid deliveries.

const crypto = require('node:crypto');

const LIMITS = {
	total: Number(process.env.FUZZ_COUNT || 1000),
	valid: Number(process.env.FUZZ_VALID || 50),
	concurrency: Number(process.env.FUZZ_CONCURRENCY || 16),
	sendMs: Number(process.env.FUZZ_TIME_LIMIT_MS || 180000),
	hugeBytes: 5 * 1024 * 1024,
	huge: 12, // 5 MB bodies (at most this many, of two kinds)
};
const EVENTS = ['order_status_updated', 'order_created', 'order_updated', 'order_marked_paid', 'low_stock', 'out_of_stock'];

const sign = (body, secret) => `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

/** A PharmaOne webhook envelope (sandbox/webhooks.js shape) whose `id` names the delivery it belongs to. */
function envelope(id, eventType, metadata, padding) {
	const body = { id, org_id: 'org1', event_type: eventType, title: eventType, description: `fuzz ${id}`, metadata, created_at: new Date().toISOString() };
	if (padding) body.metadata = { ...metadata, padding };
	return Buffer.from(JSON.stringify(body));
}

/**
 * The mutations. Each returns { headers, body, method? } for the n-th delivery; `expect` is what the trigger must
 * answer: 'reject' (4xx, no execution), 'ack' (200, no execution) or 'noexec' (200 or 4xx, no execution).
 */
function mutations(secret, rnd) {
	const statusUpdate = (id, newStatus = 'ready_pickup') =>
		envelope(id, 'order_status_updated', { order_id: `ord-${id}`, old_status: 'awaiting_packing', new_status: newStatus });
	const passing = (id) => (rnd.next() < 0.5 ? statusUpdate(id) : envelope(id, rnd.pick(EVENTS.slice(1)), { order_id: `ord-${id}` }));
	const json = { 'content-type': 'application/json' };
	const signed = (body, extra = {}) => ({ headers: { ...json, 'x-pharmaone-signature': sign(body, secret), ...extra }, body });
	const withSig = (body, signature, extra = {}) => ({ headers: { ...json, 'x-pharmaone-signature': signature, ...extra }, body });
	const hex = () => crypto.randomBytes(32).toString('hex');
	const huge = (id, newStatus) => envelope(id, 'order_status_updated', { order_id: `ord-${id}`, old_status: 'pending', new_status: newStatus }, 'x'.repeat(LIMITS.hugeBytes));
	return {
		'bit-flip': ['reject', (id) => {
			const body = passing(id);
			const flipped = Buffer.from(body);
			flipped[rnd.int(0, flipped.length - 1)] ^= 1 << rnd.int(0, 7);
			return withSig(flipped, sign(body, secret));
		}],
		'swapped-signature': ['reject', (id) => withSig(passing(id), sign(passing(`${id}-other`), secret))],
		'truncated-signature': ['reject', (id) => { const body = passing(id); return withSig(body, sign(body, secret).slice(0, 7 + rnd.int(0, 63))); }],
		'empty-signature': ['reject', (id) => withSig(passing(id), '')],
		'missing-signature': ['reject', (id) => ({ headers: json, body: passing(id) })],
		'uppercase-signature': ['reject', (id) => {
			const body = passing(id);
			const value = sign(body, secret);
			return withSig(body, rnd.next() < 0.5 ? `sha256=${value.slice(7).toUpperCase()}` : value.toUpperCase());
		}],
		'duplicated-signature-header': ['reject', (id) => {
			const body = passing(id);
			return withSig(body, rnd.next() < 0.5 ? [sign(body, secret), sign(body, secret)] : [`sha256=${hex()}`, sign(body, secret)]);
		}],
		'wrong-prefix': ['reject', (id) => {
			const body = passing(id);
			const digest = sign(body, secret).slice(7);
			return withSig(body, `${rnd.pick(['sha1=', 'sha512=', 'sha256:', '', 'sha256 =', 'hmac-sha256=', 'sha256=sha256='])}${digest}`);
		}],
		'other-secret': ['reject', (id) => { const body = passing(id); return withSig(body, sign(body, `${secret}x`)); }],
		'random-bytes': ['reject', () => withSig(crypto.randomBytes(1 + rnd.int(0, 2047)), `sha256=${hex()}`, { 'content-type': rnd.pick(['application/json', 'application/octet-stream']) })],
		'trailing-whitespace': ['reject', (id) => { const body = passing(id); return withSig(Buffer.concat([body, Buffer.from(rnd.pick(['\n', ' ', '\r\n']))]), sign(body, secret)); }],
		'long-signature': ['reject', (id) => withSig(passing(id), `sha256=${'a'.repeat(64 * (2 + rnd.int(0, 99)))}`)],
		'empty-body': ['reject', () => (rnd.next() < 0.5 ? withSig(Buffer.alloc(0), sign('', secret)) : { headers: json, body: Buffer.alloc(0) })],
		'invalid-json-signed': ['reject', (id) => { const body = passing(id).subarray(0, 10 + rnd.int(0, 39)); return signed(body); }],
		'non-object-json-signed': ['reject', (id) => signed(Buffer.from(rnd.pick(['[1,2]', 'null', '"text"', '42', 'true', `[${passing(id)}]`])))],
		'wrong-content-type': ['reject', (id) => withSig(passing(id), `sha256=${hex()}`, {
			'content-type': rnd.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', undefined]),
		})],
		'wrong-content-type-signed-filtered': ['noexec', (id) => signed(statusUpdate(id, 'shipped'), {
			'content-type': rnd.pick(['text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream', undefined]),
		})],
		// n8n's own body parser fails on these before the trigger runs (HTTP 500 from n8n, not from the node).
		'bad-gzip': ['reject-any', (id) => withSig(passing(id), `sha256=${hex()}`, { 'content-encoding': 'gzip' })],
		'wrong-method': ['reject', (id) => ({ ...signed(passing(id)), method: rnd.pick(['GET', 'PUT', 'PATCH', 'DELETE']) })],
		'filtered-status': ['ack', (id) => signed(statusUpdate(id, rnd.pick(['shipped', 'pending', 'completed', 'awaiting_packing'])), { 'x-pharmaone-delivery-id': `dlv-${id}` })],
		'huge-body-bad-signature': ['reject', (id) => withSig(huge(id, 'ready_pickup'), `sha256=${hex()}`)],
		'huge-body-signed-filtered': ['ack', (id) => signed(huge(id, 'shipped'), { 'x-pharmaone-delivery-id': `dlv-${id}` })],
	};
}

/** The delivery plan: valid ones and replays at random places among mutations; huge bodies capped. */
function plan(rnd, kinds) {
	const names = Object.keys(kinds).filter((name) => !name.startsWith('huge-'));
	const slots = [];
	for (let i = 0; i < LIMITS.valid; i++) slots.push('valid');
	for (let i = 0; i < Math.round(LIMITS.total * 0.05); i++) slots.push('replay');
	for (let i = 0; i < LIMITS.huge; i++) slots.push(i % 2 ? 'huge-body-bad-signature' : 'huge-body-signed-filtered');
	while (slots.length < LIMITS.total) slots.push(rnd.pick(names));
	for (let i = slots.length - 1; i > 0; i--) {
		const j = rnd.int(0, i);
		[slots[i], slots[j]] = [slots[j], slots[i]];
	}
	return slots;
}

module.exports = { LIMITS, EVENTS, sign, envelope, mutations, plan };
