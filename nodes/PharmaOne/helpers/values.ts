/** Resolves an open-enum status: the custom text wins, `__custom` alone means none. */
export function statusValue(selected: unknown, custom: unknown): string {
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
