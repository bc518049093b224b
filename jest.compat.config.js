// The engine tests (test/nodes, test/credentials) a second time, against the
// n8n-workflow / n8n-core pair of the oldest n8n this package supports: n8n 1.123.81, the last
// 1.x release (n8n-workflow 1.120.31, n8n-core 1.122.48), pinned in test/compat/package.json.
// Install that pair first: npm ci --ignore-scripts --prefix test/compat
const fs = require('node:fs');
const path = require('node:path');
const base = require('./jest.config');

const compatModules = path.join(__dirname, 'test', 'compat', 'node_modules');
for (const name of ['n8n-workflow', 'n8n-core']) {
	if (!fs.existsSync(path.join(compatModules, name, 'package.json'))) {
		throw new Error(`${name} for the compatibility run is missing: npm ci --ignore-scripts --prefix test/compat`);
	}
}

/** @type {import('jest').Config} */
module.exports = {
	...base,
	displayName: 'n8n 1.123.81 (n8n-workflow 1.120.31, n8n-core 1.122.48)',
	testMatch: ['<rootDir>/test/{nodes,credentials}/**/*.test.ts'],
	setupFilesAfterEnv: [...base.setupFilesAfterEnv, '<rootDir>/test/compat/afterEnv.js'],
	// Every import of n8n-workflow / n8n-core, ours and n8n-core's own, gets the old pair.
	moduleNameMapper: {
		'^n8n-workflow$': '<rootDir>/test/compat/node_modules/n8n-workflow',
		'^n8n-core$': '<rootDir>/test/compat/node_modules/n8n-core',
	},
};
