import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { PharmaOneApi } from '../../credentials/PharmaOneApi.credentials';
import { PharmaOneShopApi } from '../../credentials/PharmaOneShopApi.credentials';
import { PharmaOne } from '../../nodes/PharmaOne/PharmaOne.node';
import { createRunExecutionData } from './compat';
import { TestCredentialsHelper } from './credentialsHelper';
import { TOOL_NODE_TYPE, pharmaOneTool } from './toolType';

export const NODE_TYPE = 'n8n-nodes-pharmaone.pharmaOne';

/** The URLs an n8n instance on 127.0.0.1:5678 would give its execution contexts. */
export const INSTANCE_URLS = {
	restApiUrl: 'http://127.0.0.1:5678/rest',
	instanceBaseUrl: 'http://127.0.0.1:5678/',
	formBaseUrl: 'http://127.0.0.1:5678/form',
	formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
	formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
	webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
	webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
	webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
	mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
	mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
};
const CREDENTIAL_TEST_TYPE = 'n8n-nodes-base.noOp';

export const CREDENTIAL_TYPES: Record<string, ICredentialType> = {
	pharmaOneApi: new PharmaOneApi(),
	pharmaOneShopApi: new PharmaOneShopApi(),
};

/** A declarative node built like n8n's credential tester builds it from `test.request`. */
export function credentialTestNodeType(credentialType: string): INodeType {
	const test = CREDENTIAL_TYPES[credentialType].test;
	if (!test) throw new Error(`${credentialType} has no test request`);
	return {
		description: {
			displayName: 'Temp',
			name: CREDENTIAL_TEST_TYPE,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			requestDefaults: {},
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' },
			],
		},
	} as INodeType;
}

/** The node types a test workflow may use, by type name. */
export class TestNodeTypes implements INodeTypes {
	constructor(readonly types: Record<string, INodeType>) {}

	getByName(name: string) {
		return this.types[name];
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return NodeHelpers.getVersionedNodeType(type, version);
	}

	getKnownTypes() {
		return {};
	}
}

export interface RunOptions {
	parameters: INodeParameters;
	/** Input items of the node; one empty item by default. */
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	nodeType?: string;
	credentialType?: string;
	/** The workflow's time zone (Workflow Settings → Timezone); n8n's default when left out. */
	timezone?: string;
	/** The saved workflow's ID ('test-workflow' by default) and the node's ID ('node-under-test'). */
	workflowId?: string;
	nodeId?: string;
}

export interface RunResult {
	/** JSON of every output item. */
	json: IDataObject[];
	items: INodeExecutionData[];
	/** The node's error when the run failed. */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	run: IRun;
}

/**
 * Runs one node inside n8n-core's WorkflowExecute, with a credentials store that persists
 * across runs like n8n's database does.
 */
export class EngineHarness {
	readonly credentials = new TestCredentialsHelper(CREDENTIAL_TYPES);

	private readonly nodeTypes = new TestNodeTypes({
		[NODE_TYPE]: new PharmaOne(),
		[TOOL_NODE_TYPE]: pharmaOneTool(),
		[CREDENTIAL_TEST_TYPE]: credentialTestNodeType('pharmaOneApi'),
	});

	constructor(credentials: Record<string, ICredentialDataDecryptedObject> = {}) {
		for (const [type, data] of Object.entries(credentials)) this.credentials.set(type, data);
	}

	/** Makes another node type available to `run({ nodeType })`, e.g. a probe built on the PharmaOne node. */
	register(typeName: string, type: INodeType): this {
		this.nodeTypes.types[typeName] = type;
		return this;
	}

	async run(options: RunOptions): Promise<RunResult> {
		const credentialType = options.credentialType ?? 'pharmaOneApi';
		const workflowId = options.workflowId ?? 'test-workflow';
		const node: INode = {
			id: options.nodeId ?? 'node-under-test',
			name: 'PharmaOne',
			type: options.nodeType ?? NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: { [credentialType]: { id: '1', name: 'PharmaOne account' } },
			continueOnFail: options.continueOnFail ?? false,
			onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		};
		const workflow = new Workflow({
			id: workflowId,
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
			settings: options.timezone ? { timezone: options.timezone } : {},
		});
		const hooks = new ExecutionLifecycleHooks('manual', '1', {
			id: workflowId,
			name: 'test',
			active: false,
			activeVersionId: null,
			isArchived: false,
			nodes: [node],
			connections: {},
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		let resolveRun: (run: IRun) => void = () => undefined;
		const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => resolveRun(run));

		const additionalData = {
			credentialsHelper: this.credentials,
			hooks,
			executionId: '1',
			currentNodeExecutionIndex: 0,
			...INSTANCE_URLS,
			variables: {},
			logAiEvent: () => undefined,
			setExecutionStatus: () => undefined,
			sendDataToUI: () => undefined,
			getRunExecutionData: async () => undefined,
			executeWorkflow: async () => {
				throw new Error('not supported in tests');
			},
			getRuntimeCredential: async () => undefined,
			startRunnerTask: async () => {
				throw new Error('not supported in tests');
			},
		} as unknown as IWorkflowExecuteAdditionalData;

		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null },
				],
			},
		});
		const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		await execute.processRunExecutionData(workflow);
		const run = await finished;

		const task = run.data.resultData.runData[node.name]?.[0];
		const items = (task?.data?.main?.[0] ?? []) as INodeExecutionData[];
		const error = (task?.error ?? run.data.resultData.error) as RunResult['error'];
		return { json: items.map((item) => item.json), items, error, run };
	}

	/**
	 * Tests a credential the way n8n's credential dialog does: its `test.request` runs as the
	 * routing of a temporary `n8n-nodes-base.noOp` node (the type n8n's preAuthentication
	 * recognises as a credential test).
	 */
	async testCredential(credentialType = 'pharmaOneApi'): Promise<RunResult> {
		this.nodeTypes.types[CREDENTIAL_TEST_TYPE] = credentialTestNodeType(credentialType);
		return await this.run({ nodeType: CREDENTIAL_TEST_TYPE, credentialType, parameters: { temp: '' } });
	}
}
