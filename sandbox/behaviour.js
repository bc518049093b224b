'use strict';

// Switches between plausible behaviours where the PharmaOne docs are silent, so code can be tested against each
// (README "Behaviour switches"). Defaults are what the sandbox did before the switch existed.

const { LIST_ORDERS } = require('./orderStore');
const { HttpError } = require('./util');

const BEHAVIOURS = {
	/** `GET /orders` and `GET /prescriptions`: newest first by update or by creation. */
	listOrder: LIST_ORDERS,
	/** `created_at` of an order created by `POST /orders`: its `order_datetime`, or the time it arrived. */
	upsertCreatedAt: ['order_datetime', 'now'],
	/** `POST /inventory/adjust` answers as documented, `{status, id}`, or also with the new level (`stockquantity`). */
	adjustAnswer: ['documented', 'level'],
};

const DEFAULT_BEHAVIOUR = { listOrder: 'updated', upsertCreatedAt: 'order_datetime', adjustAnswer: 'documented' };

/** `current` with the valid values of `partial` applied (undefined leaves a switch alone); 400 on anything else. */
function mergeBehaviour(current, partial) {
	const next = { ...current };
	for (const [key, value] of Object.entries(partial || {})) {
		if (value === undefined) continue;
		if (!BEHAVIOURS[key]) throw new HttpError(400, { error: 'validation_error', message: `Unknown behaviour ${key}` });
		if (!BEHAVIOURS[key].includes(value)) {
			throw new HttpError(400, { error: 'validation_error', message: `${key} must be one of: ${BEHAVIOURS[key].join(', ')}` });
		}
		next[key] = value;
	}
	return next;
}

module.exports = { BEHAVIOURS, DEFAULT_BEHAVIOUR, mergeBehaviour };
