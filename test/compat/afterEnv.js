// n8n-core 1.x starts SSHClientsManager's 60-second cleanup interval without unref() (2.x unrefs
// it) the first time a node runs, which keeps jest from exiting. Stop it after each test file,
// through the same module instances the test file used.
const fs = require('node:fs');
const path = require('node:path');

const coreDir = path.join(__dirname, 'node_modules', 'n8n-core');
const diEntry = path.join(__dirname, 'node_modules', '@n8n', 'di');
const managerEntry = path.join(coreDir, 'dist', 'execution-engine', 'ssh-clients-manager.js');

afterAll(() => {
	if (!fs.existsSync(managerEntry) || !fs.existsSync(diEntry)) return;
	const { Container } = require(diEntry);
	const { SSHClientsManager } = require(managerEntry);
	if (SSHClientsManager && Container.has(SSHClientsManager)) Container.get(SSHClientsManager).onShutdown();
});
