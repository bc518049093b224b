/**
 * Runs `task` for indexes 0..count-1 with up to `parallel` in flight, and returns the results in
 * index order. The first task runs alone, so a missing or expired token is exchanged once before
 * the others start. A task that throws stops the start of further tasks; once the tasks in
 * flight have settled, the error of the lowest failed index is thrown.
 */
export async function runScheduled<T>(count: number, parallel: number, task: (index: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array(count);
	let next = 0;
	const stop: { index?: number; error?: unknown } = {};
	const worker = async (limit = Infinity) => {
		for (let done = 0; done < limit && stop.index === undefined && next < count; done++) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				if (stop.index === undefined || index < stop.index) Object.assign(stop, { index, error });
			}
		}
	};
	await worker(1);
	await Promise.all(Array.from({ length: Math.min(parallel, count) }, async () => await worker()));
	if (stop.index !== undefined) throw stop.error;
	return results;
}
