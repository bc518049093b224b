// The zod major version a test run is meant to use: 4 under jest.zod4.config.js (which sets
// PHARMAONE_ZOD_MAJOR), otherwise 3, the zod that n8n 2.41 provides.
function expectedZodMajor() {
	return Number(process.env.PHARMAONE_ZOD_MAJOR || 3);
}

module.exports = { expectedZodMajor };
