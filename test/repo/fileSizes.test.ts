import { codeFiles, filesOver } from '../harness/repoFiles';

/** Files a reader takes in whole: what the package ships, and the tests and tooling around it. */
const PRODUCT = ['nodes', 'credentials'];
const TOOLING = ['test', 'sandbox', 'scripts', 'bench', '.ci', 'gulpfile.js', 'index.js'];

describe('file sizes', () => {
	test('no product file has more than 250 lines', () => {
		expect(filesOver(250, PRODUCT)).toEqual([]);
	});

	test('no test or tooling file has more than 350 lines', () => {
		expect(filesOver(350, TOOLING)).toEqual([]);
	});

	test('the check reads the files it is meant to (and skips dependencies and test data)', () => {
		const product = PRODUCT.flatMap(codeFiles);
		expect(product).toEqual(expect.arrayContaining(['nodes/shared/client.ts', 'credentials/PharmaOneApi.credentials.ts']));
		const tooling = TOOLING.flatMap(codeFiles);
		expect(tooling).toEqual(expect.arrayContaining(['.ci/run', 'sandbox/cli.js', 'test/harness/engine.ts', 'gulpfile.js']));
		expect(tooling.filter((file) => /(^|\/)(node_modules|fixtures)\//.test(file))).toEqual([]);
		expect(filesOver(20, ['nodes/shared/routes.ts'])).toEqual([expect.stringMatching(/^nodes\/shared\/routes\.ts: \d+ lines$/)]);
	});
});
