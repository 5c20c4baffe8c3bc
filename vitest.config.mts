import { defineConfig } from 'vitest/config';

// Unit and integration tests run under Node on real SQLite files in temp directories.
// Integration tests that start the headless host use the build in out/ (npm test builds first).
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
