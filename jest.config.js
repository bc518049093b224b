/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	// nock keeps interceptors on globals between files; jest's soft clean-up only warns about them.
	testEnvironmentOptions: { globalsCleanup: 'off' },
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json', diagnostics: { warnOnly: false } }],
	},
	globalSetup: '<rootDir>/test/setup/globalSetup.js',
	setupFiles: ['<rootDir>/test/setup/env.js'],
	reporters: ['default', '<rootDir>/test/setup/routeCoverageReporter.js'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/nock.js'],
	testTimeout: 30000,
	// Every test bounds its own work; a handle left by a library after the last test must not hang CI.
	forceExit: true,
	// Two worker processes, each replaced once it holds more than 1.5 GB after a file: n8n-core's engine is loaded
	// per test file, and one process running every file in turn grew past Node's heap limit.
	maxWorkers: 2,
	workerIdleMemoryLimit: '1536MB',
};
