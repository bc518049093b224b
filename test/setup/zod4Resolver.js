// Jest resolver of jest.zod4.config.js: our code (nodes/, credentials/, test/) gets zod 4 where
// it imports zod; n8n-workflow and n8n-core keep the zod 3 they were built against.
const path = require('node:path');

const ZOD4 = path.join(__dirname, '..', '..', 'node_modules', 'zod4');

module.exports = (request, options) => {
	const fromPackage = options.basedir.split(path.sep).includes('node_modules');
	return options.defaultResolver(request === 'zod' && !fromPackage ? ZOD4 : request, options);
};
