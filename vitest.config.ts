import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores here and in CI: keep workers to what the machine has.
    maxWorkers: 2,
    // A guard against hangs, not a speed check (speed is measured in npm run bench): tests that
    // start kubectl, Node processes and local API servers can take seconds on a loaded 2-core box.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
