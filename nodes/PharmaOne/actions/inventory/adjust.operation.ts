import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { z } from 'zod';

import { numeric, wholeNumber } from '../../schemas/fields';
import { additionalFields } from '../../descriptions/common';
import { productLocator, shopLocator } from '../../../shared/locators';
import { additionalBody, jsonObjectParameter, productIdParameter, requiredString, validate } from '../../helpers/validation';
import { locatorValue } from '../../../shared/values';
import { skipAlreadySentFields } from '../../descriptions/sendOnce';
import { sendOnce } from '../../helpers/sendOnce';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import { arg, productIdArg, reasonArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.inventory.adjust;

/** A whole number, numeric text included; unset means 0. */
const delta = numeric(wholeNumber(), 0);

const deltasSchema = z.object({ delta_on_hand: delta, delta_incoming: delta });

const LABELS = { delta_on_hand: 'Delta On Hand', delta_incoming: 'Delta Incoming' };

export const adjust: OperationModule = {
	option: {
		name: 'Adjust',
		action: 'Adjust inventory stock',
		description:
			'Change the on-hand or incoming stock of a product by a positive or negative amount, with a reason kept in the inventory log (e.g. -1 for a POS sale, +10 for a delivery). Not retried automatically, so it never counts twice.',
	},
	routes: [route],
	tool: {
		description: `Change the stock of one product by a signed amount, e.g. -1 for a sale or 10 for a delivery, with a reason kept in the inventory log. Needs the P1 ID, the change and the reason. Returns the new stock levels. Not idempotent: call it once per real stock movement; it is never retried.`,
		args: [
			productIdArg,
			arg('deltaOnHand', 'deltaOnHand', 'Change of the stock on hand: a negative number removes stock, a positive one adds it, e.g. -2.', 'number'),
			reasonArg,
		],
	},
	description: [
		productLocator({}, 'searchInventory'),
		{
			displayName: 'Reason',
			name: 'reason',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. POS sale TX-999',
			description: 'Why the stock changes; shown in the inventory log',
		},
		{
			displayName: 'Delta On Hand',
			name: 'deltaOnHand',
			type: 'number',
			typeOptions: { numberPrecision: 0 },
			default: 0,
			description: 'Change to the on-hand quantity: negative reduces it (a sale), positive adds (a delivery). Stock cannot go below zero.',
		},
		{
			displayName: 'Delta Incoming',
			name: 'deltaIncoming',
			type: 'number',
			typeOptions: { numberPrecision: 0 },
			default: 0,
			description: 'Change to the incoming (ordered, not yet delivered) quantity',
		},
		additionalFields([
			{
				displayName: 'Metadata (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				description: 'Any JSON object stored with the log entry, e.g. {"pos_ref": "TX-999"}',
			},
			shopLocator({ description: 'The shop the change happened in, recorded with the log entry' }),
		]),
		...skipAlreadySentFields({
			what: 'stock adjustment',
			keyLabel: 'Idempotency Key',
			keyField: {
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. TX-999/1',
				description:
					'A value unique to this stock change, such as the POS receipt and line number; an adjustment whose key was sent before is skipped',
			},
		}),
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject> {
		const p1Id = productIdParameter(this, i);
		const reason = requiredString(this, 'reason', 'Reason', i);
		const deltas = validate(
			this,
			deltasSchema,
			{
				delta_on_hand: this.getNodeParameter('deltaOnHand', i, 0),
				delta_incoming: this.getNodeParameter('deltaIncoming', i, 0),
			},
			LABELS,
			i,
		);
		if (deltas.delta_on_hand === 0 && deltas.delta_incoming === 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Nothing to adjust: "Delta On Hand" and "Delta Incoming" are both 0 (item ${i + 1})`,
				{ itemIndex: i, description: 'Set "Delta On Hand" or "Delta Incoming" to a positive or negative whole number.' },
			);
		}
		const body = adjustBody(this, i, p1Id, reason, deltas);
		return await sendOnce(
			this,
			i,
			{ kind: 'inventoryAdjust', label: 'Idempotency Key', key: this.getNodeParameter('idempotencyKey', i, '') },
			async () => await sendAdjust(client, body, i),
		);
	},
};

/**
 * The adjust body of an item: product, reason, the non-zero deltas, and the shop, metadata and
 * Additional Body Fields the item sets (also used by Set Stock Level). Invalid JSON fails here.
 */
export function adjustBody(
	ctx: IExecuteFunctions,
	i: number,
	p1Id: string,
	reason: string,
	deltas: { delta_on_hand: number; delta_incoming: number },
): IDataObject {
	const { fields: additional, extra } = additionalBody(ctx, 'additionalFields', i);
	const metadata = jsonObjectParameter(ctx, additional.metadata, 'Metadata (JSON)', i);
	const shopId = locatorValue(additional.shopId);
	const body: IDataObject = { p1_id: p1Id, reason };
	if (deltas.delta_on_hand !== 0) body.delta_on_hand = deltas.delta_on_hand;
	if (deltas.delta_incoming !== 0) body.delta_incoming = deltas.delta_incoming;
	if (shopId) body.shop_id = shopId;
	if (Object.keys(metadata).length > 0) body.metadata = metadata;
	return { ...body, ...extra };
}

/** POST /inventory/adjust with a body from `adjustBody`. */
export async function sendAdjust(client: PharmaOneClient, body: IDataObject, i: number): Promise<IDataObject> {
	return (await client.request(route, {
		body,
		itemIndex: i,
	})) as IDataObject;
}
