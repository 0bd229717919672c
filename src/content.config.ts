import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { DocsPageFields, kindOfDocsPath } from './schemas/docs-page.ts';
import { ServiceSchema } from './schemas/service.ts';
import { TenantSchema } from './schemas/tenant.ts';
import { RoadmapItemSchema } from './schemas/roadmap-item.ts';
import { ReleaseNoteSchema } from './schemas/release-note.ts';
import { UsageFileSchema } from './schemas/usage.ts';
import { FeedbackEntrySchema } from './schemas/feedback.ts';

const DOCS_BASE = './content/docs';

/**
 * Starlight's docs loader only reads src/content/docs; this is the same glob over content/docs,
 * and it sets `kind` from the folder so that the runbook fields are required exactly under runbooks/.
 */
function docsLoader(): Loader {
  // No raw Markdown in the data store: nothing reads it, and the store is compiled as one JS module
  // whose size sets much of the build's time and memory at scale.
  const inner = glob({ base: DOCS_BASE, pattern: '**/[^_]*.{md,mdx}', retainBody: false });
  return {
    name: 'portal-docs-loader',
    load: (context) =>
      inner.load({
        ...context,
        parseData: (props) =>
          context.parseData({ ...props, data: { ...props.data, kind: kindOfDocsPath(props.id) } }),
      }),
  };
}

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: DocsPageFields }) }),
  services: defineCollection({ loader: glob({ base: './content/services', pattern: '*.yaml' }), schema: ServiceSchema }),
  // The id is the file name, never the `slug` field (glob's default), so a mismatch is caught.
  tenants: defineCollection({
    loader: glob({ base: './content/tenants', pattern: '*.yaml', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
    schema: TenantSchema,
  }),
  roadmap: defineCollection({ loader: glob({ base: './content/roadmap', pattern: '*.md' }), schema: RoadmapItemSchema }),
  changelog: defineCollection({ loader: glob({ base: './content/changelog', pattern: '*.{md,mdx}' }), schema: ReleaseNoteSchema }),
  // Written by `npm run usage:export`; the id is the file name, checked against `tenant`.
  usage: defineCollection({
    loader: glob({ base: './content/usage', pattern: '*.json', generateId: ({ entry }) => entry.replace(/\.json$/, '') }),
    schema: UsageFileSchema,
  }),
  // Merged feedback, one file per submission: content/feedback/<period>/<id>.yaml.
  feedback: defineCollection({
    loader: glob({ base: './content/feedback', pattern: '*/*.yaml', generateId: ({ entry }) => entry.replace(/\.yaml$/, '') }),
    schema: FeedbackEntrySchema,
  }),
};
