import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { toolDescriptionField, withModelArguments } from '../helpers/toolMode';
import type { ResourceOperations } from './types';

/** `fields` shown only for this resource and operation, merged with each field's own display conditions. */
function forOperation(resource: string, operation: string, fields: INodeProperties[]): INodeProperties[] {
	return fields.map((field) => {
		const own: IDisplayOptions = field.displayOptions ?? {};
		return { ...field, displayOptions: { ...own, show: { ...own.show, resource: [resource], operation: [operation] } } };
	});
}

/**
 * The Operation dropdown of one resource, followed by every operation's own fields, shown for that resource
 * and operation only. Each operation's value is the name it is registered under. In PharmaOne Tool each
 * operation also has its tool description, and the parameters a model fills default to `$fromAI()`.
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
			options: Object.entries(operations)
				.map(([value, { option }]) => ({ ...option, value }))
				.sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...Object.entries(operations).flatMap(([name, operation]) =>
			forOperation(resource, name, [
				toolDescriptionField(operation.tool.description),
				...withModelArguments(operation.description, operation.tool.args ?? []),
			]),
		),
	];
}
