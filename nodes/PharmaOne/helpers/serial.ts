/**
 * Tasks started with the same key, anywhere in this n8n process, run one after the other.
 *
 * Two things need it, and both are process-wide by nature: n8n's deduplication store (it reads a
 * workflow's whole key list and writes it back, with no transaction, so two calls at the same time
 * lose one call's keys), and Set Stock Level (a read of a product's level and the adjustment
 * computed from it must not interleave with another read and adjustment of the same product).
 * Only keys with a task queued or running are kept.
 */
const tails = new Map<string, Promise<void>>();

export async function serially<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = tails.get(key) ?? Promise.resolve();
	const run = previous.then(task);
	const tail = run.then(
		() => undefined,
		() => undefined,
	);
	tails.set(key, tail);
	try {
		return await run;
	} finally {
		if (tails.get(key) === tail) tails.delete(key);
	}
}
