import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { compact } from '../../helpers/validation';
import { pharmaOneApiRequest } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import type { OperationModule } from '../types';
import { dateRangeFields, readPeriod, reportOptions, shapeReport } from './shared';

const route = ROUTES.report.getStats;

export const getStats: OperationModule = {
	option: {
		name: 'Get Stats',
		value: 'getStats',
		action: 'Get report statistics',
		description:
			'Get prescription and order aggregates of the organization: prescriptions by status, order volume and revenue, and top customers when a period is set',
	},
	routes: [route],
	description: forOperation('report', 'getStats', [
		...dateRangeFields('not documented by PharmaOne'),
		reportOptions,
	]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
		const period = readPeriod(this, i, { from: ['fromDate', 'From Date'], to: ['toDate', 'To Date'] }, 'day');
		const response = await pharmaOneApiRequest.call(this, route, {
			qs: compact({ from: period.from, to: period.to }),
			itemIndex: i,
		});
		return shapeReport(this, response, i);
	},
};
