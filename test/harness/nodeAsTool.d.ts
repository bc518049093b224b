import type { INode, INodeType } from 'n8n-workflow';

export interface ModelTool {
	name: string;
	description: string;
	parameters: { properties: Record<string, { type: string; description?: string }>; required?: string[] };
}

export function toolDefinition(node: INode, nodeType: INodeType): ModelTool;
