import { forOperation } from '../../helpers/display';
import { ROUTES } from '../../../shared/routes';
import type { OperationModule } from '../types';
import { dateRangeFields, dateRangeReport, reportOptions } from './shared';

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
		// PharmaOne documents no default period for stats (API reference §15).
		...dateRangeFields(),
		reportOptions,
	]),
	execute: dateRangeReport(route, { from: 'from', to: 'to' }),
};
