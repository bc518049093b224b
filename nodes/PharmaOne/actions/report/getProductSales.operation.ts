import { forOperation } from '../../helpers/display';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';
import { dateRangeFields, dateRangeReport, reportOptions } from './shared';

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
	execute: dateRangeReport(route, { from: 'from_date', to: 'to_date' }),
};
