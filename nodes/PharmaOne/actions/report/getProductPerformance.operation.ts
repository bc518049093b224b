import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { compact } from '../../helpers/validation';
import { pharmaOneApiRequest } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import type { OperationModule } from '../types';
import { dateRangeFields, readPeriod, reportOptions, shapeReport } from './shared';

const route = ROUTES.report.getProductPerformance;

export const getProductPerformance: OperationModule = {
	option: {
		name: 'Get Product Performance',
		value: 'getProductPerformance',
		action: 'Get product performance report',
		description: 'Get revenue and units sold per product, compared with the previous period of the same length',
	},
	routes: [route],
	description: forOperation('report', 'getProductPerformance', [
		...dateRangeFields('the last 30 days, compared with the 30 days before'),
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
