import type { AstroConfig, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { buildThreadsEnabled } from './job-thread.ts';
import { startMarkdownThread, stopStartedMarkdownThread } from './markdown-threads.ts';
import { parallelPrerenderer } from './parallel-prerender.ts';

/**
 * How `astro build` uses a second core: docs pages' Markdown is rendered on two threads during
 * content sync (markdown-threads.ts, which the docs loader uses) and pages on two threads while
 * generating (parallel-prerender.ts). PORTAL_BUILD_THREADS=1 builds on the main thread alone.
 */
export const buildThreads = {
  /** Pages in flight: rendering on either thread (SLOTS in parallel-prerender.ts) and having their files written. */
  concurrency: 16,
  configSetup(config: AstroConfig, logger: AstroIntegrationLogger): void {
    startMarkdownThread(config, logger);
  },
  async buildStart(setPrerenderer: (make: (base: AstroPrerenderer) => AstroPrerenderer) => void, logger: AstroIntegrationLogger): Promise<void> {
    // Content sync is over: a thread started for it that no page needed is not needed now.
    await stopStartedMarkdownThread();
    if (buildThreadsEnabled()) setPrerenderer((base) => parallelPrerenderer(base, logger));
  },
};
