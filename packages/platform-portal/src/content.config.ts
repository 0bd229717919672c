// Not from 'astro:content': during content sync Vite's module runner loads this file and what it
// imports one module at a time, and that virtual module brings Astro's whole page-rendering
// runtime (~60 modules, ~1 s before the first page is read). This is the same defineCollection
// without that (astro:content's adds a check that live collections sit in src/live.config.ts), from
// a module Node loads instead (`vite.environments.astro` in astro.config.mjs).
import { defineCollection } from 'astro/content/config';
import { glob } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';
import { i18nSchema } from '@astrojs/starlight/schema';
import { docsLoader, docsPageSchema } from './starlight/docs-loader.ts';
import { ServiceSchema } from './schemas/service.ts';
import { TenantSchema } from './schemas/tenant.ts';
import { RoadmapItemSchema } from './schemas/roadmap-item.ts';
import { ReleaseNoteSchema } from './schemas/release-note.ts';
import { UsageFileSchema } from './schemas/usage.ts';
import { FeedbackEntrySchema } from './schemas/feedback.ts';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsPageSchema }),
  // Starlight's UI strings that the portal words differently: src/content/i18n/<lang>.json, the
  // one path Starlight takes a file's language from.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
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
