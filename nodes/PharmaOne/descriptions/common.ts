import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ADDITIONAL_BODY_FIELDS } from '../helpers/validation';
import { TOOL_LIMIT } from '../helpers/returnAll';
import { inTool, outsideTool } from '../helpers/toolMode';

const ONE_RESPONSE_HINT = 'PharmaOne returns this list in one response; only the first rows are kept';

/**
 * Return All + Limit, as every n8n Get Many operation has them. `maxPageSize` for paged routes;
 * without it the list comes in one response. As PharmaOne Tool the Limit defaults to TOOL_LIMIT.
 */
export function returnAllOrLimit(maxPageSize?: number): INodeProperties[] {
	const limit: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		hint: maxPageSize ? `Pages of up to ${maxPageSize} rows are fetched as needed` : ONE_RESPONSE_HINT,
		displayOptions: { show: { returnAll: [false] } },
	};
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		outsideTool(limit),
		inTool({
			...limit,
			default: TOOL_LIMIT,
			description: 'Max number of results to return to the AI model. Keep it small: every row is sent to the model provider.',
		}),
	];
}

/**
 * The escape hatch (keys PharmaOne documents later, merged last), as an
 * option of the operation's collection, the way n8n's own nodes offer raw JSON. Read with
 * `additionalBody` (nodes/shared/validation.ts). `into` names where the keys go.
 */
export function additionalBodyFields(into = 'the request body', note = ''): INodeProperties {
	return {
		displayName: 'Additional Body Fields (JSON)',
		name: ADDITIONAL_BODY_FIELDS,
		type: 'json',
		default: '{}',
		description: `Extra keys sent as they are, merged last into ${into}. ${note ? `${note} ` : ''}Use it for fields PharmaOne supports that this node does not show yet.`,
	};
}

/** A collection (n8n's "Add Field" list) of body fields: the JSON escape hatch first, then `options`. */
export function bodyFieldsCollection(
	displayName: string,
	name: string,
	placeholder: string,
	options: INodeProperties[],
	into?: string,
	note?: string,
): INodeProperties {
	return { displayName, name, type: 'collection', placeholder, default: {}, options: [additionalBodyFields(into, note), ...options] };
}

/** An "Additional Fields" collection: the JSON escape hatch, then the given options. */
export function additionalFields(options: INodeProperties[], into?: string, note?: string): INodeProperties {
	return bodyFieldsCollection('Additional Fields', 'additionalFields', 'Add Field', options, into, note);
}

/** The Items list of an order: one "Item" entry per line with the given fields. */
export function lineItems(own: Partial<INodeProperties>, values: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Items',
		name: 'items',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Item',
		default: {},
		...own,
		options: [{ displayName: 'Item', name: 'item', values }],
	};
}

/** The Filters collection of a Get Many operation. */
export function filters(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options };
}

/** The order statuses PharmaOne documents; more exist, so a custom value is always accepted. */
export const ORDER_STATUS_OPTIONS = [
	{ name: 'Pending', value: 'pending' },
	{ name: 'Awaiting Packing', value: 'awaiting_packing' },
	{ name: 'Ready for Pickup', value: 'ready_pickup' },
	{ name: 'Other (Type Below)', value: '__custom' },
];

export const PAYMENT_STATUS_OPTIONS = [
	{ name: 'Pending', value: 'pending' },
	{ name: 'Paid', value: 'paid' },
];

/**
 * The Status option of a Filters collection: one choice. The known values are listed; any other
 * value PharmaOne uses (statuses are an open list, API reference §22.2) is typed as an expression,
 * the way every n8n options field takes a value it does not list.
 */
export function statusFilter(
	options: INodePropertyOptions[],
	defaultStatus: string,
	resourceLabel: string,
	example: string,
): INodeProperties {
	return {
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: options.filter((option) => option.value !== '__custom'),
		default: defaultStatus,
		description: `Only ${resourceLabel} with this status. For a status not listed, switch this field to Expression and type it, e.g. ${example}.`,
	};
}
