import type {
	DeduplicationHelperFunctions,
	DeduplicationScope,
	ICheckProcessedOptions,
	IDataObject,
	IExecuteFunctions,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { certainlyNotApplied } from '../../shared/errors';
import { toNumber } from '../../shared/values';
import { DEFAULT_KEYS_REMEMBERED } from '../descriptions/sendOnce';
import { serially } from '../../shared/processMemory';

/** The request an operation sends at most once, identified by a key the user maps. */
export interface OnceKey {
	/** Keeps the keys of different operations apart when a workflow's memory is shared. */
	kind: 'orderRequest' | 'telemedicineOrder' | 'inventoryAdjust';
	/** The parameter the key comes from, named in messages. */
	label: string;
	key: unknown;
}

interface Memory {
	scope: DeduplicationScope;
	options: ICheckProcessedOptions;
	forget: boolean;
}

type Store = Pick<DeduplicationHelperFunctions, 'checkProcessedAndRecord' | 'removeProcessed'>;

const FORGET_HINT =
	'To send it again: in this node set Skip Already Sent Options → Forget Keys Instead of Sending, run the node once with this item, turn the option off and run again.';

const STORE_HINT = "n8n keeps the keys in its database: check that n8n can reach it, then run again.";

const STORE_HINTS: Array<[RegExp, string]> = [
	[
		/incompatible|Keep Items Where/i,
		"With Remember Keys Per: Workflow the keys share the workflow's history with Remove Duplicates nodes set to scope Workflow, and one of them keeps another kind of value: choose Remember Keys Per: Node.",
	],
	[/unique|duplicate key|constraint/i, 'Another execution wrote the same memory at the same moment: run again.'],
];

function memorySettings(ctx: IExecuteFunctions, i: number): Memory | undefined {
	if (ctx.getNodeParameter('skipAlreadySent', i, false) !== true) return undefined;
	const options = ctx.getNodeParameter('skipAlreadySentOptions', i, {}) as IDataObject;
	const maxEntries = toNumber(options.keysRemembered ?? DEFAULT_KEYS_REMEMBERED);
	if (maxEntries === undefined || !Number.isInteger(maxEntries) || maxEntries < 1) {
		throw new NodeOperationError(ctx.getNode(), `Invalid "Keys Remembered" (item ${i + 1}): must be a whole number of at least 1`, {
			itemIndex: i,
			description: `Set Skip Already Sent Options → Keys Remembered to how many keys n8n should keep (default ${DEFAULT_KEYS_REMEMBERED}).`,
		});
	}
	return {
		scope: options.scope === 'workflow' ? 'workflow' : 'node',
		options: { mode: 'entries', maxEntries },
		forget: options.forgetKeys === true,
	};
}

/**
 * One call to n8n's deduplication store. Calls for the same memory (workflow, and node when the
 * scope is the node) run one at a time in this n8n process, because the store reads the whole key
 * list and writes it back without a transaction. Any failure names the store and the item.
 */
async function useStore<T>(
	ctx: IExecuteFunctions,
	i: number,
	memory: Memory,
	outcome: string,
	call: (store: Store) => Promise<T>,
): Promise<T> {
	const store = ctx.helpers as Partial<Store>;
	const workflowId = ctx.getWorkflow().id;
	const problem = (detail: string, description: string) =>
		new NodeOperationError(ctx.getNode(), `Skip Already Sent could not use n8n's memory of sent keys (item ${i + 1}): ${detail}`, {
			itemIndex: i,
			description: `${outcome} ${description}`,
		});
	if (typeof store.checkProcessedAndRecord !== 'function' || typeof store.removeProcessed !== 'function') {
		throw problem('this n8n offers no deduplication store to nodes', 'Update n8n, or turn Skip Already Sent off.');
	}
	if (!workflowId) throw problem('the workflow has no ID', 'Save the workflow: n8n keeps sent keys per saved workflow.');
	const lock = ['sent-keys', workflowId, memory.scope === 'node' ? ctx.getNode().id : ''].join('\u0000');
	try {
		return await serially(lock, async () => await call(store as Store));
	} catch (error) {
		const detail = (error as Error).message;
		throw problem(detail, STORE_HINTS.find(([pattern]) => pattern.test(detail))?.[1] ?? STORE_HINT);
	}
}

/** Adds what happened to the key to a failed send's error; forgets the key when PharmaOne applied nothing. */
async function afterFailure(
	ctx: IExecuteFunctions,
	i: number,
	memory: Memory,
	once: { label: string; key: string; stored: string },
	error: unknown,
): Promise<NodeApiError | NodeOperationError> {
	const failure =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(ctx.getNode(), error as Error, { itemIndex: i });
	const named = `${once.label} "${once.key}"`;
	let note: string;
	if (error instanceof NodeOperationError || certainlyNotApplied(error)) {
		try {
			await useStore(ctx, i, memory, '', async (store) => await store.removeProcessed([once.stored], memory.scope, memory.options));
			note = `PharmaOne did not apply it, so ${named} is not remembered: once the cause is fixed, running again sends it.`;
		} catch (forgetError) {
			note = `PharmaOne did not apply it, but ${named} could not be removed from n8n's memory (${(forgetError as Error).message}). ${FORGET_HINT}`;
		}
	} else {
		failure.message = `${failure.message} (${named} kept as sent)`;
		note = `It may have reached PharmaOne, so ${named} stays remembered as sent: running the workflow again skips it rather than risk sending it twice. Check in PharmaOne Manager whether it arrived. If it did not: ${FORGET_HINT}`;
	}
	failure.description = [failure.description, `Skip Already Sent: ${note}`].filter(Boolean).join(' ');
	return failure;
}

/**
 * Sends at most once per key when Skip Already Sent is on. The key is recorded in n8n's
 * deduplication store before sending (a key seen before makes the item come out as
 * `{ skipped: true, reason: 'alreadySent', key }` and nothing is sent); a definite refusal (4xx,
 * no connection, invalid input) removes it again; any other failure keeps it, because the request
 * may have been applied and a duplicate order or stock change is worse than a missing one that the
 * error names. With Forget Keys Instead of Sending, the key is removed and nothing is sent.
 */
export async function sendOnce(
	ctx: IExecuteFunctions,
	i: number,
	once: OnceKey,
	send: () => Promise<IDataObject>,
): Promise<IDataObject> {
	const memory = memorySettings(ctx, i);
	if (!memory) return await send();
	const key = once.key === undefined || once.key === null ? '' : String(once.key).trim();
	if (key === '') {
		throw new NodeOperationError(ctx.getNode(), `The "${once.label}" parameter is empty (item ${i + 1})`, {
			itemIndex: i,
			description: `Skip Already Sent recognises what was sent by its ${once.label}: map a value unique to it, or turn Skip Already Sent off.`,
		});
	}
	const stored = `${once.kind}:${key}`;
	if (memory.forget) {
		await useStore(ctx, i, memory, 'Nothing was sent or forgotten.', async (store) =>
			await store.removeProcessed([stored], memory.scope, memory.options),
		);
		return { forgotten: true, key };
	}
	const checked = await useStore(ctx, i, memory, 'Nothing was sent.', async (store) =>
		await store.checkProcessedAndRecord([stored], memory.scope, memory.options),
	);
	if (checked.processed.includes(stored)) return { skipped: true, reason: 'alreadySent', key };
	if (!checked.new.includes(stored)) {
		throw new NodeOperationError(ctx.getNode(), `Skip Already Sent could not use n8n's memory of sent keys (item ${i + 1})`, {
			itemIndex: i,
			description:
				"Nothing was sent. n8n's store for this workflow keeps another kind of history (a Remove Duplicates node set to scope Workflow and to an incremental key or date): choose Remember Keys Per: Node.",
		});
	}
	try {
		return await send();
	} catch (error) {
		throw await afterFailure(ctx, i, memory, { label: once.label, key, stored }, error);
	}
}
