'use strict';

// Runs a real n8n on this machine for the demo (scripts/demo.js), the end-to-end tests (test/e2e/*.js) and the
// benchmarks (bench/*.js): one entry point for its parts, each doing one thing:
//   n8n-process.js   child processes (own process groups, stopped by PID), bounded waits, free ports
//   n8n-cli.js       the runtime (scripts/n8n-runtime.js), installing this package, n8n's environment, the CLI
//   n8n-rest.js      n8n's REST API as the editor uses it
//   n8n-fixtures.js  the owner, the sandbox credentials and the example workflows
//   n8n-versions.js  what differs between n8n versions (1.123.81, 2.8.4, 2.35.7, 2.41.1 measured)
// The n8n version is the runtime's: ensureRuntime({ version }) or PHARMAONE_N8N_VERSION (default 2.41.1).
// Plain CommonJS, Node.js 20+, no dependencies. Everything listens on 127.0.0.1.

const processes = require('./n8n-process');
const cli = require('./n8n-cli');
const rest = require('./n8n-rest');
const fixtures = require('./n8n-fixtures');

module.exports = {
	ROOT: processes.ROOT,
	OWNER: fixtures.OWNER,
	CREDENTIAL_IDS: fixtures.CREDENTIAL_IDS,
	sleep: processes.sleep,
	run: processes.run,
	killGroup: processes.killGroup,
	killAllChildren: processes.killAllChildren,
	ensureRuntime: cli.ensureRuntime,
	profileOf: cli.profileOf,
	installPackage: cli.installPackage,
	n8nEnv: cli.n8nEnv,
	n8nCli: cli.n8nCli,
	publishWorkflow: cli.publishWorkflow,
	executeWorkflow: cli.executeWorkflow,
	nodeOutputs: cli.nodeOutputs,
	startN8n: processes.startN8n,
	stopProcess: processes.stopProcess,
	waitFor: processes.waitFor,
	fetchWithTimeout: processes.fetchWithTimeout,
	freePort: processes.freePort,
	portInUse: processes.portInUse,
	assertPortsFree: processes.assertPortsFree,
	sandboxCredentials: fixtures.sandboxCredentials,
	readExamples: fixtures.readExamples,
	triggerWebhookUrl: fixtures.triggerWebhookUrl,
	N8nRest: rest.N8nRest,
	startBackground: processes.startBackground,
	startN8nCommand: processes.startN8nCommand,
	listAllExecutions: rest.listAllExecutions,
};
