/**
 * Delivery ids recently started by each trigger, kept in this n8n process.
 *
 * The trigger also writes them to the workflow's static data, but n8n 2.41 does not save a
 * webhook's static-data change once the delivery starts an execution: the execution wraps the same
 * static-data object again, which clears its "changed" flag before the webhook's save runs. Measured
 * in a real n8n, the stored list keeps only the first id. This memory is what makes repeated
 * deliveries start nothing within one n8n process (a single instance, or queue mode's webhook
 * processor); the static data still carries the ids wherever n8n does save it.
 */
const MAX_TRIGGERS = 500;

const memories = new Map<string, { ids: Set<string>; order: string[] }>();

/**
 * Records `deliveryId` for the trigger `key` and returns true, or returns false when it was already
 * recorded (a repeated delivery). Check and record happen in one synchronous step, so two copies
 * arriving together cannot both pass.
 */
export function claimDelivery(key: string, deliveryId: string, limit: number, alreadyStored: string[] = []): boolean {
	let memory = memories.get(key);
	if (!memory) {
		if (memories.size >= MAX_TRIGGERS) memories.delete(memories.keys().next().value as string);
		memory = { ids: new Set(alreadyStored.slice(-limit)), order: alreadyStored.slice(-limit) };
		memories.set(key, memory);
	}
	if (memory.ids.has(deliveryId)) return false;
	memory.ids.add(deliveryId);
	memory.order.push(deliveryId);
	while (memory.order.length > limit) memory.ids.delete(memory.order.shift() as string);
	return true;
}
