import type { AstroIntegration } from 'astro';
import { buildThreadsEnabled } from './job-thread.ts';
import { startMarkdownThread, stopStartedMarkdownThread } from './markdown-threads.ts';
import { parallelPrerenderer } from './parallel-prerender.ts';

/**
 * How `astro build` uses a second core: docs pages' Markdown is rendered on two threads during
 * content sync (markdown-threads.ts, which the docs loader uses) and pages on two threads while
 * generating (parallel-prerender.ts). PORTAL_BUILD_THREADS=1 builds on the main thread alone.
 * See the README's "Performance".
 */
export function portalBuild(): AstroIntegration {
  return {
    name: 'portal:build',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        if (command === 'build') startMarkdownThread(config, logger);
      },
      'astro:build:start': async ({ setPrerenderer, logger }) => {
        // Content sync is over: a thread started for it that no page needed is not needed now.
        await stopStartedMarkdownThread();
        if (buildThreadsEnabled()) setPrerenderer((base) => parallelPrerenderer(base, logger));
      },
    },
  };
}
