import { WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PharmaOneApi } from '../../credentials/PharmaOneApi.credentials';
import { PharmaOneWebhookApi } from '../../credentials/PharmaOneWebhookApi.credentials';
import { PharmaOneTrigger } from '../../nodes/PharmaOneTrigger/PharmaOneTrigger.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { INSTANCE_URLS, TestNodeTypes } from './engine';

export const TRIGGER_TYPE = 'n8n-nodes-pharmaone.pharmaOneTrigger';
const NODE_NAME = 'PharmaOne Trigger';

/** What reaches n8n's webhook server: header names lower-cased by Node.js, the raw body bytes. */
export interface Delivery {
	headers: Record<string, string | string[]>;
	/** n8n's `req.rawBody`; leave undefined to model a request whose raw body was not kept. */
	rawBody?: Buffer;
}

/** A stand-in for the Express response, recording what the node answers by hand. */
export class RecordedResponse {
	statusCode = 200;

	body: unknown;

	headersSent = false;

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	json(body: unknown) {
		this.body = body;
		this.headersSent = true;
		return this;
	}

	send(body: unknown) {
		return this.json(body);
	}

	end() {
		this.headersSent = true;
		return this;
	}
}

export interface DeliveryOutcome {
	/** What `webhook()` returned. */
	result: IWebhookResponseData;
	/** The HTTP status PharmaOne gets back, following n8n's WebhookHelpers.executeWebhook. */
	status: number;
	/** The body the node sent by hand, if it did. */
	sentBody: unknown;
	/** Whether n8n would start an execution. */
	started: boolean;
	/** The JSON of the items the execution would start with. */
	items: IDataObject[];
}

export interface TriggerSetup {
	parameters?: INodeParameters;
	/** Stored credentials by type; a type left out is not attached to the node. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** `webhook` for the production URL, `manual` for the test URL. */
	mode?: WorkflowExecuteMode;
	/**
	 * Drop static-data changes after each delivery, as n8n 2.41 does once a delivery starts an
	 * execution (the execution re-wraps the static data and clears its "changed" flag).
	 */
	discardStaticData?: boolean;
}

let harnessCount = 0;

/**
 * Drives the PharmaOne Trigger through n8n-core's real WebhookContext: parameters get their
 * defaults from n8n-workflow, credentials come through the credentials helper (including the
 * PharmaOne API token exchange), and workflow static data survives between deliveries the way
 * n8n saves it to the database (serialised to JSON in between).
 */
export class WebhookHarness {
	readonly credentials: TestCredentialsHelper;

	private staticData: IDataObject = {};

	/** Each harness is its own workflow, so the trigger's in-process memory is not shared between tests. */
	private readonly workflowId = `test-workflow-${++harnessCount}`;

	private readonly nodeTypes = new TestNodeTypes({ [TRIGGER_TYPE]: new PharmaOneTrigger() });

	constructor(private readonly setup: TriggerSetup = {}) {
		this.credentials = new TestCredentialsHelper({
			pharmaOneApi: new PharmaOneApi(),
			pharmaOneWebhookApi: new PharmaOneWebhookApi(),
		});
		for (const [type, data] of Object.entries(setup.credentials ?? {})) this.credentials.set(type, data);
	}

	/** The static data as n8n would have saved it. */
	get savedStaticData(): IDataObject {
		return this.staticData;
	}

	async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
		const node: INode = {
			id: 'trigger-under-test',
			name: NODE_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'pharmaone-webhook-id',
			parameters: structuredClone(this.setup.parameters ?? {}),
			credentials: Object.fromEntries(
				Object.keys(this.setup.credentials ?? {}).map((type, index) => [
					type,
					{ id: String(index + 1), name: `${type} account` },
				]),
			),
		};
		const workflow = new Workflow({
			id: this.workflowId,
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData: structuredClone(this.staticData),
		});
		const response = new RecordedResponse();
		const request = {
			headers: delivery.headers,
			rawBody: delivery.rawBody,
			body: {},
			params: {},
			query: {},
		};
		const additionalData = {
			credentialsHelper: this.credentials,
			httpRequest: request,
			httpResponse: response,
			executionId: undefined,
			...INSTANCE_URLS,
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;

		const nodeType = this.nodeTypes.getByNameAndVersion(TRIGGER_TYPE, 1);
		const webhookDescription = nodeType.description.webhooks![0];
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: NODE_NAME,
			path: `${node.webhookId}/webhook`,
			webhookDescription,
			workflowId: 'test-workflow',
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest: this.setup.mode === 'manual',
		};
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			this.setup.mode ?? 'webhook',
			webhookData,
			[],
			null,
		);

		const result = await nodeType.webhook!.call(context);
		// n8n saves the static data after every delivery (LiveWebhooks → saveStaticData).
		if (!this.setup.discardStaticData) {
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		}

		const started = result.workflowData !== undefined;
		// WebhookHelpers.executeWebhook: noWebhookResponse → the node answered itself; otherwise
		// n8n answers with the webhook's responseCode (200 by default), started or not.
		const status = result.noWebhookResponse === true ? response.statusCode : 200;
		const items = (result.workflowData?.[0] ?? []).map((item) => item.json);
		return { result, status, sentBody: response.body, started, items };
	}
}
