import { existsSync } from 'node:fs';
import type { AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import { JobThread, siblingModule, THREADS_VARIABLE } from './job-thread.ts';
import { routeKey, type MainBuildApp, type PageJob, type PrerenderWorkerData, type RenderedPage } from './prerender-types.ts';

/**
 * Pages rendering at once: queued on the prerender thread, so that it always has the next page
 * when it finishes one, and on the main thread, one rendering while the other waits on a file.
 * Astro's `build.concurrency` must be larger than their sum: a page holds Astro's slot until its
 * file is written, which the main thread does between renders of its own.
 */
const SLOTS = { thread: 6, main: 2 };

type Slot = keyof typeof SLOTS;

/**
 * Astro's prerenderer, rendering on two threads: the main thread (Astro's own prerenderer) and a
 * worker thread loading the same bundle (prerender-worker.ts). Astro renders one page at a time
 * on a thread; with two, rendering 1,000 pages takes ~1.5 s less (of ~10: the second core was
 * already partly busy with garbage collection and file writes). The output is the same, byte for
 * byte. A page goes to the thread while it has a free slot, else to the main thread, else waits
 * for the first free one; a page that asks Astro to optimise an image is rendered again on the
 * main thread, where Astro collects those. If the thread stops, the main thread renders the rest.
 */
export function parallelPrerenderer(base: AstroPrerenderer, logger: AstroIntegrationLogger): AstroPrerenderer {
  let thread: JobThread<PageJob, RenderedPage> | undefined;
  const rendered = { thread: 0, main: 0, images: 0 };
  const free = { ...SLOTS };
  const waiting: ((slot: Slot) => void)[] = [];
  const take = (): Promise<Slot> => {
    const slot = free.thread > 0 && !thread?.failure ? 'thread' : free.main > 0 ? 'main' : undefined;
    if (!slot) return new Promise((resolve) => waiting.push(resolve));
    free[slot]--;
    return Promise.resolve(slot);
  };
  const give = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot === 'thread' && thread?.failure ? 'main' : slot);
    else free[slot]++;
  };

  return {
    name: 'portal:parallel-prerenderer',
    async setup() {
      await base.setup?.();
      const app = (base as AstroPrerenderer & { app?: MainBuildApp }).app;
      const options = app?.getOptions();
      const name = app?.manifest.entryModules['astro/entrypoints/prerender'];
      // Where Astro's prerenderer imported the bundle from, for a static site (getPrerenderOutputDirectory).
      const entry = name && options && new URL(`.prerender/${name}`, options.settings.config.outDir);
      if (!app || !options || !entry || !existsSync(entry)) {
        throw new Error(`Astro's prerender bundle is not where this Astro version used to put it (${entry ?? 'no entry'}): build on one thread with ${THREADS_VARIABLE}=1, and update platform-portal's accel/parallel-prerender.ts.`);
      }
      const data: PrerenderWorkerData = {
        entry: entry.href,
        // Page data holds URL objects, which cannot cross threads: the styles are all rendering reads.
        pageStyles: Object.values(options.allPages).map((page) => [page.key, page.styles]),
        scripts: options.settings.scripts,
      };
      const log = options.logger.options.destination;
      thread = new JobThread({ file: siblingModule('prerender-worker', import.meta.url), name: 'prerender', data, log: (event) => log.write(event) });
    },
    getStaticPaths: () => base.getStaticPaths(),
    async render(request, options) {
      // Astro's incremental build tracks what a page read in the thread that rendered it.
      if (!thread || options.collectMetadata) return base.render(request, options);
      const slot = await take();
      try {
        if (slot === 'thread') {
          const page = await thread.run({ url: request.url, route: routeKey(options.routeData) }).catch((error: unknown) => {
            if (thread?.failure) return undefined;
            throw error;
          });
          if (page) {
            rendered.thread++;
            return new Response(page.body, { status: page.status, statusText: page.statusText, headers: page.headers });
          }
          if (!thread.failure) rendered.images++;
        }
        rendered.main++;
        return await base.render(request, options);
      } finally {
        give(slot);
      }
    },
    async teardown() {
      const { thread: there, main, images } = rendered;
      logger.info(`Rendered ${there + main} pages: ${there} on a second thread, ${main} on the main thread${images ? ` (${images} of them for their images)` : ''}.`);
      await thread?.stop();
      await base.teardown?.();
    },
  };
}
