/** Resolves an open-enum status: the custom text wins, `__custom` alone means none. */
export function statusValue(selected: unknown, custom?: unknown): string {
	const typed = String(custom ?? '').trim();
	if (typed) return typed;
	const chosen = String(selected ?? '').trim();
	return chosen === '__custom' ? '' : chosen;
}

/** The plain value of a resource locator read from inside a collection. */
export function locatorValue(value: unknown): string {
	if (value !== null && typeof value === 'object' && 'value' in value) {
		return String((value as { value: unknown }).value ?? '').trim();
	}
	return String(value ?? '').trim();
}

/** A finite number from a number or numeric text; undefined otherwise. */
export function toNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = Number(value);
	return Number.isFinite(parsed) ? parsed : undefined;
}

/** A comma-separated list (or a list of them) as trimmed, lower-case entries without empties. */
export function splitList(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(splitList);
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((entry) => entry.trim().toLowerCase())
		.filter((entry) => entry !== '');
}
