// The n8n runtime's package.json and package-lock.json, as text (test/scripts/lib/runtime-select.test.ts).
const fs = require('node:fs');
const path = require('node:path');

const DIR = path.join(__dirname, '..', '..', 'scripts', 'n8n-runtime');

function runtimeLockfiles() {
	return {
		packageJson: fs.readFileSync(path.join(DIR, 'package.json'), 'utf8'),
		packageLock: fs.readFileSync(path.join(DIR, 'package-lock.json'), 'utf8'),
	};
}

module.exports = { runtimeLockfiles };
