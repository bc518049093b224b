// The older n8n lines' runtime files (scripts/n8n-runtime/versions/<version>/), as text, for
// test/scripts/lib/runtime-versions.test.ts and n8n-versions.test.ts.
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', '..', '..', 'scripts', 'n8n-runtime', 'versions');

/** The versions there are folders for, in directory order. */
function olderVersions() {
	return fs.readdirSync(DIR);
}

/** One file of a version's folder, as text. */
function versionFile(version, file) {
	return fs.readFileSync(path.join(DIR, version, file), 'utf8');
}

/**
 * The lockfile entry a package at `from` (a lockfile key such as node_modules/a/node_modules/b) gets for
 * require(name): Node's lookup, from its own node_modules up to the top.
 */
function resolveFrom(packages, from, name) {
	let dir = from;
	for (;;) {
		const entry = packages[`${dir ? `${dir}/` : ''}node_modules/${name}`];
		if (entry) return entry;
		if (!dir) return undefined;
		const index = dir.lastIndexOf('/node_modules/');
		dir = index < 0 ? '' : dir.slice(0, index);
	}
}

module.exports = { olderVersions, versionFile, resolveFrom };
