import { defineConfig } from 'vitest/config';

// npm run test:stress only: the long fault run (not part of npm test, whose config includes only
// test/unit and test/integration). It uses the build in out/ (the script builds first).
export default defineConfig({
  test: {
    include: ['test/fault/stress.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 1_800_000,
  },
});
