import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { claimDelivery } from './helpers/deliveryMemory';
import { verifyWithSecret } from './helpers/secretMemory';
import { PharmaOneClient } from '../shared/client';
import { errorMessage } from '../shared/errors';
import { splitList } from '../shared/values';
import { ROUTES } from '../shared/routes';
import type { Headers } from './helpers/events';
import {
	ALL_EVENTS,
	DELIVERY_ID_HEADER,
	DELIVERY_MEMORY,
	EVENT_OPTIONS,
	headersForOutput,
	headerValue,
	isEventSelected,
	orderIdToFetch,
	passesStatusFilter,
	readEventType,
	rememberDelivery,
	rememberedIds,
} from './helpers/events';
import { SIGNATURE_HEADER, isValidSignature, signingSecretProblem } from './helpers/signature';

const SETUP_NOTICE =
	'In PharmaOne Manager → Org Settings → Integrations → Webhook subscriptions, add a subscription (at most 5 per organization) with this node\'s URL from "Webhook URLs" above: the <b>Test URL</b> while you build (click <b>Execute step</b> here, then "Send test event" in Manager), the <b>Production URL</b> once the workflow is published. PharmaOne needs an HTTPS URL. Tick the events you want there too, and copy the signing secret (shown only once) into the PharmaOne Webhook API credential (field Signing Secret). Trying it with the local PharmaOne sandbox (npm run demo)? Click <b>Execute step</b>, then send a signed test delivery to the Test URL: <code>POST http://127.0.0.1:8787/__sandbox/deliver</code> with the body <code>{"url": "&lt;Test URL&gt;"}</code>.';

/** Answers the delivery by hand and starts nothing. The body never echoes the request. */
function refuse(context: IWebhookFunctions, status: 400 | 401, error: string, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ error, message });
	return { noWebhookResponse: true };
}

/** Why a delivery failed verification, for the n8n log (never the secret, body or header). */
function refusalReason(secret: string | undefined, rawBody: unknown, header: unknown): string {
	if (secret === undefined || secret.trim() === '') return 'no signing secret is set in the credential';
	if (rawBody === undefined || rawBody === null) return 'the raw request body is not available';
	if (header === undefined) return `the ${SIGNATURE_HEADER} header is missing`;
	return `the ${SIGNATURE_HEADER} header is malformed or does not match the signing secret`;
}

/** The parts of a failed order fetch that are safe to put in the item. */
function fetchError(error: unknown): IDataObject {
	const { message, description, httpCode } = (error ?? {}) as {
		message?: unknown;
		description?: unknown;
		httpCode?: unknown;
	};
	const output: IDataObject = { message: typeof message === 'string' ? message : 'The order could not be fetched' };
	if (typeof description === 'string' && description !== '') output.description = description;
	if (httpCode !== undefined && httpCode !== null) output.httpCode = String(httpCode);
	return output;
}

export class PharmaOneTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PharmaOne Trigger',
		name: 'pharmaOneTrigger',
		icon: { light: 'file:../../icons/pharmaone.svg', dark: 'file:../../icons/pharmaone.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description: 'Starts the workflow on signed PharmaOne webhook events (orders, prescriptions, stock)',
		defaults: { name: 'PharmaOne Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'pharmaOneWebhookApi', required: true, testedBy: 'pharmaOneWebhookSecretTest' },
			{
				// Only needed, and only shown, when "Fetch Full Order" is on.
				name: 'pharmaOneApi',
				required: true,
				displayOptions: { show: { 'options.fetchFullOrder': [true] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
		triggerPanel: {
			header: 'Listen for PharmaOne webhook deliveries',
			executionsHelp: {
				inactive:
					'<b>While building:</b> paste the Test URL into a webhook subscription in PharmaOne Manager (Org Settings → Integrations → Webhook subscriptions), click <b>Execute step</b> here (or <b>Execute workflow</b> on the canvas), then "Send test event" in Manager. The delivery shows up in the editor.<br /><br /><b>When done:</b> publish the workflow and change the subscription\'s URL to the Production URL. Deliveries then run in the background and show in the executions list.',
				active:
					'The workflow is published: deliveries to the Production URL run in the background and show in the executions list. To see one in the editor, point a subscription at the Test URL and click <b>Execute step</b>.',
			},
			activationHint:
				'When the workflow works, publish it and switch the PharmaOne subscription to the Production URL.',
		},
		properties: [
			{
				displayName: SETUP_NOTICE,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: EVENT_OPTIONS,
				default: [ALL_EVENTS],
				description:
					'Events that start the workflow. Deliveries of other events are acknowledged (HTTP 200) and start nothing. Add names not listed here under Options → Custom Event Names.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Custom Event Names',
						name: 'customEvents',
						type: 'string',
						default: '',
						placeholder: 'e.g. order_request_created, another_event',
						description:
							'Further event names that start the workflow, comma-separated, for events PharmaOne sends that are not in the Events list',
					},
					{
						displayName: 'Fetch Full Order',
						name: 'fetchFullOrder',
						type: 'boolean',
						default: false,
						description:
							'Whether to get the whole order from the PharmaOne API (with a PharmaOne API credential, scope orders.read) for order events that carry metadata.order_id, and add it as "order". Not for order_deleted. If the request fails the workflow still starts, with "orderFetchError" set.',
					},
					{
						displayName: 'Include Headers',
						name: 'includeHeaders',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the request headers as "headers" (without the signature header)',
					},
					{
						displayName: 'Only New Status',
						name: 'onlyNewStatus',
						type: 'string',
						default: '',
						placeholder: 'e.g. ready_pickup',
						description:
							'For order_status_updated only: start the workflow only when metadata.new_status is one of these statuses (comma-separated). Other events are not affected.',
					},
				],
			},
		],
	};

	methods = {
		credentialTest: {
			/**
			 * PharmaOne offers no API to check a signing secret, so this checks what can be checked
			 * without one (present, no stray whitespace) and says plainly that the rest is untested.
			 */
			async pharmaOneWebhookSecretTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const problem = signingSecretProblem(credential.data?.signingSecret);
				if (problem !== undefined) return { status: 'Error', message: problem };
				return {
					status: 'OK',
					message:
						'The signing secret is filled in. PharmaOne has no API to confirm it: use "Send test event" in Manager while the workflow listens. A wrong secret makes the trigger answer HTTP 401.',
				};
			},
		},
	};

	/**
	 * Subscriptions are created by hand in PharmaOne Manager; PharmaOne has no API to manage
	 * them. So there is nothing to check, create or delete here: the node only receives
	 * deliveries at its URL. Deleting the subscription is done in Manager too.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const headers = this.getHeaderData() as Headers;
		const rawBody: unknown = request.rawBody;
		const signature = headers[SIGNATURE_HEADER];

		const body = Buffer.isBuffer(rawBody) || typeof rawBody === 'string' ? rawBody : undefined;
		const node = this.getNode();
		const readSecret = async (): Promise<string | undefined> => {
			try {
				const credentials = await this.getCredentials('pharmaOneWebhookApi');
				return typeof credentials.signingSecret === 'string' ? credentials.signingSecret : undefined;
			} catch (error) {
				this.logger.warn('PharmaOne Trigger: the signing secret credential could not be read', {
					error: errorMessage(error),
				});
				return undefined;
			}
		};
		const { valid, secret } = await verifyWithSecret(
			`${this.getWorkflow().id ?? ''}:${node.id ?? node.name}:${node.credentials?.pharmaOneWebhookApi?.id ?? ''}`,
			readSecret,
			(candidate) => isValidSignature({ rawBody: body, header: signature, secret: candidate }),
		);
		if (!valid) {
			this.logger.warn(`PharmaOne Trigger: delivery refused with HTTP 401 because ${refusalReason(secret, body, signature)}`);
			return refuse(this, 401, 'invalid_signature', 'The X-PharmaOne-Signature could not be verified.');
		}

		let payload: unknown;
		try {
			payload = JSON.parse(typeof body === 'string' ? body : (body?.toString('utf8') ?? ''));
		} catch {
			payload = undefined;
		}
		if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
			this.logger.warn('PharmaOne Trigger: signed delivery refused with HTTP 400: the body is not a JSON object');
			return refuse(this, 400, 'invalid_body', 'The request body must be a JSON object.');
		}
		const envelope = payload as IDataObject;

		const deliveryId = headerValue(headers, DELIVERY_ID_HEADER);
		const staticData = this.getWorkflowStaticData('node');
		const eventType = readEventType(envelope, headers);
		const events = this.getNodeParameter('events', []) as string[];
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (!isEventSelected(eventType, [...events, ...splitList(options.customEvents)])) return {};
		if (!passesStatusFilter(eventType, envelope, splitList(options.onlyNewStatus))) return {};

		// Check and record in one synchronous step (no await in between): of two copies of one delivery
		// arriving together, only one starts the workflow.
		if (deliveryId !== undefined) {
			const memoryKey = `${this.getWorkflow().id ?? ''}:${node.id ?? node.name}`;
			const stored = rememberedIds(staticData);
			if (stored.includes(deliveryId) || !claimDelivery(memoryKey, deliveryId, DELIVERY_MEMORY, stored)) {
				this.logger.debug(`PharmaOne Trigger: delivery ${deliveryId} was already processed; ignored`);
				return {};
			}
			rememberDelivery(staticData, deliveryId, DELIVERY_MEMORY);
		}

		const item: IDataObject = { ...envelope };
		if (eventType !== undefined) item.event_type = eventType;
		item.deliveryId = deliveryId ?? null;
		if (options.includeHeaders === true) item.headers = headersForOutput(headers);

		const orderId = options.fetchFullOrder === true ? orderIdToFetch(eventType, envelope) : undefined;
		if (orderId !== undefined) {
			try {
				// No retries: the delivery is only answered once webhook() returns.
				item.order = (await new PharmaOneClient(this, { retry: false }).request(ROUTES.order.get, {
					pathParams: { orderId },
					subject: `Order "${orderId}"`,
				})) as IDataObject;
			} catch (error) {
				item.orderFetchError = fetchError(error);
			}
		}

		return { workflowData: [[{ json: item }]] };
	}
}
