import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_KINDS, type ContentKind } from '../collections/layout.ts';
import type { KindSchemas } from './check-content.ts';

/** Where a site keeps its collections, as in any Astro site. */
export const CONTENT_CONFIG = 'src/content.config.ts';

export class ContentConfigError extends Error {
  override name = 'ContentConfigError';
}

/**
 * The schemas of the site's collections, with its extensions: its src/content.config.ts, loaded by
 * Node (which strips its types). Every kind of the portal must be there, as portalCollections() makes them.
 */
export async function loadSiteSchemas(root: string): Promise<KindSchemas> {
  const file = path.join(root, CONTENT_CONFIG);
  if (!existsSync(file)) {
    throw new ContentConfigError(`There is no ${CONTENT_CONFIG} in ${root}. Add one that exports the portal's collections: export const collections = portalCollections();`);
  }
  let module: { collections?: Partial<Record<ContentKind, { schema?: unknown }>> };
  try {
    module = (await import(pathToFileURL(file).href)) as typeof module;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new ContentConfigError(
      `${CONTENT_CONFIG} could not be loaded outside Astro (${why}). Import defineCollection from 'astro/content/config' rather than 'astro:content', which only Astro can load.`,
    );
  }
  const missing = (Object.keys(CONTENT_KINDS) as ContentKind[]).filter((kind) => !module.collections?.[kind]?.schema);
  if (missing.length > 0) {
    throw new ContentConfigError(`${CONTENT_CONFIG} has no collection ${missing.join(', ')}: export the portal's collections, export const collections = portalCollections();`);
  }
  const collections = module.collections as Record<ContentKind, { schema: KindSchemas[ContentKind] }>;
  return Object.fromEntries((Object.keys(CONTENT_KINDS) as ContentKind[]).map((kind) => [kind, collections[kind].schema])) as KindSchemas;
}
