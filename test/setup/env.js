// n8n-core keeps an encryption key and instance settings in $N8N_USER_FOLDER/.n8n:
// point it at a throw-away folder so tests never touch a real n8n installation.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

if (!process.env.PHARMAONE_TEST_USER_FOLDER) {
	process.env.PHARMAONE_TEST_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'pharmaone-n8n-'));
}
process.env.N8N_USER_FOLDER = process.env.PHARMAONE_TEST_USER_FOLDER;
process.env.N8N_LOG_LEVEL = 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
