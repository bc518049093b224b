import { ROUTES } from '../../../shared/routes';
import { dateRangeArgs } from '../tools';
import type { OperationModule } from '../types';
import { dateRangeFields, dateRangeReport, reportOptions } from './shared';

const route = ROUTES.report.getProductPerformance;

export const getProductPerformance: OperationModule = {
	option: {
		name: 'Get Product Performance',
		action: 'Get product performance report',
		description: 'Get revenue and units sold per product, compared with the previous period of the same length',
	},
	routes: [route],
	tool: {
		description: `Get revenue and units sold per product for a period, compared with the period before. Needs an optional period as two dates. Returns one row per product.`,
		args: dateRangeArgs,
	},
	description: [
		...dateRangeFields('the last 30 days, compared with the 30 days before'),
		reportOptions,
	],
	execute: dateRangeReport(route, { from: 'from', to: 'to' }),
};
