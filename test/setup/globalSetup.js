// Runs once before all test files: a folder where each jest worker records the PharmaOne
// routes its nock interceptors answered (read by routeCoverageReporter.js).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
	process.env.PHARMAONE_ROUTE_COVERAGE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-routes-'));
};
