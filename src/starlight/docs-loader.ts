import { glob, type Loader } from 'astro/loaders';
import { kindOfDocsPath } from '../schemas/docs-page.ts';
import { pruneHtmlFiles, storeHtmlInFiles } from './docs-html.ts';

const DOCS_BASE = './content/docs';

/**
 * Starlight's docs loader only reads src/content/docs; this is the same glob over content/docs.
 * It sets `kind` from the folder, so that the runbook fields are required exactly under runbooks/,
 * and keeps each page's rendered HTML in a file of its own (see docs-html.ts).
 */
export function docsLoader(): Loader {
  // No raw Markdown in the data store either: nothing reads it.
  const inner = glob({ base: DOCS_BASE, pattern: '**/[^_]*.{md,mdx}', retainBody: false });
  return {
    name: 'portal-docs-loader',
    load: async (context) => {
      await inner.load({
        ...context,
        store: storeHtmlInFiles(context.store, context.config),
        parseData: (props) =>
          context.parseData({ ...props, data: { ...props.data, kind: kindOfDocsPath(props.id) } }),
      });
      pruneHtmlFiles(context.store, context.config);
    },
  };
}
