import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 30_000, hookTimeout: 300_000 };

// Three projects: fast tests of the engine's modules and tools (some on a local GitHub or a local
// Prometheus) and of the demo content and the architecture's rules; tests that need the fixture
// site built (its output, the functions in wrangler, the browser end to end), whose global setup
// builds it once; and the package as an adopter gets it (packed, init, installed, started).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/local-github/**/*.test.ts', 'test/usage/**/*.test.ts', 'test/demo/**/*.test.ts', 'test/architecture/**/*.test.ts', 'test/cli/**/*.test.ts'],
        },
      },
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
      { test: { ...shared, name: 'package', include: ['test/package/**/*.test.ts'], testTimeout: 300_000 } },
    ],
  },
});
