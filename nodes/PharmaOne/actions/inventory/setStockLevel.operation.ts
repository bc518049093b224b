import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';
import type { ZodType, ZodTypeDef } from 'zod';

import type { PharmaOneClient } from '../../../shared/client';
import { productLocator } from '../../../shared/locators';
import { fetchRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import { requiredString, validate } from '../../helpers/validation';
import { toNumber } from '../../../shared/values';
import { STOCK_LEVEL_PARALLEL } from '../../helpers/parallel';
import { serially } from '../../../shared/processMemory';
import { arg, productIdArg, reasonArg } from '../tools';
import type { OperationModule } from '../types';
import { adjust, adjustBody } from './adjust.operation';
import { withItemFields } from './itemFields';
import { checkAnswer } from './staleRead';
import type { Current } from './stockLevels';
import { adjustRecorded, currentRow, itemDone } from './stockLevels';

/** GET /inventory/{p1Id}/log returns at most this many (the most recent) entries. */
const LOG_LIMIT = 200;

const LEVEL = 'must be a whole number of 0 or more';

/** A quantity; a number typed as text by an expression ("37") counts as that number. */
const level = z.preprocess(
	(value) => (typeof value === 'string' ? (toNumber(value) ?? value) : value),
	z.number({ message: LEVEL }).int(LEVEL).min(0, LEVEL),
);

const LABELS = { on_hand: 'On Hand Quantity', incoming: 'Incoming Quantity' };

interface Levels {
	on_hand: number;
	incoming?: number;
}

/** The targets each choice of "Set" requires. */
const TARGETS: Record<string, ZodType<Partial<Levels>, ZodTypeDef, unknown>> = {
	onHand: z.object({ on_hand: level }),
	incoming: z.object({ incoming: level }),
	both: z.object({ on_hand: level, incoming: level }),
};

/** Adjust's Reason, Additional Fields and Additional Body Fields, shown for this operation too. */
const sharedWithAdjust: INodeProperties[] = adjust.description
	.filter((field) => ['reason', 'additionalFields', 'additionalBodyFields'].includes(field.name))
	.map((field) => (field.name === 'reason' ? { ...field, placeholder: 'e.g. Stock count from the till' } : field));

const isLevel = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function cannotRead(ctx: IExecuteFunctions, i: number, what: string, description: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `Cannot read ${what} (item ${i + 1})`, {
		itemIndex: i,
		description: `Nothing was sent. ${description}`,
	});
}

/**
 * The incoming quantity, which PharmaOne reports only as changes: the sum of the product's
 * inventory log. Only trusted when the whole log was read (at most 200 entries) and it adds up to
 * the on-hand quantity, which shows it starts from zero and misses nothing. The log is read now,
 * after the inventory, so it also holds the adjustments this process sent since (`since`).
 */
async function incomingLevel(ctx: IExecuteFunctions, client: PharmaOneClient, current: Current, onHand: number, p1Id: string, i: number) {
	const fail = (why: string) =>
		cannotRead(
			ctx,
			i,
			`the incoming quantity of product "${p1Id}"`,
			`PharmaOne reports no incoming level, so the node adds up the product's inventory log; ${why}. Set only the on-hand quantity, or change incoming with Inventory → Adjust.`,
		);
	const counted = toNumber(current.row?.log_entries);
	if (counted === undefined) throw fail('the inventory row has no log_entries count');
	const entries = counted + current.since.entries;
	if (entries > LOG_LIMIT) throw fail(`its log has ${entries} entries and PharmaOne returns only the latest ${LOG_LIMIT}`);
	const log = await fetchRows(client, ROUTES.inventory.getLog, {
		returnAll: true,
		limit: 0,
		pathParams: { p1Id },
		itemIndex: i,
	});
	const sum = (field: string) => log.reduce((total, entry) => total + (toNumber(entry[field] ?? 0) ?? Number.NaN), 0);
	if (log.length !== entries || sum('delta_on_hand') !== onHand) {
		throw fail('its log does not add up to the on-hand quantity (or stock changed while it was read: run again)');
	}
	const incoming = sum('delta_incoming');
	if (!isLevel(incoming)) throw fail(`its log adds up to ${incoming}`);
	return incoming;
}

/** The product's current levels: on hand from the execution's inventory read, incoming (when asked) from its log. */
async function currentLevels(ctx: IExecuteFunctions, client: PharmaOneClient, key: string, p1Id: string, withIncoming: boolean, i: number) {
	const current = await currentRow(ctx, client, key, p1Id, i);
	const row = current.row;
	if (!row) {
		throw new NodeOperationError(ctx.getNode(), `Product "${p1Id}" is not in the organization inventory (item ${i + 1})`, {
			itemIndex: i,
			description: 'Nothing was sent. Check the Product ID, or add the product with Product → Add to Inventory first.',
		});
	}
	if (!isLevel(row.stockquantity)) {
		throw cannotRead(ctx, i, `the stock of product "${p1Id}"`, `Its inventory row has stockquantity ${JSON.stringify(row.stockquantity)}.`);
	}
	const levels: Levels = { on_hand: row.stockquantity + current.since.on_hand };
	if (withIncoming) levels.incoming = await incomingLevel(ctx, client, current, levels.on_hand, p1Id, i);
	return { levels, readAgain: current.readAgain };
}

/** One item: validate, then (holding the product's lock) compute the difference and send it. */
async function setLevel(ctx: IExecuteFunctions, client: PharmaOneClient, i: number): Promise<IDataObject> {
	const p1Id = requiredString(ctx, 'productId', 'Product', i);
	const reason = requiredString(ctx, 'reason', 'Reason', i);
	const levels = String(ctx.getNodeParameter('levels', i, 'onHand'));
	const schema = TARGETS[levels];
	if (!schema) {
		throw new NodeOperationError(ctx.getNode(), `Invalid "Set" (item ${i + 1}): "${levels}"`, {
			itemIndex: i,
			description: 'Choose On Hand, Incoming, or On Hand and Incoming.',
		});
	}
	const targets = validate(
		ctx,
		schema,
		{
			on_hand: levels === 'incoming' ? undefined : ctx.getNodeParameter('onHand', i, undefined),
			incoming: levels === 'onHand' ? undefined : ctx.getNodeParameter('incoming', i, undefined),
		},
		LABELS,
		i,
	) as Partial<Levels>;
	adjustBody(ctx, i, p1Id, reason, { delta_on_hand: 0, delta_incoming: 0 }); // bad JSON fails before any request
	// One read-and-adjust at a time per product in this n8n process (see stockLevels.ts and docs/send-once.md).
	const key = ['stock-level', ctx.getNode().credentials?.pharmaOneApi?.id ?? '', p1Id].join('\u0000');
	return await serially(key, async () => {
		const { levels: before, readAgain } = await currentLevels(ctx, client, key, p1Id, targets.incoming !== undefined, i);
		const deltas = {
			delta_on_hand: targets.on_hand === undefined ? 0 : targets.on_hand - before.on_hand,
			delta_incoming: targets.incoming === undefined ? 0 : targets.incoming - (before.incoming ?? 0),
		};
		const after: Levels = { on_hand: before.on_hand + deltas.delta_on_hand };
		if (before.incoming !== undefined) after.incoming = before.incoming + deltas.delta_incoming;
		const output = { p1_id: p1Id, before: { ...before }, after, ...(readAgain ? { readAgain } : {}) };
		if (deltas.delta_on_hand === 0 && deltas.delta_incoming === 0) return { ...output, status: 'unchanged' };
		const send = async (change: typeof deltas) => await adjustRecorded(client, key, adjustBody(ctx, i, p1Id, reason, change), change, i);
		const adjustment = await send(deltas);
		return { ...output, status: 'adjusted', ...deltas, adjustment, ...(await checkAnswer(output, adjustment, targets.on_hand, send)) };
	});
}

export const setStockLevel: OperationModule = {
	option: {
		name: 'Set Stock Level',
		action: 'Set the stock level of a product',
		description:
			'Make the on-hand (and optionally incoming) stock of products equal a count, e.g. a till export: reads the inventory once per run and sends one adjustment with the difference per product, or nothing when it already matches',
	},
	routes: [ROUTES.inventory.getAll, ROUTES.inventory.getLog, ROUTES.inventory.adjust],
	tool: {
		description: `Make the stock on hand of one product equal a counted quantity: reads the current level and sends one adjustment with the difference, or nothing when it already matches. Needs the P1 ID, the counted quantity and a reason. Returns the levels before and after.`,
		args: [
			productIdArg,
			arg('onHand', 'onHand', 'The counted stock on hand, a whole number of 0 or more, e.g. 12.', 'number'),
			reasonArg,
		],
	},
	// Different products at once; items of the same product wait for each other (see setLevel).
	automaticParallel: STOCK_LEVEL_PARALLEL,
	description: [
		productLocator({}, 'searchInventory'),
		{
			displayName: 'Set',
			name: 'levels',
			type: 'options',
			options: [
				{ name: 'On Hand', value: 'onHand', description: 'The quantity in stock' },
				{ name: 'Incoming', value: 'incoming', description: 'The quantity ordered and not yet delivered' },
				{ name: 'On Hand and Incoming', value: 'both' },
			],
			default: 'onHand',
			description: 'Which stock levels to set',
		},
		{
			displayName: 'On Hand Quantity',
			name: 'onHand',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description: 'The on-hand quantity the product should have, e.g. the count from the till',
			displayOptions: { show: { levels: ['onHand', 'both'] } },
		},
		{
			displayName: 'Incoming Quantity',
			name: 'incoming',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 0 },
			required: true,
			default: 0,
			description: 'The incoming quantity the product should have',
			displayOptions: { show: { levels: ['incoming', 'both'] } },
		},
		...sharedWithAdjust,
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		let status: unknown = 'failed';
		try {
			const result = await setLevel(withItemFields(this), client, i);
			status = result.status;
			return result;
		} finally {
			itemDone(this, client, status === 'adjusted');
		}
	},
};
