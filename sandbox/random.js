'use strict';

// Deterministic random values for the sandbox's seed data (the same seed gives the same data), and the random ids
// of what is created at run time.

/**
 * mulberry32: a tiny deterministic PRNG. `next()` is a float in [0, 1), `int(min, max)` an integer in [min, max],
 * `pick(list)` an element, `chars(alphabet, length)` a string.
 */
function createRandom(seed) {
	let state = (Number(seed) || 0) >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		next,
		int: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: (list) => list[Math.floor(next() * list.length)],
		chars: (alphabet, length) => {
			let out = '';
			for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
			return out;
		},
	};
}

/** Ids of orders and prescriptions created through the API: seeded by the clock, so they differ per process. */
const runtimeIds = createRandom(Date.now());

/** A version-4-shaped UUID from 32 hex digits. */
function formatUuid(hex) {
	hex[12] = '4';
	hex[16] = '89ab'[parseInt(hex[16], 16) % 4];
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function seededUuid(rnd) {
	return formatUuid(rnd.chars('0123456789abcdef', 32).split(''));
}

module.exports = { createRandom, runtimeIds, formatUuid, seededUuid };
