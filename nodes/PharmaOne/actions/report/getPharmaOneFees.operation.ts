import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarValue } from '../../helpers/validation';
import type { PharmaOneClient } from '../../../shared/client';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';
import { readPeriod, reportOptions, shapeReport } from './shared';

const route = ROUTES.report.getPharmaOneFees;

export const getPharmaOneFees: OperationModule = {
	option: {
		name: 'Get PharmaOne Fees',
		action: 'Get PharmaOne fees report',
		description: "Get the organization's monthly PharmaOne service-fee billing report",
	},
	routes: [route],
	tool: {
		description: `Get the organization's monthly PharmaOne service-fee report for the months set in the workflow. Needs nothing. Returns one entry per month.`,
	},
	description: [
		{
			displayName: 'Period',
			name: 'period',
			type: 'options',
			options: [
				{
					name: 'Last 24 Months',
					value: 'last24Months',
					description: 'No filter: PharmaOne returns the last 24 months',
				},
				{ name: 'One Month', value: 'oneMonth', description: 'A single billing month' },
				{ name: 'Month Range', value: 'monthRange', description: 'Every month from a first to a last month' },
			],
			default: 'last24Months',
			description: 'Which billing months to report',
		},
		{
			displayName: 'Month',
			name: 'month',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2026-06',
			description: 'The billing month to report, as YYYY-MM',
			displayOptions: { show: { period: ['oneMonth'] } },
		},
		{
			displayName: 'From Month',
			name: 'monthFrom',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2026-01',
			description: 'The first billing month of the range, as YYYY-MM',
			displayOptions: { show: { period: ['monthRange'] } },
		},
		{
			displayName: 'To Month',
			name: 'monthTo',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 2026-06',
			description: 'The last billing month of the range, as YYYY-MM; not before From Month',
			displayOptions: { show: { period: ['monthRange'] } },
		},
		reportOptions,
	],
	async execute(this: IExecuteFunctions, i: number, client: PharmaOneClient): Promise<IDataObject | IDataObject[]> {
		const period = this.getNodeParameter('period', i, 'last24Months') as string;
		const qs: IDataObject = {};
		if (period === 'oneMonth') {
			qs.month = requireMonth(this, calendarValue(this, this.getNodeParameter('month', i, ''), 'Month', 'month', i), 'Month', i);
		} else if (period === 'monthRange') {
			const range = readPeriod(this, i, { from: ['monthFrom', 'From Month'], to: ['monthTo', 'To Month'] }, 'month');
			qs.month_from = requireMonth(this, range.from, 'From Month', i);
			qs.month_to = requireMonth(this, range.to, 'To Month', i);
		}
		const response = await client.request(route, { qs, itemIndex: i });
		return shapeReport(this, response, i);
	},
};

function requireMonth(ctx: IExecuteFunctions, value: string | undefined, label: string, i: number): string {
	if (value !== undefined) return value;
	throw new NodeOperationError(ctx.getNode(), `The "${label}" parameter is empty (item ${i + 1})`, {
		itemIndex: i,
		description: `Enter a month such as 2026-06 in "${label}", or choose the period "Last 24 Months".`,
	});
}
