import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: forks keep tests isolated (OTel globals are per process).
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
