import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse, tryToParseDateTime } from 'n8n-workflow';

import { errorMessage } from '../../shared/httpFailure';

/** A parameter that is required and must not be empty after trimming. */
export function requiredString(ctx: IExecuteFunctions, name: string, label: string, i: number): string {
	const raw = ctx.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '') {
		throw new NodeOperationError(ctx.getNode(), `The "${label}" parameter is empty (item ${i + 1})`, {
			itemIndex: i,
			description: `Enter a value for "${label}" or map one from the input.`,
		});
	}
	return value;
}

/**
 * A PharmaOne product ID (`p1_id`): the global catalogue ID, a whole number sent as text
 * (API reference §9; inventory responses carry it as an integer). Empty means undefined;
 * anything else is refused before sending, naming the field (`where`) and the item.
 */
export function p1IdValue(ctx: IExecuteFunctions, value: unknown, where: string, i: number): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') return undefined;
	if (/^\d+$/.test(text)) return text;
	throw new NodeOperationError(ctx.getNode(), `Invalid ${where} (item ${i + 1}): "${text}" is not a PharmaOne product ID (P1 ID)`, {
		itemIndex: i,
		description:
			'A P1 ID is the number of a product in the PharmaOne catalogue, e.g. 12345. Pick the product from the list or map its p1_id; a shop\'s own product ID is not a P1 ID.',
	});
}

/** The required Product parameter (a resource locator named `productId`): a P1 ID. */
export function productIdParameter(ctx: IExecuteFunctions, i: number): string {
	return p1IdValue(ctx, requiredString(ctx, 'productId', 'Product', i), '"Product"', i) as string;
}

/** Parses a JSON parameter: a string typed in a JSON field, or a value from an expression. */
export function jsonParameter(ctx: IExecuteFunctions, value: unknown, label: string, i: number): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return jsonParse(value);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `The "${label}" field is not valid JSON (item ${i + 1})`, {
			itemIndex: i,
			description: `Fix the JSON in "${label}": ${errorMessage(error)}`,
		});
	}
}

/** A JSON parameter that must hold an object; empty means `{}`. */
export function jsonObjectParameter(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	i: number,
): IDataObject {
	const parsed = jsonParameter(ctx, value, label, i);
	if (parsed === undefined || parsed === null || parsed === '') return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(ctx.getNode(), `The "${label}" field must be a JSON object (item ${i + 1})`, {
			itemIndex: i,
			description: `Use an object such as {"key": "value"} in "${label}".`,
		});
	}
	return parsed as IDataObject;
}

/** The name of the "Additional Body Fields (JSON)" option inside an operation's collection. */
export const ADDITIONAL_BODY_FIELDS = 'additionalBodyFields';

/**
 * Reads an operation's collection (Additional Fields, Update Fields, ...) and splits off its
 * "Additional Body Fields (JSON)" escape hatch: `fields` are the options
 * set, `extra` the JSON object to merge last into the body.
 */
export function additionalBody(
	ctx: IExecuteFunctions,
	collection: string,
	i: number,
): { fields: IDataObject; extra: IDataObject } {
	const { [ADDITIONAL_BODY_FIELDS]: json, ...fields } = (ctx.getNodeParameter(collection, i, {}) ?? {}) as IDataObject;
	return { fields, extra: jsonObjectParameter(ctx, json, 'Additional Body Fields (JSON)', i) };
}

/**
 * Fails before anything is sent when `body` holds nothing the user set: `message` says what
 * there is nothing of, `field` is the collection that should hold at least one field.
 */
export function requireFields(ctx: IExecuteFunctions, body: IDataObject, message: string, field: string, i: number): void {
	if (Object.keys(body).length > 0) return;
	throw new NodeOperationError(ctx.getNode(), `${message} (item ${i + 1})`, {
		itemIndex: i,
		description: `Add at least one field under "${field}" or "Additional Body Fields (JSON)".`,
	});
}

/** A JSON parameter that must hold an array. */
export function jsonArrayParameter(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	i: number,
): IDataObject[] {
	const parsed = jsonParameter(ctx, value, label, i);
	if (!Array.isArray(parsed)) {
		throw new NodeOperationError(ctx.getNode(), `The "${label}" field must be a JSON array (item ${i + 1})`, {
			itemIndex: i,
			description: `Use an array such as [{"name": "…", "qty": 1}] in "${label}".`,
		});
	}
	return parsed as IDataObject[];
}

/** What `validate()` needs of a schema: the `safeParse` of zod 3 and of zod 4 both fit. */
export interface Schema<T> {
	safeParse(value: unknown):
		| { success: true; data: T }
		| { success: false; error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } };
}

/**
 * Runs a zod schema (built from ./schemas/fields.ts) and returns its output, coercions applied.
 * A failure names the field (the label of the nearest key in `labels`, `''` for the value
 * itself), the line of a list (`line 2: `) and the item.
 */
export function validate<T>(
	ctx: IExecuteFunctions,
	schema: Schema<T>,
	value: unknown,
	labels: Record<string, string>,
	i: number,
): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const parts = [...issue.path].reverse();
	const key = parts.find((part): part is string => typeof part === 'string' && labels[part] !== undefined);
	const index = parts.find((part): part is number => typeof part === 'number');
	const path = issue.path.map(String).join('.');
	const label = key === undefined ? (labels[''] ?? (path || 'input')) : labels[key];
	const message = index === undefined ? issue.message : `line ${index + 1}: ${issue.message}`;
	throw new NodeOperationError(ctx.getNode(), `Invalid "${label}" (item ${i + 1}): ${message}`, {
		itemIndex: i,
		description: path ? `Problem at "${path}": ${issue.message}` : issue.message,
	});
}

/** An optional http(s) URL parameter: trimmed, undefined when empty, an error naming the field otherwise. */
export function httpUrlValue(ctx: IExecuteFunctions, value: unknown, label: string, i: number): string | undefined {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') return undefined;
	if (/^https?:\/\/\S+$/i.test(text)) return text;
	throw new NodeOperationError(ctx.getNode(), `Invalid "${label}" (item ${i + 1}): "${text}" is not an http(s) URL`, {
		itemIndex: i,
		description: `Enter a link such as https://example.com/prescription.pdf in "${label}".`,
	});
}

/** Removes keys whose value is undefined or an empty string, so unset options are not sent. */
export function compact(object: IDataObject): IDataObject {
	const result: IDataObject = {};
	for (const [key, value] of Object.entries(object)) {
		if (value !== undefined && value !== '') result[key] = value;
	}
	return result;
}

/** The text of a dateTime picker value: a string, a JS Date or a Luxon DateTime from an expression. */
function dateText(value: unknown): string {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
	if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	return String(value).trim();
}

/**
 * Reads a date (`unit: 'day'` → YYYY-MM-DD) or a month (`unit: 'month'` → YYYY-MM) from a
 * dateTime picker or an expression. The calendar date as written is kept (no time-zone shift).
 * Empty means undefined; anything else that is not a real date fails, naming the field and item.
 */
export function calendarValue(
	ctx: IExecuteFunctions,
	value: unknown,
	label: string,
	unit: 'day' | 'month',
	i: number,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = dateText(value);
	const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:$|[T ])/.exec(text);
	const year = Number(match?.[1]);
	const month = Number(match?.[2]);
	const day = match?.[3] === undefined ? undefined : Number(match[3]);
	const validMonth = match !== null && month >= 1 && month <= 12;
	const validDay =
		day !== undefined && validMonth && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
	if (unit === 'month' && validMonth && (day === undefined || validDay)) return `${match[1]}-${match[2]}`;
	if (unit === 'day' && validDay) return `${match[1]}-${match[2]}-${match[3]}`;
	const expected = unit === 'day' ? 'a date such as 2026-06-01 (YYYY-MM-DD)' : 'a month such as 2026-06 (YYYY-MM)';
	throw new NodeOperationError(ctx.getNode(), `Invalid "${label}" (item ${i + 1}): "${text}" is not ${expected}`, {
		itemIndex: i,
		description: unit === 'day' ? `Pick a date in "${label}" or map ${expected}.` : `Enter ${expected} in "${label}".`,
	});
}

/**
 * Reads a date and time from a dateTime picker or an expression (text, JS Date or Luxon DateTime)
 * as ISO 8601 UTC. A value without an offset is read in the workflow's time zone (workflow
 * settings, else the instance's), as n8n's own nodes read dates. Text must start with YYYY-MM-DD:
 * other formats would be parsed by the JavaScript engine in the server's time zone. Empty means
 * undefined; anything else fails, naming the field and item.
 */
export function dateTimeValue(ctx: IExecuteFunctions, value: unknown, label: string, i: number): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const zone = ctx.getTimezone();
	const text = dateText(value);
	let iso: string | null = null;
	if (typeof value !== 'string' || /^\d{4}-\d{2}-\d{2}/.test(text)) {
		try {
			const parsed = tryToParseDateTime(value, zone);
			iso = parsed.isValid ? parsed.toUTC().toISO() : null;
		} catch {
			iso = null;
		}
	}
	if (iso) return iso;
	throw new NodeOperationError(ctx.getNode(), `Invalid "${label}" (item ${i + 1}): "${text}" is not a date and time such as 2026-11-26T10:15`, {
		itemIndex: i,
		description: `Pick a date in "${label}" or map an ISO 8601 date and time, e.g. 2026-11-26T10:15 or 2026-11-26T10:15:00+01:00. Without an offset it is read in the workflow's time zone (${zone}).`,
	});
}
