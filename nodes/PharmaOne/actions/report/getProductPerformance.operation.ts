import { forOperation } from '../../helpers/display';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';
import { dateRangeFields, dateRangeReport, reportOptions } from './shared';

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
	execute: dateRangeReport(route, { from: 'from', to: 'to' }),
};
