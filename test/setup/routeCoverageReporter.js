// Fails the test run when a documented PharmaOne route (test/fixtures/routes.tsv) was never
// answered by a nock interceptor in the engine tests. Enforced only when every engine test file
// ran, so running a single file stays possible.
const fs = require('node:fs');
const path = require('node:path');

function routePattern(method, routePath) {
	const tail = routePath.replace(/^\{shop\}/, '');
	const source = tail
		.split(/(\{\w+\})/)
		.map((part) => (/^\{\w+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${method} ${source}$`);
}

class RouteCoverageReporter {
	constructor(globalConfig) {
		this.rootDir = globalConfig.rootDir;
		this.error = undefined;
	}

	onRunComplete(_contexts, results) {
		const engineDir = path.join(this.rootDir, 'test', 'nodes');
		const engineFiles = fs
			.readdirSync(engineDir, { recursive: true })
			.filter((name) => String(name).endsWith('.test.ts'))
			.map((name) => path.join(engineDir, String(name)));
		const ran = new Set(results.testResults.map((result) => result.testFilePath));
		if (engineFiles.length === 0 || !engineFiles.every((file) => ran.has(file))) return;

		const dir = process.env.PHARMAONE_ROUTE_COVERAGE_DIR;
		const hits = dir
			? fs.readdirSync(dir).flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n'))
			: [];
		const routes = fs
			.readFileSync(path.join(this.rootDir, 'test', 'fixtures', 'routes.tsv'), 'utf8')
			.split('\n')
			.filter((line) => line.trim() && !line.startsWith('#'))
			.map((line) => line.split('\t'));
		const missing = routes.filter(([method, routePath]) => {
			const pattern = routePattern(method, routePath);
			return !hits.some((hit) => pattern.test(hit));
		});
		const covered = routes.length - missing.length;
		process.stdout.write(`\nPharmaOne route coverage: ${covered}/${routes.length} documented routes exercised by engine tests\n`);
		if (missing.length > 0) {
			this.error = new Error(`Routes without an engine test: ${missing.map((r) => `${r[0]} ${r[1]}`).join(', ')}`);
			process.stdout.write(`${this.error.message}\n`);
		}
	}

	getLastError() {
		return this.error;
	}
}

module.exports = RouteCoverageReporter;
