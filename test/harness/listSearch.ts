import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeListSearchResult,
	INodeParameters,
	INodeTypes,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { PharmaOne } from '../../nodes/PharmaOne/PharmaOne.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { CREDENTIAL_TYPES, INSTANCE_URLS, NODE_TYPE } from './engine';
import { CUSTOM_CREDENTIALS } from './fixtures';

export type ListSearchMethod = keyof PharmaOne['methods']['listSearch'];

/**
 * Runs one of the PharmaOne node's listSearch methods in n8n-core's LoadOptionsContext, as the
 * editor does when a resource locator's "From List" opens, is searched (`filter`) or scrolled
 * (`paginationToken`). `parameters` are the node's current parameters.
 */
export async function runListSearch(
	method: ListSearchMethod,
	parameters: INodeParameters,
	options: { filter?: string; paginationToken?: string; credentials?: ICredentialDataDecryptedObject } = {},
): Promise<INodeListSearchResult> {
	const nodeType = new PharmaOne();
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'node-under-test',
		name: 'PharmaOne',
		type: NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { pharmaOneApi: { id: '1', name: 'PharmaOne account' } },
	};
	const workflow = new Workflow({ id: 'list-search', nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new TestCredentialsHelper(CREDENTIAL_TYPES);
	credentialsHelper.set('pharmaOneApi', options.credentials ?? CUSTOM_CREDENTIALS);
	const additionalData = {
		credentialsHelper,
		currentNodeParameters: parameters,
		...INSTANCE_URLS,
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.list');
	return await nodeType.methods.listSearch[method].call(context, options.filter, options.paginationToken);
}
