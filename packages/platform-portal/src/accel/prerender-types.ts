import type { LogEvent } from './worker-protocol.ts';

/**
 * The shapes shared by the prerender thread and the main thread, and the parts of Astro's build
 * app they use. Astro's public types stop at `AstroPrerenderer`; the app behind its default
 * prerenderer is the same object `astro build` renders with, typed here as far as we use it.
 */

/** The key of a route in both threads' manifests. */
export type RouteKey = string;

export function routeKey(route: { route: string; component: string }): RouteKey {
  return `${route.route}\0${route.component}`;
}

export interface PageJob {
  url: string;
  route: RouteKey;
}

export interface RenderedPage {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer;
}

/** A page's stylesheets as Astro's CSS plugin left them on its page data. */
export type PageStyles = unknown[];

export interface PrerenderWorkerData {
  /** file: URL of the prerender bundle's entry module. */
  entry: string;
  /** [page data key, styles] for every page. */
  pageStyles: [string, PageStyles][];
  /** The scripts integrations injected (`settings.scripts`). */
  scripts: unknown[];
}

interface Manifest {
  entryModules: Record<string, string>;
  routes: { routeData: { route: string; component: string } }[];
}

/** Astro's BuildApp on the main thread, after its prerenderer's setup(). */
export interface MainBuildApp {
  manifest: Manifest;
  getOptions(): {
    settings: { config: { outDir: URL }; scripts: unknown[] };
    allPages: Record<string, { key: string; styles: PageStyles }>;
    logger: { options: { destination: { write(event: LogEvent): void } } };
  };
}

/** Astro's BuildApp as loaded in the prerender thread. */
export interface WorkerBuildApp {
  manifest: Manifest;
  setInternals(internals: { pagesByKeys: Map<string, { key: string; styles: PageStyles }>; entrySpecifierToBundleMap: Map<string, string> }): void;
  setOptions(options: { settings: { scripts: unknown[] }; logger: { options: { destination: { write(event: LogEvent): void } } } }): void;
  render(request: Request, options: { routeData: unknown }): Promise<Response>;
}
