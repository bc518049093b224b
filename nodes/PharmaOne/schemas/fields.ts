import { z } from 'zod';

import { toNumber } from '../../shared/values';

/*
 * Field schemas the operations build their input schemas from. zod comes from the n8n host
 * (zod 3 today, zod 4 later), so only what both versions understand is used here and in the
 * operations' schemas:
 * - messages as `{ message }` or a string argument (not zod 3's `invalid_type_error` /
 *   `required_error`, nor zod 4's `error`);
 * - unknown keys kept with `.catchall(z.unknown())` (not `.passthrough()`, deprecated in zod 4);
 * - rules over several fields as `.refine(check, { message, path })` (not `superRefine` with
 *   zod 3's `ZodIssueCode`);
 * - a key that may be missing is `.optional()`, even `z.unknown()` (zod 4 requires it otherwise);
 * - coercion inside the schema, through `numeric()` below.
 * `validate()` in ../validation.ts runs a schema and names the field, the line and the item.
 */

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/**
 * A number from an expression often arrives as text ("9.99"): such text counts as its number.
 * A number that is not finite becomes NaN, which zod 3 and zod 4 both reject (zod 3 alone
 * accepts Infinity). Anything else is left for the schema to reject with its message.
 */
function numberFromText(value: unknown): unknown {
	if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
	if (typeof value === 'string') return toNumber(value) ?? value;
	return value;
}

/** `schema` (a number schema) applied after numeric text became its number; `whenEmpty` stands in for an unset value. */
export function numeric<T extends z.ZodTypeAny>(schema: T, whenEmpty?: number) {
	return z.preprocess((value) => (whenEmpty !== undefined && isEmpty(value) ? whenEmpty : numberFromText(value)), schema);
}

/** A number; `message` when the value is not one. */
export function number(message = 'must be a number') {
	return z.number({ message });
}

/** A whole number; `message` when the value is not one. */
export function wholeNumber(message = 'must be a whole number') {
	return z.number({ message }).int(message);
}

/** Text; `message` when the value is not text. */
export function text(message = 'must be text') {
	return z.string({ message });
}

/** Text that is not empty after trimming (the trimmed text is kept). */
export const nonEmptyText = text().trim().min(1, 'must not be empty');

/** true or false. */
export const flag = z.boolean({ message: 'must be true or false' });

/** A price: a number of 0 or more, numeric text included. */
export const price = numeric(number().min(0, 'must be 0 or more'));
