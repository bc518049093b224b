'use strict';

// Sending many requests at once and tallying what came back.

/** Runs `tasks` (functions) at most `concurrency` at a time, stopping new ones after `deadline`; returns how many started. */
async function pool(tasks, concurrency, deadline) {
	let next = 0;
	let started = 0;
	const worker = async () => {
		while (next < tasks.length && Date.now() < deadline) {
			const task = tasks[next++];
			started++;
			await task();
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	return started;
}

/** How many entries of `list` share each value of `key(entry)`: { value: count }. */
const countBy = (list, key) => list.reduce((acc, x) => ((acc[key(x)] = (acc[key(x)] || 0) + 1), acc), {});

module.exports = { pool, countBy };
