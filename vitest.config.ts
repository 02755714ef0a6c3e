import { defineConfig } from 'vitest/config';

// Two projects: "node" (unit, database, spooler and engine tests) and "e2e" (the operator's UI in Chromium).
// Both share one test database started by test/globalSetup.ts.
export default defineConfig({
  test: {
    globalSetup: ['test/globalSetup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // expect.poll's own default (1 s) is a timing assertion on a loaded machine: a snapshot, a re-render and a
          // database write can take longer. The limit only stops a hung test; polls that need longer say so.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
