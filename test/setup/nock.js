// No real network in tests: only loopback servers the tests start themselves.
const nock = require('nock');

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
