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

/** The earlier of two timestamp strings (an unreadable one loses). */
export function earlierTimestamp(a: string | undefined, b: unknown): string | undefined {
	if (typeof b !== 'string' || parseInstant(b) === undefined) return a;
	if (a === undefined || parseInstant(a) === undefined) return b;
	return (compareTimestamps(b, a) ?? 0) < 0 ? b : a;
}
