/* Signed deliveries for the PharmaOne Trigger's engine tests (one file per behaviour). */

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { signatureFor } from '../../../nodes/PharmaOneTrigger/helpers/signature';
import type { Delivery, TriggerSetup } from '../../harness/webhook';
import { WebhookHarness } from '../../harness/webhook';

export const SECRET = 'dummy-webhook-signing-secret';
export const WEBHOOK_CREDENTIALS = { pharmaOneWebhookApi: { signingSecret: SECRET } };

export const ORDER_ID = 'ORD_20260614_8v039dhnrv';

export function envelope(eventType: string, metadata: IDataObject = {}): IDataObject {
	return {
		id: '7c1d7a52-0c5f-4c55-9d5e-3f4e1b2a9c10',
		org_id: 'org1',
		event_type: eventType,
		title: 'Order status updated',
		description: `Order ${ORDER_ID} updated via external API`,
		metadata,
		created_at: '2026-06-05T12:00:00Z',
	};
}

export const STATUS_UPDATED = envelope('order_status_updated', {
	order_id: ORDER_ID,
	old_status: 'awaiting_packing',
	new_status: 'ready_pickup',
});

let deliveryCounter = 0;

/** A delivery as PharmaOne sends it: signed raw bytes and its headers. */
export function signed(
	body: IDataObject | string,
	overrides: { secret?: string; headers?: Record<string, string | string[]>; deliveryId?: string | null } = {},
): Delivery {
	const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
	const eventType = typeof body === 'string' ? 'order_created' : String(body.event_type ?? 'order_created');
	deliveryCounter++;
	const headers: Record<string, string | string[]> = {
		'content-type': 'application/json',
		'user-agent': 'dummy-agent',
		'x-pharmaone-event': eventType,
		'x-pharmaone-signature': signatureFor(raw, overrides.secret ?? SECRET),
	};
	if (overrides.deliveryId !== null) {
		headers['x-pharmaone-delivery-id'] = overrides.deliveryId ?? `00000000-0000-4000-8000-${String(deliveryCounter).padStart(12, '0')}`;
	}
	return { rawBody: raw, headers: { ...headers, ...overrides.headers } };
}

export function harness(parameters: INodeParameters = {}, setup: Omit<TriggerSetup, 'parameters'> = {}) {
	return new WebhookHarness({ credentials: WEBHOOK_CREDENTIALS, ...setup, parameters });
}
