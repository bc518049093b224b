// The tests that exercise the validation schemas a second time, against zod 4. zod is not a
// dependency of the package: n8n provides it (zod 3.25 in n8n 2.41); a later host may provide
// zod 4. The schemas use only what both understand (nodes/PharmaOne/schemas/fields.ts).
// zod 4 is the devDependency alias "zod4" (npm:zod@4).
const fs = require('node:fs');
const path = require('node:path');
const base = require('./jest.config');

const zod4 = path.join(__dirname, 'node_modules', 'zod4');
const { version } = JSON.parse(fs.readFileSync(path.join(zod4, 'package.json'), 'utf8'));
if (!version.startsWith('4.')) throw new Error(`node_modules/zod4 is zod ${version}, not zod 4: npm ci`);

// Checked by test/nodes/PharmaOne/schemas.test.ts (through test/harness/zodMajor.js): the run really is on zod 4.
process.env.PHARMAONE_ZOD_MAJOR = '4';

/** @type {import('jest').Config} */
module.exports = {
	...base,
	displayName: `zod ${version}`,
	testMatch: ['<rootDir>/test/nodes/PharmaOne/schemas.test.ts', '<rootDir>/test/nodes/PharmaOne/actions/**/*.test.ts'],
	// Our imports of zod get zod 4; n8n-workflow and n8n-core keep their own zod 3.
	resolver: '<rootDir>/test/setup/zod4Resolver.js',
	// The documented-route coverage check belongs to the full run.
	reporters: ['default'],
};
