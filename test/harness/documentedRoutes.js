// Reads the documented route list: test/fixtures/routes.tsv, every route PharmaOne's API documentation lists.
const fs = require('node:fs');
const path = require('node:path');

/** "METHOD PATH" per documented route; with scopes, "METHOD PATH SCOPE". */
function documentedRoutes(withScopes = false) {
	return fs
		.readFileSync(path.join(__dirname, '..', 'fixtures', 'routes.tsv'), 'utf8')
		.split('\n')
		.filter((line) => line.trim() && !line.startsWith('#'))
		.map((line) => {
			const [method, routePath, , scope] = line.split('\t');
			return withScopes ? `${method} ${routePath} ${scope}` : `${method} ${routePath}`;
		});
}

module.exports = { documentedRoutes };
