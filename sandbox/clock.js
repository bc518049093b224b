'use strict';

// The sandbox's clock: never before the seeded data's anchor date, and a strictly increasing timestamp for writes.

const { isoMicros } = require('./data');

/**
 * `clock()` is milliseconds since the epoch, `now()` an ISO timestamp with microseconds (like the live API), each
 * call later than the one before. Both are moved forward when the machine's clock is before `anchor`, so a write
 * never gets a timestamp older than the seeded data.
 */
function createClock(anchor) {
	const clockOffsetMs = Math.max(0, Date.parse(anchor) - Date.now());
	let lastMicros = 0;
	const clock = () => Date.now() + clockOffsetMs;
	const now = () => {
		let micros = Math.floor((performance.timeOrigin + performance.now()) * 1000) + clockOffsetMs * 1000;
		if (micros <= lastMicros) micros = lastMicros + 1;
		lastMicros = micros;
		return isoMicros(micros / 1000, micros % 1000);
	};
	return { clock, now };
}

module.exports = { createClock };
