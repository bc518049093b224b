// Facts about the repository's own files, for tests that check its layout (TypeScript tests may not import
// node:fs under n8n's lint rules).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

/** Whether the operation has its engine test file test/nodes/PharmaOne/actions/<resource>/<operation>.test.ts. */
function hasActionTest(resource, operation) {
	return fs.existsSync(path.join(ROOT, 'test', 'nodes', 'PharmaOne', 'actions', resource, `${operation}.test.ts`));
}

module.exports = { hasActionTest };
