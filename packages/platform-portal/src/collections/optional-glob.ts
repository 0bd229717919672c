import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { glob, type Loader } from 'astro/loaders';

type GlobOptions = Parameters<typeof glob>[0];

/** The id of an entry set and deleted at once: see below. */
const PLACEHOLDER = '\0empty';

/**
 * Astro's glob loader for a kind a site may not have any files of yet (a new site has no usage and
 * no feedback; a team may delete the sample roadmap). Astro warns when a glob's folder is missing,
 * and again on every page that reads a collection without entries; an empty kind is normal here.
 * The store keeps a collection once an entry was set in it, also after that entry is deleted.
 */
export function optionalGlob(options: GlobOptions & { base: string }): Loader {
  const inner = glob(options);
  return {
    name: 'portal-glob-loader',
    load: async (context) => {
      if (existsSync(fileURLToPath(new URL(options.base, context.config.root)))) await inner.load(context);
      else context.store.clear();
      if (context.store.keys().length === 0) {
        context.store.set({ id: PLACEHOLDER, data: {} });
        context.store.delete(PLACEHOLDER);
      }
    },
  };
}
