/**
 * How the docs loader goes faster where the accelerations run (see versions.ts): the rendered HTML
 * of each page kept in a file instead of Astro's data store (docs-html.ts), Markdown rendered on
 * two threads (markdown-threads.ts), and Starlight's docs schema built once for the pages without a
 * hero instead of once per page.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import type { SchemaContext } from 'astro:content';
import { storeHtmlInFiles, storedHtmlFile } from './docs-html.ts';
import { markdownOnTwoThreads } from './markdown-threads.ts';

type LoadContext = Parameters<Loader['load']>[0];

export interface AcceleratedLoad {
  /** What the glob loader gets instead of the loader context's own. */
  context: Partial<LoadContext> & { entryTypes?: unknown };
  /** Called before each entry's frontmatter is checked. */
  beforeParse(data: Record<string, unknown>): void;
  /** Stops the Markdown thread, whether the glob loader succeeded or not. */
  stop(): Promise<void>;
  /** Once the glob loader succeeded: waits for the HTML files and deletes those of removed pages. */
  finish(): Promise<void>;
}

/**
 * Whether the entry being parsed has a hero. Astro calls a collection's schema function
 * synchronously at the start of each parseData call, so the loader sets this just before.
 */
let nextHasHero = true;

export function accelerateDocsLoad(context: LoaderContext): AcceleratedLoad {
  const html = storeHtmlInFiles(context.store, context.config);
  const markdown = markdownOnTwoThreads(context);
  return {
    context: { entryTypes: markdown.entryTypes, store: html.store },
    beforeParse: (data) => {
      nextHasHero = 'hero' in data;
    },
    stop: markdown.stop,
    finish: html.finish,
  };
}

/**
 * On Astro's own path the data store must not keep HTML files from an accelerated build (a page
 * unchanged since would render empty): such a store is emptied, so every page renders again.
 */
export function forgetAcceleratedEntries(context: LoaderContext): void {
  if (context.store.values().some((entry) => storedHtmlFile(entry) !== undefined)) context.store.clear();
}

/**
 * Starlight's docs schema, built once for the pages without a hero. Astro hands the schema a new
 * `image()` helper for each entry (an image path is relative to its page), and building the whole
 * schema for each of 1,000 pages took 1.3 s of the build's CPU. Only `hero` uses the helper, so a
 * page with a hero still gets a schema of its own; the shared one fails loudly if it ever meets one.
 */
export function sharedDocsSchema<S>(build: (context: SchemaContext) => S): (context: SchemaContext) => S {
  let shared: S | undefined;
  return (context) => {
    if (nextHasHero) return build(context);
    shared ??= build({
      image: (() =>
        context.image().refine(() => false, 'Internal error: a page with a hero was checked against the schema shared by pages without one.')) as SchemaContext['image'],
    });
    return shared;
  };
}
