// No real network in tests: only loopback servers the tests start themselves.
const fs = require('node:fs');
const path = require('node:path');
const nock = require('nock');

// Record every request a nock interceptor answered, for the route coverage check.
const coverageDir = process.env.PHARMAONE_ROUTE_COVERAGE_DIR;
const scopePrototype = Object.getPrototypeOf(nock('http://coverage.invalid'));
nock.cleanAll();
if (coverageDir && !scopePrototype.__pharmaOneRecording) {
	const emit = scopePrototype.emit;
	scopePrototype.emit = function recordReplied(event, req, ...rest) {
		if (event === 'replied' && req) {
			const line = `${req.method} ${String(req.path).split('?')[0]}\n`;
			fs.appendFileSync(path.join(coverageDir, `routes-${process.pid}.log`), line);
		}
		return emit.call(this, event, req, ...rest);
	};
	scopePrototype.__pharmaOneRecording = true;
}

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
	nock.cleanAll();
	nock.abortPendingRequests();
});

afterAll(() => {
	nock.enableNetConnect();
	nock.restore();
	nock.activate();
});
