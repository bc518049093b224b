// Reads the documented route list (a copy of ../shared/docs/routes.tsv kept in test/fixtures).
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
