import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { forOperation } from '../../helpers/display';
import { compact } from '../../helpers/validation';
import { pharmaOneApiRequest } from '../../transport/request';
import { ROUTES } from '../../transport/routes';
import type { OperationModule } from '../types';
import { dateRangeFields, readPeriod, reportOptions, shapeReport } from './shared';

const route = ROUTES.report.getProductSales;

export const getProductSales: OperationModule = {
	option: {
		name: 'Get Product Sales',
		value: 'getProductSales',
		action: 'Get product sales report',
		description:
			'Get sold volume per product (in grams) and gross revenue, broken down by order status',
	},
	routes: [route],
	description: forOperation('report', 'getProductSales', [
		...dateRangeFields('from the first day of the current month to today'),
		reportOptions,
	]),
	async execute(this: IExecuteFunctions, i: number): Promise<IDataObject | IDataObject[]> {
		const period = readPeriod(this, i, { from: ['fromDate', 'From Date'], to: ['toDate', 'To Date'] }, 'day');
		const response = await pharmaOneApiRequest.call(this, route, {
			qs: compact({ from_date: period.from, to_date: period.to }),
			itemIndex: i,
		});
		return shapeReport(this, response, i);
	},
};
