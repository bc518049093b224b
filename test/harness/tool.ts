import type { INode, INodeParameters, INodeType, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { PharmaOne } from '../../nodes/PharmaOne/PharmaOne.node';
import type { ModelTool } from './nodeAsTool';
import { toolDefinition } from './nodeAsTool';
import { NODE_TYPE, TOOL_NODE_TYPE, pharmaOneTool } from './toolType';

export { NODE_TYPE, TOOL_NODE_TYPE, pharmaOneTool };
export type { ModelTool };

/*
 * PharmaOne as n8n registers it for AI agents and MCP clients ("PharmaOne Tool"), and what a model is
 * sent about it: n8n-core's own createNodeAsTool (the function the AI Agent and the MCP Server Trigger
 * call) turned into an OpenAI tool definition by LangChain, as the OpenAI Chat Model sends it.
 */

function nodeTypes(type: INodeType): INodeTypes {
	return {
		getByName: () => type,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(type, 1),
		getKnownTypes: () => ({}),
	};
}

/** The node's parameters once n8n has filled in the defaults (as it does when it loads a workflow). */
export function filledParameters(parameters: INodeParameters, tool: boolean, name = 'PharmaOne'): INode {
	const type = tool ? pharmaOneTool() : new PharmaOne();
	const node: INode = { id: 'n1', name, type: tool ? TOOL_NODE_TYPE : NODE_TYPE, typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes: nodeTypes(type) });
	return workflow.getNode(name) as INode;
}

/** The function definition the model receives for a PharmaOne Tool node with these parameters. */
export function toolAsModelSeesIt(parameters: INodeParameters, name = 'PharmaOne'): ModelTool {
	const node = filledParameters(parameters, true, name);
	return toolDefinition(node, pharmaOneTool());
}
