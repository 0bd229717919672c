/**
 * A second thread rendering pages during `astro build` (see parallel-prerender.ts). It loads the
 * same prerender bundle as Astro's own prerenderer on the main thread and gives Astro's build app
 * the little of the build's state that rendering reads: each page's styles and the page scripts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { workerData } from 'node:worker_threads';
import { forwardLogs, NEEDS_MAIN_THREAD, serveJobs } from './job-worker.ts';
import { routeKey, type PageJob, type PrerenderWorkerData, type RenderedPage, type WorkerBuildApp } from './prerender-types.ts';

const { entry, pageStyles, scripts } = workerData as PrerenderWorkerData;

// Astro collects the images a page optimises in the main thread's build (globalThis.astroAsset),
// and writes them after rendering. A page that asks for one is rendered again on the main thread.
const currentPage = new AsyncLocalStorage<{ needsMainThread: boolean }>();
(globalThis as { astroAsset?: unknown }).astroAsset = {
  addStaticImage: () => {
    const current = currentPage.getStore();
    if (current) current.needsMainThread = true;
    return '';
  },
};

const { app } = (await import(entry)) as { app: WorkerBuildApp };
app.setInternals({
  pagesByKeys: new Map(pageStyles.map(([key, styles]) => [key, { key, styles }])),
  entrySpecifierToBundleMap: new Map(Object.entries(app.manifest.entryModules)),
});
app.setOptions({ settings: { scripts }, logger: { options: { destination: forwardLogs } } });
const routes = new Map(app.manifest.routes.map(({ routeData }) => [routeKey(routeData), routeData]));

serveJobs<PageJob, RenderedPage>(
  ({ url, route }) => {
    const routeData = routes.get(route);
    if (!routeData) throw new Error(`No route ${route.replace('\0', ' in ')} in the prerender bundle.`);
    const state = { needsMainThread: false };
    return currentPage.run(state, async () => {
      const response = await app.render(new Request(url), { routeData });
      const body = await response.arrayBuffer();
      if (state.needsMainThread) return NEEDS_MAIN_THREAD;
      return { status: response.status, statusText: response.statusText, headers: [...response.headers], body };
    });
  },
  (page) => [page.body],
);
