import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { claim, enrich, filter, parse, readDelivery, readOptions, refuse, verify } from './helpers/delivery';
import { ALL_EVENTS, EVENT_OPTIONS, readEventType } from './helpers/events';
import { signingSecretProblem } from './helpers/signature';

const SETUP_NOTICE =
	'In PharmaOne Manager → Org Settings → Integrations → Webhook subscriptions, add a subscription (at most 5 per organization) with this node\'s URL from "Webhook URLs" above: the <b>Test URL</b> while you build (click <b>Execute step</b> here, then "Send test event" in Manager), the <b>Production URL</b> once the workflow is published. PharmaOne needs an HTTPS URL. Tick the events you want there too, and copy the signing secret (shown only once) into the PharmaOne Webhook API credential (field Signing Secret).';

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

	/** verify → parse → filter → claim → enrich (helpers/delivery.ts). */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const delivery = readDelivery(this);
		if (!(await verify(this, delivery))) {
			return refuse(this, 401, 'invalid_signature', 'The X-PharmaOne-Signature could not be verified.');
		}
		const envelope = parse(this, delivery);
		if (envelope === undefined) return refuse(this, 400, 'invalid_body', 'The request body must be a JSON object.');

		// A delivery filtered out or already started is acknowledged (HTTP 200) and starts nothing.
		const eventType = readEventType(envelope, delivery.headers);
		const options = readOptions(this);
		if (!filter(eventType, envelope, options) || !claim(this, delivery.deliveryId)) return {};

		const item = await enrich(this, delivery, envelope, eventType, options);
		return { workflowData: [[{ json: item }]] };
	}
}
