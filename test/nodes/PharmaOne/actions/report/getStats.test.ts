import report from '../../../../fixtures/report/getStats.json';
import { testDatedReport } from './helpers';

describe('Report → getStats', () => {
	testDatedReport('getStats', '/reports/stats', report);
});
