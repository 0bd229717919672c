import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader, docsPageSchema } from './starlight/docs-loader.ts';
import { ServiceSchema } from './schemas/service.ts';
import { TenantSchema } from './schemas/tenant.ts';
import { RoadmapItemSchema } from './schemas/roadmap-item.ts';
import { ReleaseNoteSchema } from './schemas/release-note.ts';
import { UsageFileSchema } from './schemas/usage.ts';
import { FeedbackEntrySchema } from './schemas/feedback.ts';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsPageSchema }),
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
