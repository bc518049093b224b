// Reads the source of the loaded n8n-core (whichever pair jest maps), for capability probes.
const fs = require('node:fs');
const path = require('node:path');

/** Whether the n8n-core file at `relativePath` (below its dist folder) exists and contains `text`. */
function coreSourceIncludes(relativePath, text) {
	const file = path.join(path.dirname(require.resolve('n8n-core')), ...relativePath.split('/'));
	return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(text);
}

module.exports = { coreSourceIncludes };
