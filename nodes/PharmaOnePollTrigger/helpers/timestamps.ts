/**
 * PharmaOne timestamps are ISO-8601 UTC, with or without fractional seconds, live data with
 * microseconds (`2026-06-14T10:05:55.806759Z`). `Date.parse` keeps only milliseconds and plain
 * string comparison misorders `…:00Z` and `…:00.5Z`, so timestamps are compared as
 * (epoch seconds, fraction padded to 9 digits).
 */
export interface Instant {
	seconds: number;
	/** Fractional seconds as 9 digits, e.g. "806759000". */
	fraction: string;
}

const FRACTION = /^(.*T\d{2}:\d{2}:\d{2})[.,](\d+)(.*)$/;

export function parseInstant(value: unknown): Instant | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const text = value.trim();
	const match = FRACTION.exec(text);
	const whole = match ? `${match[1]}${match[3]}` : text;
	const millis = Date.parse(whole);
	if (Number.isNaN(millis)) return undefined;
	const digits = match ? match[2].slice(0, 9) : '';
	return { seconds: Math.floor(millis / 1000), fraction: digits.padEnd(9, '0') };
}

/** Negative when a is earlier than b, 0 when equal, positive when later. */
export function compareInstants(a: Instant, b: Instant): number {
	if (a.seconds !== b.seconds) return a.seconds - b.seconds;
	return a.fraction < b.fraction ? -1 : a.fraction > b.fraction ? 1 : 0;
}

/**
 * Compares two timestamp strings; undefined when either cannot be read, so callers decide
 * what an unreadable timestamp means (never "older", which would stop paging).
 */
export function compareTimestamps(a: unknown, b: unknown): number | undefined {
	const left = parseInstant(a);
	const right = parseInstant(b);
	if (left === undefined || right === undefined) return undefined;
	return compareInstants(left, right);
}

/** The later of two timestamp strings (an unreadable one loses). */
export function laterTimestamp(a: string | undefined, b: unknown): string | undefined {
	if (typeof b !== 'string' || parseInstant(b) === undefined) return a;
	if (a === undefined || parseInstant(a) === undefined) return b;
	return (compareTimestamps(b, a) ?? 0) > 0 ? b : a;
}

const DAY_SECONDS = 86_400;
const UTC_FORM = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;

/** The UTC day ("YYYY-MM-DD") of a timestamp string or epoch milliseconds; undefined when unreadable. */
export function dayKey(value: unknown): string | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? new Date(value).toISOString().slice(0, 10) : undefined;
	// The usual UTC form needs no parsing (this runs for every row of every poll).
	if (typeof value === 'string' && UTC_FORM.test(value)) return value.slice(0, 10);
	const instant = parseInstant(value);
	return instant === undefined ? undefined : new Date(instant.seconds * 1000).toISOString().slice(0, 10);
}

/** The first instant of a day key, as a timestamp string. */
export function startOfDay(day: string): string {
	return `${day}T00:00:00Z`;
}

/** The day `days` days before the day of `nowMs` (UTC). */
export function daysBefore(nowMs: number, days: number): string {
	return new Date(Math.floor(nowMs / 1000 / DAY_SECONDS) * DAY_SECONDS * 1000 - days * DAY_SECONDS * 1000)
		.toISOString()
		.slice(0, 10);
}

/** A timestamp string `seconds` earlier than `value` (fraction kept); undefined when unreadable. */
export function secondsBefore(value: unknown, seconds: number): string | undefined {
	const instant = parseInstant(value);
	if (instant === undefined) return undefined;
	const whole = new Date((instant.seconds - seconds) * 1000).toISOString().slice(0, 19);
	return `${whole}.${instant.fraction}Z`;
}

/** Whether a timestamp is readable and earlier than `limit`. */
export function isBefore(value: unknown, limit: string): boolean {
	const comparison = compareTimestamps(value, limit);
	return comparison !== undefined && comparison < 0;
}
