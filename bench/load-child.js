'use strict';

// One fresh process: times require('n8n-workflow'), then requiring every node and credential file listed in
// the package's package.json "n8n" section and instantiating each exported class.
//   node bench/load-child.js <package folder>    → prints {"n8nWorkflowMs":…, "packageMs":…, "classes":…}

const path = require('node:path');

const dir = path.resolve(process.argv[2]);
const t0 = process.hrtime.bigint();
require(require.resolve('n8n-workflow', { paths: [dir] })); // the copy the package itself resolves
const t1 = process.hrtime.bigint();
const { n8n } = require(path.join(dir, 'package.json'));
let classes = 0;
for (const file of [...n8n.credentials, ...n8n.nodes]) {
	const exported = require(path.join(dir, file));
	for (const value of Object.values(exported)) {
		if (typeof value === 'function' && value.prototype) {
			const instance = new value();
			if (!instance.description && !instance.name) throw new Error(`${file}: ${value.name} has no description`);
			classes++;
		}
	}
}
const t2 = process.hrtime.bigint();
process.stdout.write(`${JSON.stringify({ n8nWorkflowMs: Number(t1 - t0) / 1e6, packageMs: Number(t2 - t1) / 1e6, classes })}\n`);
