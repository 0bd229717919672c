import v8 from 'node:v8';
import type { HookParameters } from 'astro';

/** What an integration may set in Astro's config. */
export type ConfigUpdate = Parameters<HookParameters<'astro:config:setup'>['updateConfig']>[0];

/**
 * Modules that src/content.config.ts imports, loaded by Node rather than by Vite's module runner
 * during content sync: the runner transforms and runs Astro's and Starlight's modules one at a time
 * (~15 ms each), which came to ~70 modules and ~1.1 s before the first page was read. Most of them
 * Astro itself has already loaded. Only the `astro` environment, which Astro uses during sync and dev.
 */
const LOADED_BY_NODE = ['astro/content/config', 'astro/loaders', '@astrojs/starlight/loaders', '@astrojs/starlight/schema', 'platform-portal/collections'];

/**
 * V8 lets the heap of a long build grow up to 4× between full collections, and most of that growth
 * is garbage. At most 50% keeps a 1,000-page build with Pagefind's process beside it under 1 GiB.
 * The semi-space size reaches only heaps made after this call: the build's worker threads.
 * Measurements: bench/README.md, "Memory".
 */
export function tuneBuildHeap(): void {
  v8.setFlagsFromString('--heap-growing-percent=50 --max-semi-space-size=16');
}

/** Astro and Vite settings of every portal site, in dev and in builds. */
export function siteSettings(): ConfigUpdate {
  return {
    trailingSlash: 'always',
    vite: {
      environments: { astro: { resolve: { external: LOADED_BY_NODE } } },
      build: {
        // Page scripts go to files of their own rather than inline into every page: fetched once
        // and cached, they keep each page's HTML small as readers move from page to page.
        assetsInlineLimit: (file: string) => (file.endsWith('.js') ? false : undefined),
        rolldownOptions: {
          // Astro puts a directive in a module it makes for each MDX page, and Rolldown warns once per
          // MDX file that it may not keep it (withastro/astro#18087, open). Only that line goes.
          onLog(level: string, log: { code?: string; message: string }, handler: (level: never, log: never) => void) {
            if (level === 'warn' && log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"')) return;
            handler(level as never, log as never);
          },
        },
      },
    },
  };
}

/**
 * A Vite plugin for `astro build` only. Vite's dependency optimizer pre-bundles React and Astro's
 * client modules for a dev server's browser; the dev server `astro build` runs for content sync
 * started it too, for no browser. React's integration adds to its `include` list, which keeps it
 * running with discovery off, so the list is emptied after theirs.
 */
export const noDepsOptimizer = {
  name: 'platform-portal:no-deps-optimizer',
  enforce: 'post' as const,
  configEnvironment(_name: string, options: { optimizeDeps?: Record<string, unknown> }) {
    options.optimizeDeps = { ...options.optimizeDeps, noDiscovery: true, include: [] };
  },
};

/**
 * Packages the server build bundles rather than leaves to Node: their modules import Astro's
 * virtual modules (astro:content), which only Vite resolves. Astro finds such packages among the
 * site's own dependencies; a site need not list Starlight, which comes with the portal.
 */
export const bundledPackages = {
  name: 'platform-portal:bundled-packages',
  configEnvironment(name: string) {
    if (name === 'ssr' || name === 'prerender') return { resolve: { noExternal: ['platform-portal', '@astrojs/starlight'] } };
    return undefined;
  },
};
