import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores here and in CI: keep workers to what the machine has.
    maxWorkers: 2,
  },
});
