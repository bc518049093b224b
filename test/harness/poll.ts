import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PharmaOneApi } from '../../credentials/PharmaOneApi.credentials';
import { PharmaOnePollTrigger } from '../../nodes/PharmaOnePollTrigger/PharmaOnePollTrigger.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { INSTANCE_URLS, TestNodeTypes } from './engine';
import { CUSTOM_CREDENTIALS } from './fixtures';

export const POLL_TRIGGER_TYPE = 'n8n-nodes-pharmaone.pharmaOnePollTrigger';
const NODE_NAME = 'PharmaOne Poll Trigger';

export interface PollSetup {
	parameters?: INodeParameters;
	/** The stored `pharmaOneApi` credential (defaults to the dummy custom-environment one). */
	credential?: ICredentialDataDecryptedObject;
	/** n8n's poll budget in milliseconds (IPollFunctions.getPollBudgetMs). */
	pollBudgetMs?: number;
}

export interface PollOutcome {
	/** What `poll()` returned. */
	result: Awaited<ReturnType<NonNullable<INodeType['poll']>>>;
	/** The JSON of the emitted items ([] when poll() returned null). */
	items: IDataObject[];
}

/**
 * Runs the PharmaOne Poll Trigger's `poll()` inside n8n-core's real PollContext, the way n8n's
 * ActiveWorkflows / TriggersAndPollers call it: parameters get their defaults from n8n-workflow,
 * credentials go through the credentials helper (including the PharmaOne token exchange and its
 * reuse), and the node's workflow static data is serialised to JSON between polls the way n8n
 * saves it with the workflow.
 */
export class PollHarness {
	readonly credentials: TestCredentialsHelper;

	/** What the node logged with `logger.warn`, in order, over all polls. */
	readonly warnings: string[] = [];

	private staticData: IDataObject = {};

	private readonly nodeTypes = new TestNodeTypes({ [POLL_TRIGGER_TYPE]: new PharmaOnePollTrigger() });

	constructor(private readonly setup: PollSetup = {}) {
		this.credentials = new TestCredentialsHelper({ pharmaOneApi: new PharmaOneApi() });
		this.credentials.set('pharmaOneApi', setup.credential ?? CUSTOM_CREDENTIALS);
	}

	/** The workflow static data as n8n would have saved it. */
	get savedStaticData(): IDataObject {
		return this.staticData;
	}

	/** The node's part of the static data (what `getWorkflowStaticData('node')` returns). */
	get nodeStaticData(): IDataObject {
		return (this.staticData[`node:${NODE_NAME}`] as IDataObject | undefined) ?? {};
	}

	/** Replaces the node's static data, e.g. with what an older version of the node saved. */
	setNodeStaticData(data: IDataObject) {
		this.staticData = { ...this.staticData, [`node:${NODE_NAME}`]: structuredClone(data) };
	}

	/** Changes a node parameter, as a user editing the workflow would. */
	setParameters(parameters: INodeParameters) {
		this.setup.parameters = parameters;
	}

	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<PollOutcome> {
		const node: INode = {
			id: 'poll-trigger-under-test',
			name: NODE_NAME,
			type: POLL_TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: structuredClone(this.setup.parameters ?? {}),
			credentials: { pharmaOneApi: { id: '1', name: 'PharmaOne API account' } },
		};
		const workflow = new Workflow({
			id: 'test-poll-workflow',
			nodes: [node],
			connections: {},
			active: mode !== 'manual',
			nodeTypes: this.nodeTypes,
			staticData: structuredClone(this.staticData),
		});
		const additionalData = {
			credentialsHelper: this.credentials,
			executionId: undefined,
			...INSTANCE_URLS,
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;

		const budget = this.setup.pollBudgetMs;
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			() => {
				throw new Error('poll() must return its items, not emit them');
			},
			(error) => {
				throw error;
			},
			undefined,
			undefined,
			undefined,
			budget === undefined ? undefined : () => budget,
		);

		// The node's logger: warnings recorded for the tests, the rest dropped. Set before n8n-core
		// memoizes its own logger on first use.
		const warnings = this.warnings;
		const ignore = () => undefined;
		Object.defineProperty(context, 'logger', {
			value: { error: ignore, info: ignore, debug: ignore, warn: (message: string) => void warnings.push(message) },
		});

		const nodeType = this.nodeTypes.getByNameAndVersion(POLL_TRIGGER_TYPE, 1);
		const result = await nodeType.poll!.call(context);
		// n8n saves the workflow's static data after a poll when it changed. It is kept after a
		// manual run too, so tests can prove "Fetch Test Event" leaves the baseline alone.
		this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
		const items = (result?.[0] ?? []).map((item) => item.json);
		return { result, items };
	}
}
