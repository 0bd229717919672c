import { glob, type Loader } from 'astro/loaders';
import type { SchemaContext } from 'astro:content';
import { docsSchema } from '@astrojs/starlight/schema';
import { DocsPageFields, kindOfDocsPath } from '../schemas/docs-page.ts';
import { storeHtmlInFiles } from '../accel/docs-html.ts';
import { markdownOnTwoThreads } from '../accel/markdown-threads.ts';

const DOCS_BASE = './content/docs';

/**
 * Starlight's docs loader only reads src/content/docs; this is the same glob over content/docs.
 * It sets `kind` from the folder, so that the runbook fields are required exactly under runbooks/,
 * keeps each page's rendered HTML in a file of its own (see docs-html.ts), and in a build renders
 * the Markdown on two threads (see src/build/markdown-threads.ts).
 */
export function docsLoader(): Loader {
  // No raw Markdown in the data store either: nothing reads it.
  const inner = glob({ base: DOCS_BASE, pattern: '**/[^_]*.{md,mdx}', retainBody: false });
  return {
    name: 'portal-docs-loader',
    load: async (context) => {
      const html = storeHtmlInFiles(context.store, context.config);
      const markdown = markdownOnTwoThreads(context);
      await inner.load({
        ...context,
        // Read by the glob loader, though not part of the loader context's public type.
        ...{ entryTypes: markdown.entryTypes },
        store: html.store,
        parseData: (props) => {
          nextHasHero = 'hero' in props.data;
          return context.parseData({ ...props, data: { ...props.data, kind: kindOfDocsPath(props.id) } });
        },
      }).finally(markdown.stop);
      await html.finish();
    },
  };
}

/**
 * Whether the entry being parsed has a hero. Astro calls a collection's schema function
 * synchronously at the start of each parseData call, so the loader sets this just before.
 */
let nextHasHero = true;

const starlightDocsSchema = docsSchema({ extend: DocsPageFields });
let shared: ReturnType<typeof starlightDocsSchema> | undefined;

/**
 * Starlight's docs schema, built once for the pages without a hero. Astro hands the schema a new
 * `image()` helper for each entry (an image path is relative to its page), and building the whole
 * schema for each of 1,000 pages took 1.3 s of the build's CPU. Only `hero` uses the helper, so a
 * page with a hero still gets a schema of its own; the shared one fails loudly if it ever meets one.
 */
export function docsPageSchema(context: SchemaContext): ReturnType<typeof starlightDocsSchema> {
  if (nextHasHero) return starlightDocsSchema(context);
  shared ??= starlightDocsSchema({
    image: (() =>
      context.image().refine(() => false, 'Internal error: a page with a hero was checked against the schema shared by pages without one.')) as SchemaContext['image'],
  });
  return shared;
}
