'use strict';

// Outbound webhook deliveries: signed with HMAC-SHA256 over the exact raw body bytes.

const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');

const EVENT_TITLES = {
	order_created: 'Order created',
	order_updated: 'Order updated',
	order_status_updated: 'Order status updated',
	order_marked_paid: 'Order marked paid',
	order_deleted: 'Order deleted',
	prescription_approved: 'Prescription approved',
	paperless_signature_completed: 'Paperless signature completed',
	low_stock: 'Low stock',
	out_of_stock: 'Out of stock',
};

function signBody(rawBody, secret) {
	return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

class WebhookDispatcher {
	/**
	 * @param {object} opts orgId, defaultSecret, clock (() => ISO string), counters (object with
	 *   webhooksSent/webhooksFailed/webhookAttempts), timeoutMs, retryDelaysMs
	 */
	constructor(opts) {
		this.orgId = opts.orgId;
		this.defaultSecret = opts.defaultSecret;
		this.clock = opts.clock;
		this.counters = opts.counters;
		this.timeoutMs = opts.timeoutMs || 5000;
		this.retryDelaysMs = opts.retryDelaysMs || [250, 1000];
		this.subscriptions = [];
		this.timers = new Map();
		this.requests = new Set();
		this.pending = new Set();
		this.stopped = false;
		this.log = [];
	}

	subscribe({ url, events, secret }) {
		if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) {
			throw new Error('Subscription url must be an http(s) URL');
		}
		const list = Array.isArray(events) && events.length && !events.includes('*') ? events.map(String) : ['*'];
		const subscription = {
			id: crypto.randomUUID(),
			url,
			events: list,
			secret: secret || this.defaultSecret,
		};
		this.subscriptions.push(subscription);
		return subscription;
	}

	unsubscribe(id) {
		const before = this.subscriptions.length;
		this.subscriptions = this.subscriptions.filter((s) => s.id !== id);
		return this.subscriptions.length !== before;
	}

	matching(eventType) {
		return this.subscriptions.filter((s) => s.events.includes('*') || s.events.includes(eventType));
	}

	buildEnvelope(eventType, description, metadata) {
		return {
			id: crypto.randomUUID(),
			org_id: this.orgId,
			event_type: eventType,
			title: EVENT_TITLES[eventType] || eventType,
			description,
			metadata: metadata || {},
			created_at: this.clock(),
		};
	}

	/** Queues an event for every matching subscription; never blocks the API response. */
	emit(eventType, description, metadata) {
		const targets = this.matching(eventType);
		if (!targets.length || this.stopped) return null;
		const envelope = this.buildEnvelope(eventType, description, metadata);
		const rawBody = JSON.stringify(envelope);
		for (const subscription of targets) {
			const delivery = {
				deliveryId: crypto.randomUUID(),
				eventType,
				rawBody,
				signature: signBody(rawBody, subscription.secret),
				subscription,
			};
			const task = this.deliverWithRetry(delivery);
			this.pending.add(task);
			task.finally(() => this.pending.delete(task));
		}
		return envelope;
	}

	async deliverWithRetry(delivery) {
		await this.sleep(0);
		const attempts = this.retryDelaysMs.length + 1;
		for (let attempt = 1; attempt <= attempts && !this.stopped; attempt++) {
			const result = await this.send(delivery.subscription.url, delivery);
			this.counters.webhookAttempts++;
			this.log.push({ ...result, attempt, eventType: delivery.eventType, deliveryId: delivery.deliveryId });
			if (this.log.length > 500) this.log.shift();
			if (result.ok) {
				this.counters.webhooksSent++;
				return;
			}
			if (attempt < attempts) await this.sleep(this.retryDelaysMs[attempt - 1]);
		}
		this.counters.webhooksFailed++;
	}

	/**
	 * Sends one delivery to every matching subscription, once, and reports what each endpoint answered.
	 * Used by the sandbox admin API to test receivers (bad signatures, duplicate delivery ids, odd bodies).
	 */
	async deliverOnce(spec) {
		const eventType = spec.event_type || 'order_status_updated';
		const envelope = this.buildEnvelope(eventType, spec.description || `Sandbox test event ${eventType}`, spec.metadata);
		if (spec.title) envelope.title = spec.title;
		const rawBody = typeof spec.rawBodyOverride === 'string' ? spec.rawBodyOverride : JSON.stringify(envelope);
		const deliveryId = spec.deliveryId || crypto.randomUUID();
		const targets = spec.url ? [{ url: spec.url, secret: spec.secret || this.defaultSecret }] : this.matching(eventType);
		const results = await Promise.all(
			targets.map(async (subscription) => {
				const signature =
					typeof spec.signatureOverride === 'string'
						? spec.signatureOverride
						: signBody(rawBody, spec.secret || subscription.secret);
				const result = await this.send(subscription.url, { deliveryId, eventType, rawBody, signature });
				this.counters.webhookAttempts++;
				if (result.ok) this.counters.webhooksSent++;
				else this.counters.webhooksFailed++;
				return { url: subscription.url, status: result.status, body: result.body, error: result.error };
			}),
		);
		return { delivery_id: deliveryId, event: rawBody === JSON.stringify(envelope) ? envelope : null, results };
	}

	send(url, delivery) {
		return new Promise((resolve) => {
			let target;
			try {
				target = new URL(url);
			} catch {
				resolve({ ok: false, status: 0, error: 'invalid_url', url });
				return;
			}
			const client = target.protocol === 'https:' ? https : http;
			const body = Buffer.from(delivery.rawBody, 'utf8');
			const headers = {
				'Content-Type': 'application/json',
				'Content-Length': body.length,
				'X-PharmaOne-Event': delivery.eventType,
				'X-PharmaOne-Delivery-Id': delivery.deliveryId,
			};
			if (delivery.signature) headers['X-PharmaOne-Signature'] = delivery.signature;
			const req = client.request(target, { method: 'POST', headers });
			this.requests.add(req);
			const finish = (result) => {
				this.requests.delete(req);
				resolve({ url, ...result });
			};
			req.setTimeout(this.timeoutMs, () => req.destroy(new Error('timeout')));
			req.on('error', (err) => finish({ ok: false, status: 0, error: err.message }));
			req.on('response', (res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('error', (err) => finish({ ok: false, status: res.statusCode, error: err.message }));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8').slice(0, 2000);
					const ok = res.statusCode >= 200 && res.statusCode < 300;
					finish({ ok, status: res.statusCode, body: text });
				});
			});
			req.end(body);
		});
	}

	sleep(ms) {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.set(timer, resolve);
		});
	}

	/** Resolves when every queued delivery (including retries) has finished. */
	async flush() {
		while (this.pending.size) await Promise.allSettled([...this.pending]);
	}

	stop() {
		this.stopped = true;
		for (const [timer, resolve] of this.timers) {
			clearTimeout(timer);
			resolve();
		}
		this.timers.clear();
		for (const req of this.requests) req.destroy(new Error('sandbox stopped'));
		this.requests.clear();
	}
}

/**
 * A delivery sent without metadata (like Manager's "Send test event", whose payload PharmaOne does not
 * document) describes a real order: for order_status_updated one that became ready for pickup, for
 * other order events just its id. `orders` is the sandbox's orders.
 */
function withTestMetadata(orders, spec) {
	const eventType = spec.event_type || 'order_status_updated';
	if (spec.metadata !== undefined || !eventType.startsWith('order_')) return spec;
	const all = [...orders];
	const order = all.find((o) => o.status === 'ready_pickup') || all[0];
	if (!order) return spec;
	const metadata =
		eventType === 'order_status_updated'
			? { order_id: order.id, old_status: 'awaiting_packing', new_status: 'ready_pickup' }
			: { order_id: order.id };
	return { ...spec, metadata };
}

module.exports = { WebhookDispatcher, signBody, withTestMetadata, EVENT_TITLES };
