import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { productLocator } from '../../../shared/locators';
import { numeric, wholeNumber } from '../../schemas/fields';
import { productIdParameter, validate } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { readRows } from '../../../shared/pager';
import { ROUTES } from '../../../shared/routes';
import { arg, productIdArg } from '../tools';
import type { OperationModule } from '../types';

const route = ROUTES.inventory.getHistory;

const MAX_DAYS = 365;

const querySchema = z.object({
	days: numeric(
		wholeNumber(`must be a whole number from 1 to ${MAX_DAYS}`)
			.min(1, 'must be at least 1')
			.max(MAX_DAYS, `must be at most ${MAX_DAYS}`),
	),
});

export const getHistory: OperationModule = {
	option: {
		name: 'Get History',
		action: 'Get the stock history of a product',
		description:
			'Get the daily stock changes of a product over the last 1 to 365 days, aggregated from its inventory log. One item per day when PharmaOne returns a list, otherwise the response as one item.',
	},
	routes: [route],
	tool: {
		description: `Get the daily stock changes of one product over the last days. Needs the P1 ID and the number of days. Returns one entry per day.`,
		args: [productIdArg, arg('days', 'days', 'How many days back, a whole number from 1 to 365, e.g. 30.', 'number')],
	},
	description: [
		productLocator({}, 'searchInventory'),
		{
			displayName: 'Days',
			name: 'days',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_DAYS, numberPrecision: 0 },
			default: 30,
			description: 'How many days back to look, from 1 to 365',
		},
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject | IDataObject[]> {
		const p1Id = productIdParameter(this, i);
		const { days } = validate(this, querySchema, { days: this.getNodeParameter('days', i, 30) }, { days: 'Days' }, i);
		const response = (await client.request(route, {
			pathParams: { p1Id },
			qs: { days },
			itemIndex: i,
		})) as unknown;
		// One item per day when PharmaOne answers with a list (bare or under `data`), else the response.
		const listed = Array.isArray(response) || Array.isArray((response as IDataObject | undefined)?.data);
		return listed ? readRows(response) : ((response ?? {}) as IDataObject);
	},
};
