import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 300_000 };

// Two projects: fast tests of src/ and tools/ (some on a local GitHub or a local Prometheus), and
// tests that need the built site (its output, the functions in wrangler, the browser end to end),
// whose global setup builds it once.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts', 'test/local-github/**/*.test.ts', 'test/usage/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'site',
          include: ['test/build/**/*.test.ts', 'test/functions/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/build/global-setup.ts'],
          // Each file starts wrangler or builds a copy of the site: two at a time fit two cores.
          maxWorkers: 2,
        },
      },
    ],
  },
});
