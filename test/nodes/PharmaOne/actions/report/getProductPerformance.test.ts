import report from '../../../../fixtures/report/getProductPerformance.json';
import { testDatedReport } from './helpers';

describe('Report → getProductPerformance', () => {
	testDatedReport('getProductPerformance', '/reports/product-performance', report);
});
