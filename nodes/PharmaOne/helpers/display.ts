import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Shows `fields` only for the given resource and operation(s), merging these conditions with
 * each field's own `displayOptions` instead of replacing them.
 */
export function forOperation(
	resource: string,
	operation: string | string[],
	fields: INodeProperties[],
): INodeProperties[] {
	const operations = Array.isArray(operation) ? operation : [operation];
	return fields.map((field) => {
		const own: IDisplayOptions = field.displayOptions ?? {};
		return {
			...field,
			displayOptions: {
				...own,
				show: { ...own.show, resource: [resource], operation: operations },
			},
		};
	});
}
