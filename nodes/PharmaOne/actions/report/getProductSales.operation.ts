import { ROUTES } from '../../../shared/routes';
import { dateRangeArgs } from '../tools';
import type { OperationModule } from '../types';
import { dateRangeFields, dateRangeReport, reportOptions } from './shared';

const route = ROUTES.report.getProductSales;

export const getProductSales: OperationModule = {
	option: {
		name: 'Get Product Sales',
		action: 'Get product sales report',
		description:
			'Get sold volume per product (in grams) and gross revenue, broken down by order status',
	},
	routes: [route],
	tool: {
		description: `Get sold volume in grams and gross revenue per product for a period, by order status. Needs an optional period as two dates. Returns one row per product.`,
		args: dateRangeArgs,
	},
	description: [
		...dateRangeFields('from the first day of the current month to today'),
		reportOptions,
	],
	execute: dateRangeReport(route, { from: 'from_date', to: 'to_date' }),
};
