/**
 * Three projects, three speeds: `unit` (domain, adapters with mocked clients, CDK assertions; no Java),
 * `integration` (every route and the workflow against one DynamoDB Local, started by the global setup)
 * and `e2e` (the backend as `npm start` runs it). `npm test` runs them all; `npm run test:unit` only the first.
 */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  setupFiles: ['<rootDir>/test/setup-env.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  // Most tests wait on DynamoDB Local, scrypt's threadpool or a child process rather than on Jest's own
  // thread: 3 workers on these 2-core machines take the whole run from about 150 s to about 90 s.
  maxWorkers: 3,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit', '<rootDir>/test/cdk'] },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    // Each e2e test starts its own backend, with its own DynamoDB Local, as a user would.
    { ...shared, displayName: 'e2e', roots: ['<rootDir>/test/e2e'] },
  ],
};
