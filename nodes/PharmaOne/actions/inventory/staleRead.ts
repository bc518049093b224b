import type { IDataObject } from 'n8n-workflow';

interface Levels {
	on_hand: number;
	incoming?: number;
}

type Send = (change: { delta_on_hand: number; delta_incoming: number }) => Promise<IDataObject>;

/**
 * The on-hand level in PharmaOne's answer to an adjustment, when it has one. The documented answer is
 * `{"status": "ok", "id": …}` without a level; an answer that also carries `stockquantity` (spelled as
 * in GET /inventory) is read, so a level changed outside this process is seen instead of trusted away.
 */
export function reportedOnHand(answer: unknown): number | undefined {
	const value = (answer as IDataObject | undefined)?.stockquantity;
	return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/**
 * Compares the level PharmaOne reports after an adjustment with the one the node expected. When they
 * differ, the product changed between the read and the adjustment (a sale, another n8n process): the
 * output says so under `staleRead`, `before`/`after` become the levels PharmaOne reported, and when
 * an on-hand target is set, one correcting adjustment brings it to the target. Nothing when the
 * answer has no level or it is the expected one.
 */
export async function checkAnswer(
	output: { before: Levels; after: Levels },
	adjustment: IDataObject,
	target: number | undefined,
	send: Send,
): Promise<IDataObject> {
	const reported = reportedOnHand(adjustment);
	if (reported === undefined || reported === output.after.on_hand) return {};
	const changedBy = reported - output.after.on_hand;
	const before = { ...output.before, on_hand: output.before.on_hand + changedBy };
	const staleRead: IDataObject = { expected_on_hand: output.after.on_hand, reported_on_hand: reported, changed_outside_by: changedBy };
	if (target === undefined || reported === target) return { before, after: { ...output.after, on_hand: reported }, staleRead };
	const correction = { delta_on_hand: target - reported, delta_incoming: 0 };
	const answer = await send(correction);
	staleRead.correction = { ...correction, adjustment: answer };
	return { before, after: { ...output.after, on_hand: reportedOnHand(answer) ?? target }, staleRead };
}
