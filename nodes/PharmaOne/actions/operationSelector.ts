import type { INodeProperties } from 'n8n-workflow';

import { toolDescriptionField, withModelArguments } from '../helpers/toolMode';
import { TOOLS } from './tools';
import type { ResourceOperations } from './types';

/**
 * The Operation dropdown of one resource, followed by every operation's own fields. In PharmaOne Tool
 * each operation also has its tool description, and the parameters a model fills default to `$fromAI()`
 * (actions/tools.ts).
 */
export function operationSelector(
	resource: string,
	operations: ResourceOperations,
	defaultOperation: string,
): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: Object.values(operations)
				.map((operation) => operation.option)
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...Object.entries(operations).flatMap(([name, operation]) => {
			const tool = TOOLS[resource]?.[name];
			if (!tool) return operation.description;
			return [
				toolDescriptionField(tool.description, { resource: [resource], operation: [operation.option.value] }),
				...withModelArguments(operation.description, tool.args ?? []),
			];
		}),
	];
}
