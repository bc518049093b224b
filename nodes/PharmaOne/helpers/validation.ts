import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, jsonParse } from 'n8n-workflow';
import type { ZodType } from 'zod';

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

/** Parses a JSON parameter: a string typed in a JSON field, or a value from an expression. */
export function jsonParameter(ctx: IExecuteFunctions, value: unknown, label: string, i: number): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return undefined;
	try {
		return jsonParse(value);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), `The "${label}" field is not valid JSON (item ${i + 1})`, {
			itemIndex: i,
			description: `Fix the JSON in "${label}": ${(error as Error).message}`,
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

/**
 * Runs a zod schema; a failure names the offending field (by `labels`, `''` for the value
 * itself) and the item.
 */
export function validate<T>(
	ctx: IExecuteFunctions,
	schema: ZodType<T>,
	value: unknown,
	labels: Record<string, string>,
	i: number,
): T {
	const result = schema.safeParse(value);
	if (result.success) return result.data;
	const issue = result.error.issues[0];
	const path = issue.path.join('.');
	const key = [...issue.path].reverse().find((part) => typeof part === 'string' && labels[part] !== undefined);
	const label = key === undefined ? (labels[''] ?? (path || 'input')) : labels[key as string];
	throw new NodeOperationError(ctx.getNode(), `Invalid "${label}" (item ${i + 1}): ${issue.message}`, {
		itemIndex: i,
		description: path ? `Problem at "${path}": ${issue.message}` : issue.message,
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
