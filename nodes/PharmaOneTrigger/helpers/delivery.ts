import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { PharmaOneClient } from '../../shared/client';
import { errorMessage } from '../../shared/httpFailure';
import { claimDelivery, verifyWithSecret } from '../../shared/processMemory';
import { ROUTES } from '../../shared/routes';
import { splitList } from '../../shared/values';
import type { Headers } from './events';
import {
	DELIVERY_ID_HEADER,
	DELIVERY_MEMORY,
	headersForOutput,
	headerValue,
	isEventSelected,
	orderIdToFetch,
	passesStatusFilter,
	rememberDelivery,
	rememberedIds,
} from './events';
import { SIGNATURE_HEADER, isValidSignature } from './signature';

/*
 * The steps of one webhook delivery, in the order `PharmaOneTrigger.webhook()` runs them:
 * verify → parse → filter → claim → enrich. Each step that can end the delivery says how.
 */

const LOG_PREFIX = 'PharmaOne Trigger:';

/** What arrived: the raw body exactly as received, and the headers. */
export interface Delivery {
	rawBody: Buffer | string | undefined;
	headers: Headers;
	/** `X-PharmaOne-Delivery-Id`, when present. */
	deliveryId: string | undefined;
}

export function readDelivery(context: IWebhookFunctions): Delivery {
	const rawBody: unknown = context.getRequestObject().rawBody;
	const headers = context.getHeaderData() as Headers;
	return {
		rawBody: Buffer.isBuffer(rawBody) || typeof rawBody === 'string' ? rawBody : undefined,
		headers,
		deliveryId: headerValue(headers, DELIVERY_ID_HEADER),
	};
}

/** The key of this trigger in the process memories: its workflow and node. */
function triggerKey(context: IWebhookFunctions): string {
	const node = context.getNode();
	return `${context.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
}

/** Answers the delivery by hand and starts nothing. The body never echoes the request. */
export function refuse(context: IWebhookFunctions, status: 400 | 401, error: string, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ error, message });
	return { noWebhookResponse: true };
}

/** The signing secret of the trigger's credential; undefined (verifying nothing) when unreadable. */
async function readSigningSecret(context: IWebhookFunctions): Promise<string | undefined> {
	try {
		const credentials = await context.getCredentials('pharmaOneWebhookApi');
		return typeof credentials.signingSecret === 'string' ? credentials.signingSecret : undefined;
	} catch (error) {
		context.logger.warn(`${LOG_PREFIX} the signing secret credential could not be read`, { error: errorMessage(error) });
		return undefined;
	}
}

/** Why a delivery failed verification, for the n8n log (never the secret, body or header). */
function refusalReason(secret: string | undefined, delivery: Delivery, header: unknown): string {
	if (secret === undefined || secret.trim() === '') return 'no signing secret is set in the credential';
	if (delivery.rawBody === undefined) return 'the raw request body is not available';
	if (header === undefined) return `the ${SIGNATURE_HEADER} header is missing`;
	return `the ${SIGNATURE_HEADER} header is malformed or does not match the signing secret`;
}

/**
 * 1. Verify: the signature over the raw body, with the credential's signing secret (the one
 * remembered for this trigger's credential while it verifies, see processMemory.ts). Fails closed.
 */
export async function verify(context: IWebhookFunctions, delivery: Delivery): Promise<boolean> {
	const header = delivery.headers[SIGNATURE_HEADER];
	const { valid, secret } = await verifyWithSecret(
		`${triggerKey(context)}:${context.getNode().credentials?.pharmaOneWebhookApi?.id ?? ''}`,
		async () => await readSigningSecret(context),
		(candidate) => isValidSignature({ rawBody: delivery.rawBody, header, secret: candidate }),
	);
	if (valid) return true;
	context.logger.warn(`${LOG_PREFIX} delivery refused with HTTP 401 because ${refusalReason(secret, delivery, header)}`);
	return false;
}

/** 2. Parse: the body as a JSON object (the envelope), or undefined. */
export function parse(context: IWebhookFunctions, delivery: Delivery): IDataObject | undefined {
	const { rawBody } = delivery;
	let payload: unknown;
	try {
		payload = JSON.parse(typeof rawBody === 'string' ? rawBody : (rawBody?.toString('utf8') ?? ''));
	} catch {
		payload = undefined;
	}
	if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) return payload as IDataObject;
	context.logger.warn(`${LOG_PREFIX} signed delivery refused with HTTP 400: the body is not a JSON object`);
	return undefined;
}

/** The node's settings that decide what a delivery starts and what its item holds. */
export interface TriggerOptions {
	/** Events and Custom Event Names. */
	events: string[];
	onlyNewStatus: string[];
	includeHeaders: boolean;
	fetchFullOrder: boolean;
}

export function readOptions(context: IWebhookFunctions): TriggerOptions {
	const events = context.getNodeParameter('events', []) as string[];
	const options = context.getNodeParameter('options', {}) as IDataObject;
	return {
		events: [...events, ...splitList(options.customEvents)],
		onlyNewStatus: splitList(options.onlyNewStatus),
		includeHeaders: options.includeHeaders === true,
		fetchFullOrder: options.fetchFullOrder === true,
	};
}

/** 3. Filter: whether the event is selected and passes Only New Status. */
export function filter(eventType: string | undefined, envelope: IDataObject, options: TriggerOptions): boolean {
	return isEventSelected(eventType, options.events) && passesStatusFilter(eventType, envelope, options.onlyNewStatus);
}

/**
 * 4. Claim: whether the delivery id is new for this trigger, recorded in the process memory and
 * the workflow's static data. Check and record are one synchronous step (no await in between):
 * of two copies of one delivery arriving together, only one passes. A delivery without an id
 * cannot be de-duplicated and always passes.
 */
export function claim(context: IWebhookFunctions, deliveryId: string | undefined): boolean {
	if (deliveryId === undefined) return true;
	const staticData = context.getWorkflowStaticData('node');
	const stored = rememberedIds(staticData);
	if (stored.includes(deliveryId) || !claimDelivery(triggerKey(context), deliveryId, DELIVERY_MEMORY, stored)) {
		context.logger.debug(`${LOG_PREFIX} delivery ${deliveryId} was already processed; ignored`);
		return false;
	}
	rememberDelivery(staticData, deliveryId, DELIVERY_MEMORY);
	return true;
}

/** The parts of a failed order fetch that are safe to put in the item. */
function fetchError(error: unknown): IDataObject {
	const { message, description, httpCode } = (error ?? {}) as { message?: unknown; description?: unknown; httpCode?: unknown };
	const output: IDataObject = { message: typeof message === 'string' ? message : 'The order could not be fetched' };
	if (typeof description === 'string' && description !== '') output.description = description;
	if (httpCode !== undefined && httpCode !== null) output.httpCode = String(httpCode);
	return output;
}

/**
 * 5. Enrich: the item is the envelope plus `event_type` and `deliveryId`, with the headers and
 * the full order when asked. A failed order fetch becomes `orderFetchError`; it is made once,
 * without retries, because PharmaOne waits for the answer.
 */
export async function enrich(
	context: IWebhookFunctions,
	delivery: Delivery,
	envelope: IDataObject,
	eventType: string | undefined,
	options: TriggerOptions,
): Promise<IDataObject> {
	const item: IDataObject = { ...envelope };
	if (eventType !== undefined) item.event_type = eventType;
	item.deliveryId = delivery.deliveryId ?? null;
	if (options.includeHeaders) item.headers = headersForOutput(delivery.headers);
	const orderId = options.fetchFullOrder ? orderIdToFetch(eventType, envelope) : undefined;
	if (orderId === undefined) return item;
	try {
		const client = new PharmaOneClient(context, { retry: false });
		item.order = (await client.request(ROUTES.order.get, { pathParams: { orderId } })) as IDataObject;
	} catch (error) {
		item.orderFetchError = fetchError(error);
	}
	return item;
}

