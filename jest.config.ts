import type { Config } from 'jest';

// Type checking is `npm run typecheck`'s job; ts-jest only transpiles (isolatedModules in
// tsconfig.base.json), which keeps the suite fast on two cores.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  setupFiles: ['reflect-metadata'],
  testTimeout: 30_000,
  // Integration tests share Postgres, Redis and loopback ports: two workers fit two cores.
  maxWorkers: 2,
};

export default config;
