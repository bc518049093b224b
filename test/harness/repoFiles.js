// Facts about the repository's own files, for tests that check its layout (TypeScript tests may not import
// node:fs under n8n's lint rules).
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

/** Whether the operation has its engine test file test/nodes/PharmaOne/actions/<resource>/<operation>.test.ts. */
function hasActionTest(resource, operation) {
	return fs.existsSync(path.join(ROOT, 'test', 'nodes', 'PharmaOne', 'actions', resource, `${operation}.test.ts`));
}

const SKIPPED = new Set(['node_modules', 'dist', '.git', 'fixtures', 'coverage']);
const CODE = /\.(ts|js|mjs|cjs)$/;

/** Code files below `dir` (relative to the repository), without dependencies, build output or test data. */
function codeFiles(dir) {
	const full = path.join(ROOT, dir);
	if (!fs.existsSync(full)) return [];
	if (fs.statSync(full).isFile()) return [dir];
	return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : codeFiles(relative);
		return CODE.test(entry.name) || dir === '.ci' ? [relative] : [];
	});
}

/** "path: N lines" for each code file below `dirs` with more than `limit` lines. */
function filesOver(limit, dirs) {
	return dirs
		.flatMap(codeFiles)
		.map((file) => ({ file, lines: fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1 }))
		.filter(({ lines }) => lines > limit)
		.map(({ file, lines }) => `${file}: ${lines} lines`);
}

module.exports = { hasActionTest, codeFiles, filesOver };
