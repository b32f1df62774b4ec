/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // Socket tests against the simulator run real time; give them room on a slow 2-core CI box.
  testTimeout: 30000,
  // Two workers match the CI machine; every test binds port 0 so workers never collide.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  // A test file fails on an unhandled promise rejection (test/support/failOnUnhandledRejection.js).
  setupFilesAfterEnv: ['<rootDir>/test/support/failOnUnhandledRejection.js'],
  // Examples and docs import 'cortex-rx' as a user would; tests resolve it to the sources.
  moduleNameMapper: {
    '^cortex-rx$': '<rootDir>/src/index.ts',
    '^cortex-rx/(.*)$': '<rootDir>/src/$1/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
};
