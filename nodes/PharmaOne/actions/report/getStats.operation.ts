import { ROUTES } from '../../../shared/routes';
import { dateRangeArgs, PRIVATE } from '../tools';
import type { OperationModule } from '../types';
import { dateRangeFields, dateRangeReport, reportOptions } from './shared';

const route = ROUTES.report.getStats;

export const getStats: OperationModule = {
	option: {
		name: 'Get Stats',
		action: 'Get report statistics',
		description:
			'Get prescription and order aggregates of the organization: prescriptions by status, order volume and revenue, and top customers when a period is set',
	},
	routes: [route],
	tool: {
		description: `Get the organization's aggregates: prescriptions by status, order count and revenue for a period. Needs an optional period as two dates. Returns one report object. ${PRIVATE}`,
		args: dateRangeArgs,
	},
	description: [
		// PharmaOne documents no default period for stats (API reference §15).
		...dateRangeFields(),
		reportOptions,
	],
	execute: dateRangeReport(route, { from: 'from', to: 'to' }),
};
