import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';

import { productLocator } from '../../../shared/locators';
import { forOperation } from '../../helpers/display';
import { productIdParameter, validate } from '../../../shared/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';

const route = ROUTES.inventory.getHistory;

const MAX_DAYS = 365;

/** A number typed as text by an expression ("30") counts as that number. */
const numeric = (value: unknown) =>
	typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;

const querySchema = z.object({
	days: z
		.number({ invalid_type_error: 'must be a whole number from 1 to 365', required_error: 'must be a whole number from 1 to 365' })
		.int('must be a whole number from 1 to 365')
		.min(1, 'must be at least 1')
		.max(MAX_DAYS, `must be at most ${MAX_DAYS}`),
});

export const getHistory: OperationModule = {
	option: {
		name: 'Get History',
		value: 'getHistory',
		action: 'Get the stock history of a product',
		description:
			'Get the daily stock changes of a product over the last 1 to 365 days, aggregated from its inventory log. One item per day when PharmaOne returns a list, otherwise the response as one item.',
	},
	routes: [route],
	description: forOperation('inventory', 'getHistory', [
		productLocator({}, 'searchInventory'),
		{
			displayName: 'Days',
			name: 'days',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_DAYS, numberPrecision: 0 },
			default: 30,
			description: 'How many days back to look, from 1 to 365',
		},
	]),
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject | IDataObject[]> {
		const p1Id = productIdParameter(this, i);
		const raw = this.getNodeParameter('days', i, 30) as unknown;
		const days = validate(this, querySchema, { days: numeric(raw) }, { days: 'Days' }, i).days;
		const response = (await client.request(route, {
			pathParams: { p1Id },
			qs: { days },
			subject: `Product "${p1Id}" in the organization inventory`,
			itemIndex: i,
		})) as unknown;
		if (Array.isArray(response)) return response as IDataObject[];
		const data = (response as IDataObject | undefined)?.data;
		if (Array.isArray(data)) return data as IDataObject[];
		return (response ?? {}) as IDataObject;
	},
};
