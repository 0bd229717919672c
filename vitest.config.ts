import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 300_000 };

// One project per kind of test: fast unit tests of src/ and tools/; tests of the built site
// (their global setup builds it once); the functions in wrangler; the browser end to end.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts', 'test/local-github/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'build',
          include: ['test/build/**/*.test.ts'],
          globalSetup: ['test/build/global-setup.ts'],
        },
      },
    ],
  },
});
