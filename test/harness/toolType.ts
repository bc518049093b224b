import type { INodeType } from 'n8n-workflow';

import { PharmaOne } from '../../nodes/PharmaOne/PharmaOne.node';

export const TOOL_NODE_TYPE = 'n8n-nodes-pharmaone.pharmaOneTool';
export const NODE_TYPE = 'n8n-nodes-pharmaone.pharmaOne';

/**
 * The node type as n8n's loader wraps a `usableAsTool` node ("PharmaOne Tool"): name + 'Tool', no inputs,
 * one ai_tool output, the same properties and execute (n8n 2.41 packages/cli tool-generation/ai-tools).
 */
export function pharmaOneTool(): INodeType {
	const node = new PharmaOne();
	node.description = {
		...node.description,
		name: `${node.description.name}Tool`,
		displayName: `${node.description.displayName} Tool`,
		inputs: [],
		outputs: ['ai_tool'],
	};
	delete node.description.usableAsTool;
	return node;
}
