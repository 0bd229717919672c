import type { AstroIntegration } from 'astro';
import { buildThreadsEnabled } from './job-thread.ts';
import { startMarkdownThread, stopStartedMarkdownThread } from './markdown-threads.ts';
import { parallelPrerenderer } from './parallel-prerender.ts';

/**
 * How `astro build` uses a second core: docs pages' Markdown is rendered on two threads during
 * content sync (markdown-threads.ts, which the docs loader uses) and pages on two threads while
 * generating (parallel-prerender.ts). PORTAL_BUILD_THREADS=1 builds on the main thread alone.
 * It also keeps the build from pre-bundling dependencies for a browser. See the README's "Performance".
 */
export function portalBuild(): AstroIntegration {
  return {
    name: 'portal:build',
    hooks: {
      'astro:config:setup': ({ config, command, logger, updateConfig }) => {
        if (command !== 'build') return;
        startMarkdownThread(config, logger);
        // Vite's dependency optimizer pre-bundles React and Astro's client modules for a dev
        // server's browser. The dev server `astro build` runs for content sync started it too,
        // beside the Markdown, for no browser. React's integration adds to its `include` list,
        // which keeps it running with discovery off, so the list is emptied after theirs.
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'portal:no-deps-optimizer',
                enforce: 'post',
                configEnvironment(_name, options) {
                  options.optimizeDeps = { ...options.optimizeDeps, noDiscovery: true, include: [] };
                },
              },
            ],
          },
        });
      },
      'astro:build:start': async ({ setPrerenderer, logger }) => {
        // Content sync is over: a thread started for it that no page needed is not needed now.
        await stopStartedMarkdownThread();
        if (buildThreadsEnabled()) setPrerenderer((base) => parallelPrerenderer(base, logger));
      },
    },
  };
}
