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
};
