import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { calendarValue, compact, validate } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import type { Route } from '../../../shared/routes';

/**
 * Fields and output shaping shared by the four read-only reports. PharmaOne does not document
 * the response JSON of any report, so a report is returned as it came, as one item, and can be
 * split into items on a top-level array.
 */

/** From Date / To Date; `defaults` says what PharmaOne reports when they are left empty, where known. */
export function dateRangeFields(defaults?: string): INodeProperties[] {
	const empty = defaults ? `Leave empty for PharmaOne's default: ${defaults}` : 'Leave empty to let PharmaOne choose the period';
	return [
		{
			displayName: 'From Date',
			name: 'fromDate',
			type: 'dateTime',
			default: '',
			description: `Start of the report period, sent as YYYY-MM-DD (the time of day is ignored). ${empty}.`,
		},
		{
			displayName: 'To Date',
			name: 'toDate',
			type: 'dateTime',
			default: '',
			description: `End of the report period, sent as YYYY-MM-DD (the time of day is ignored). Must not be before From Date. ${empty}.`,
		},
	];
}

export const reportOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Array Field',
			name: 'arrayField',
			type: 'string',
			default: '',
			placeholder: 'e.g. data',
			description:
				'Top-level key of the array to split into items. Leave empty to split the response itself when it is an array, or its only top-level array.',
		},
		{
			displayName: 'Split Into Items',
			name: 'splitArray',
			type: 'boolean',
			default: false,
			description:
				'Whether to output one item per element of a top-level array of the report instead of the whole report as one item. Run the report once without it to see which arrays it has.',
		},
	],
};

/** YYYY-MM-DD or YYYY-MM strings of one report period: the start must not be after the end. */
const periodSchema = z
	.object({ from: z.string().optional(), to: z.string().optional() })
	.refine((period) => period.from === undefined || period.to === undefined || period.from <= period.to, {
		message: 'the start of the period is after its end; swap the two values',
		path: ['to'],
	});

export interface Period {
	from?: string;
	to?: string;
}

/** Reads two date or month parameters, converts them and checks their order. */
export function readPeriod(
	ctx: IExecuteFunctions,
	i: number,
	fields: { from: [name: string, label: string]; to: [name: string, label: string] },
	unit: 'day' | 'month',
): Period {
	const from = calendarValue(ctx, ctx.getNodeParameter(fields.from[0], i, ''), fields.from[1], unit, i);
	const to = calendarValue(ctx, ctx.getNodeParameter(fields.to[0], i, ''), fields.to[1], unit, i);
	return validate(ctx, periodSchema, { from, to }, { from: fields.from[1], to: fields.to[1] }, i);
}

function isObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asItem(value: unknown): IDataObject {
	return isObject(value) ? value : { value: value as IDataObject[string] };
}

/** The whole report as one item, or its top-level array as items when the user asked for it. */
export function shapeReport(ctx: IExecuteFunctions, response: unknown, i: number): IDataObject | IDataObject[] {
	const options = ctx.getNodeParameter('options', i, {}) as IDataObject;
	if (options.splitArray !== true) {
		return isObject(response) ? response : { data: (response ?? null) as IDataObject[string] };
	}
	const field = String(options.arrayField ?? '').trim();
	if (Array.isArray(response) && field === '') return response.map(asItem);
	const report = isObject(response) ? response : {};
	const arrays = Object.keys(report).filter((key) => Array.isArray(report[key]));
	const chosen = field || (arrays.length === 1 ? arrays[0] : '');
	if (chosen && Array.isArray(report[chosen])) return (report[chosen] as unknown[]).map(asItem);
	const found = arrays.length > 0 ? `Top-level arrays in this report: ${arrays.join(', ')}.` : 'This report has no top-level array.';
	throw new NodeOperationError(
		ctx.getNode(),
		field
			? `The report has no top-level array "${field}" to split (item ${i + 1})`
			: `The report has ${arrays.length === 0 ? 'no' : 'more than one'} top-level array to split (item ${i + 1})`,
		{
			itemIndex: i,
			description: `${found} Set "Array Field" to one of them, or turn "Split Into Items" off to get the report as one item.`,
		},
	);
}

/**
 * The execute of a report over a day range (From Date / To Date), sent under the query names the
 * route documents (`from`/`to`, or `from_date`/`to_date`).
 */
export function dateRangeReport(route: Route, query: { from: string; to: string }) {
	return async function (this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject | IDataObject[]> {
		const period = readPeriod(this, i, { from: ['fromDate', 'From Date'], to: ['toDate', 'To Date'] }, 'day');
		const response = await client.request(route, {
			qs: compact({ [query.from]: period.from, [query.to]: period.to }),
			itemIndex: i,
		});
		return shapeReport(this, response, i);
	};
}
