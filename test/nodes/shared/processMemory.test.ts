import { claimDelivery, isMarkedNotApplied, markNotApplied, serially } from '../../../nodes/shared/processMemory';

describe('delivery ids', () => {
	test('a delivery id is claimed once per trigger; other triggers are independent', () => {
		expect(claimDelivery('wf1:a', 'dummy-delivery-1', 10)).toBe(true);
		expect(claimDelivery('wf1:a', 'dummy-delivery-1', 10)).toBe(false);
		expect(claimDelivery('wf2:a', 'dummy-delivery-1', 10)).toBe(true);
	});

	test('ids already in static data count as seen (a restart keeps what n8n saved)', () => {
		expect(claimDelivery('wf3:a', 'dummy-old', 10, ['dummy-old'])).toBe(false);
		expect(claimDelivery('wf3:a', 'dummy-new', 10, ['dummy-old'])).toBe(true);
	});

	test('memory is bounded: the oldest ids are forgotten first', () => {
		for (let n = 0; n < 5; n++) expect(claimDelivery('wf4:a', `dummy-${n}`, 3)).toBe(true);
		expect(claimDelivery('wf4:a', 'dummy-4', 3)).toBe(false);
		expect(claimDelivery('wf4:a', 'dummy-2', 3)).toBe(false);
		expect(claimDelivery('wf4:a', 'dummy-0', 3)).toBe(true);
	});

	test('at most 500 triggers are remembered; the first one is forgotten first', () => {
		expect(claimDelivery('bound:0', 'dummy-a', 10)).toBe(true);
		for (let n = 1; n <= 500; n++) claimDelivery(`bound:${n}`, 'dummy-a', 10);
		expect(claimDelivery('bound:500', 'dummy-a', 10)).toBe(false);
		expect(claimDelivery('bound:0', 'dummy-a', 10)).toBe(true);
	});
});

describe('store locks', () => {
	/** A task that records when it starts and ends, and ends when `release` is called. */
	function gated(log: string[], name: string) {
		let release = () => {};
		const done = new Promise<void>((resolve) => (release = resolve));
		const task = async () => {
			log.push(`${name} start`);
			await done;
			log.push(`${name} end`);
			return name;
		};
		return { task, release: () => release() };
	}

	test('tasks with one key run one after the other, in order; other keys do not wait', async () => {
		const log: string[] = [];
		const first = gated(log, 'first');
		const second = gated(log, 'second');
		const other = gated(log, 'other');
		const results = [serially('k', first.task), serially('k', second.task), serially('k2', other.task)];
		for (let tick = 0; tick < 5; tick++) await Promise.resolve();
		expect(log).toEqual(['first start', 'other start']);
		second.release();
		other.release();
		first.release();
		await expect(Promise.all(results)).resolves.toEqual(['first', 'second', 'other']);
		expect(log).toEqual(['first start', 'other start', 'other end', 'first end', 'second start', 'second end']);
	});

	test('a failed task does not block the next one', async () => {
		await expect(serially('fails', async () => Promise.reject(new Error('dummy failure')))).rejects.toThrow('dummy failure');
		await expect(serially('fails', async () => 'next')).resolves.toBe('next');
	});
});

describe('"certainly not applied" marks', () => {
	test('only marked errors count, and anything that is not an object is not marked', () => {
		const refused = new Error('dummy refused');
		markNotApplied(refused);
		expect(isMarkedNotApplied(refused)).toBe(true);
		expect(isMarkedNotApplied(new Error('dummy refused'))).toBe(false);
		expect(isMarkedNotApplied('dummy refused')).toBe(false);
		expect(isMarkedNotApplied(null)).toBe(false);
	});
});
