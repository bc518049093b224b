import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { withItemFields } from '../../../../../nodes/PharmaOne/actions/inventory/itemFields';
import { PharmaOne } from '../../../../../nodes/PharmaOne/PharmaOne.node';
import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS } from '../../../../harness/fixtures';

/*
 * Set Stock Level reads parameters that are exactly one field of the item (`={{ $json.count }}`) from the item
 * instead of asking n8n to evaluate the expression (itemFields.ts). This probe runs inside n8n-core with the
 * PharmaOne node's own description and reads each parameter both ways, the way Set Stock Level reads it, so any
 * value on which the shortcut and n8n's evaluation differ shows up. It runs on n8n 2.x here and on n8n 1.x in
 * `npm run test:compat`.
 */
const PROBE_TYPE = 'n8n-nodes-pharmaone.itemFieldsProbe';

type Reading = { value?: unknown; error?: string };

function read(get: () => unknown): Reading {
	try {
		return { value: get() };
	} catch (error) {
		return { error: (error as Error).message };
	}
}

class ItemFieldsProbe extends PharmaOne {
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Counts the readings the shortcut leaves to n8n: none of these parameters should reach it.
		let delegated = 0;
		const counting = new Proxy(this, {
			get: (target, property) =>
				property === 'getNodeParameter'
					? (...args: Parameters<IExecuteFunctions['getNodeParameter']>) => {
							delegated++;
							return target.getNodeParameter(...args);
						}
					: Reflect.get(target, property, target),
		});
		const fast = withItemFields(counting);
		const readings = (ctx: IExecuteFunctions, i: number) => ({
			productId: read(() => ctx.getNodeParameter('productId', i, '', { extractValue: true })),
			reason: read(() => ctx.getNodeParameter('reason', i, '')),
			onHand: read(() => ctx.getNodeParameter('onHand', i, undefined)),
			incoming: read(() => ctx.getNodeParameter('incoming', i, undefined)),
		});
		const output = this.getInputData().map((_item, i) => ({ json: { shortcut: readings(fast, i), n8n: readings(this, i) } as IDataObject }));
		return [output.map((item) => ({ json: { ...item.json, delegated } }))];
	}
}

const VALUES: IDataObject[string][] = [12, 0, -3, 12.5, 1e21, '12', ' 12 ', '1e2', 'abc', '', 'Zählung – März', null, true, false, [1, 2], { a: 1 }];

const parameters = {
	resource: 'inventory',
	operation: 'setStockLevel',
	levels: 'both',
	productId: { __rl: true, mode: 'id', value: '={{ $json.p1_id }}' },
	reason: '={{ $json.reason }}',
	onHand: '={{ $json.count }}',
	incoming: '={{ $json.stock.incoming }}',
};

describe('Set Stock Level item fields: read from the item exactly as n8n evaluates `={{ $json.<field> }}`', () => {
	const harness = new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS }).register(PROBE_TYPE, new ItemFieldsProbe());

	test.each(VALUES.map((value) => [JSON.stringify(value), value]))('the value %s in every parameter', async (_name, value) => {
		const items: INodeExecutionData[] = [
			{ json: { p1_id: value, reason: value, count: value, stock: { incoming: value } } },
			{ json: {} },
			{ json: { stock: value } },
		];
		const result = await harness.run({ nodeType: PROBE_TYPE, parameters, items });
		expect(result.error).toBeUndefined();
		expect(result.json).toHaveLength(items.length);
		for (const { shortcut, n8n, delegated } of result.json as Array<{ shortcut: IDataObject; n8n: IDataObject; delegated: number }>) {
			expect(shortcut).toEqual(n8n);
			expect(delegated).toBe(0);
		}
		const first = result.json[0] as { shortcut: Record<string, Reading> };
		expect(first.shortcut.onHand).toEqual({ value });
	});
});
