/**
 * Everything this package keeps in the memory of the n8n process, outside workflow data, in one
 * place. Each memory is keyed (by trigger, by lock name, or by the error object itself), is
 * bounded, and is lost when n8n restarts, which each user below tolerates. With several n8n
 * processes (queue mode), each process has its own.
 *
 * 1. Delivery ids, PharmaOne Trigger ({@link claimDelivery}): the ids of the deliveries each
 *    trigger recently started, so a repeated delivery starts nothing. n8n 2.41 does not save a
 *    webhook's static-data change once the delivery starts an execution (measured: the stored list
 *    keeps only the first id), so this is what drops repeats within one process.
 * 2. Store locks, PharmaOne node ({@link serially}): tasks with the same key run one after the
 *    other. n8n's deduplication store reads a workflow's whole key list and writes it back without
 *    a transaction, and Set Stock Level reads a level and adjusts from it: neither may interleave
 *    with itself. Only keys with a task queued or running are kept.
 * 3. "Certainly not applied" marks, shared client ({@link markNotApplied}): the errors of requests
 *    PharmaOne refused (4xx) or never received. Held weakly: an error object that is no longer
 *    referenced is forgotten with it, so this memory needs no bound.
 * 4. Signing secrets, PharmaOne Trigger ({@link verifyWithSecret}): the secret each trigger last
 *    read from its credential. n8n 2.41 builds a throwaway workflow and an expression isolate for
 *    every credential read outside a run: measured with `npm run bench`, n8n CPU per delivery was
 *    227 ms reading the credential every time against 155 ms with this memory (docs/architecture.md).
 * 5. Stock adjustments, Set Stock Level (`nodes/PharmaOne/actions/inventory/stockLevels.ts`, the one
 *    memory kept beside its only user): the adjustments this process sent, on a logical clock, so an
 *    inventory read another execution's adjustment has made stale is corrected before it is used.
 *    Only adjustments newer than every run still reading are kept.
 */

/** Triggers remembered by each per-trigger memory; the one added first is forgotten first. */
const MAX_TRIGGERS = 500;

/** Adds an entry to a per-trigger memory, forgetting the oldest trigger when it is full. */
function addTrigger<T>(memory: Map<string, T>, key: string, value: T): T {
	memory.delete(key);
	if (memory.size >= MAX_TRIGGERS) memory.delete(memory.keys().next().value as string);
	memory.set(key, value);
	return value;
}

const deliveryIds = new Map<string, { ids: Set<string>; order: string[] }>();

/**
 * Records `deliveryId` for the trigger `key` and returns true, or returns false when it was already
 * recorded (a repeated delivery). Check and record happen in one synchronous step, so two copies
 * arriving together cannot both pass. `alreadyStored` (the ids in the workflow's static data)
 * seeds the memory of a trigger this process has not seen yet. At most `limit` ids per trigger.
 */
export function claimDelivery(key: string, deliveryId: string, limit: number, alreadyStored: string[] = []): boolean {
	const memory =
		deliveryIds.get(key) ??
		addTrigger(deliveryIds, key, { ids: new Set(alreadyStored.slice(-limit)), order: alreadyStored.slice(-limit) });
	if (memory.ids.has(deliveryId)) return false;
	memory.ids.add(deliveryId);
	memory.order.push(deliveryId);
	while (memory.order.length > limit) memory.ids.delete(memory.order.shift() as string);
	return true;
}

const lockTails = new Map<string, Promise<void>>();

/** Runs `task` after every task started earlier with the same `key` in this process has ended. */
export async function serially<T>(key: string, task: () => Promise<T>): Promise<T> {
	const previous = lockTails.get(key) ?? Promise.resolve();
	const run = previous.then(task);
	const tail = run.then(
		() => undefined,
		() => undefined,
	);
	lockTails.set(key, tail);
	try {
		return await run;
	} finally {
		if (lockTails.get(key) === tail) lockTails.delete(key);
	}
}

const notApplied = new WeakSet<object>();

/** Marks the error of a request PharmaOne certainly did not apply. */
export function markNotApplied(error: object): void {
	notApplied.add(error);
}

/** Whether `error` was marked by {@link markNotApplied}. */
export function isMarkedNotApplied(error: unknown): boolean {
	return typeof error === 'object' && error !== null && notApplied.has(error);
}

/** How long a remembered signing secret is trusted without reading the credential again. */
export const SECRET_TRUST_MS = 60_000;

const signingSecrets = new Map<string, { secret: string; readAt: number }>();

/**
 * Verifies a delivery for the trigger `key` (workflow, node and credential): with the secret
 * remembered for an earlier delivery when it is younger than SECRET_TRUST_MS and verifies,
 * otherwise with the secret `read` from the credential now (then remembered). So a secret changed
 * in n8n is used by the first delivery signed with it, and a replaced one is accepted for at most
 * SECRET_TRUST_MS. Fails closed: an unreadable or blank secret verifies nothing. Returns whether
 * the delivery verified, and the secret that decided.
 */
export async function verifyWithSecret(
	key: string,
	read: () => Promise<string | undefined>,
	verify: (secret: string | undefined) => boolean,
): Promise<{ valid: boolean; secret: string | undefined }> {
	const known = signingSecrets.get(key);
	if (known && Date.now() - known.readAt < SECRET_TRUST_MS && verify(known.secret)) return { valid: true, secret: known.secret };
	const readAt = Date.now();
	const secret = await read();
	signingSecrets.delete(key);
	if (typeof secret === 'string' && secret.trim() !== '') addTrigger(signingSecrets, key, { secret, readAt });
	return { valid: verify(secret), secret };
}
