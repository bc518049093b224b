import type { INodeProperties } from 'n8n-workflow';

import type { ResourceOperations } from './types';

/** The Operation dropdown of one resource, followed by every operation's own fields. */
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
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}
