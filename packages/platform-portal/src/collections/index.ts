/**
 * `platform-portal/collections`: the content collections a site's src/content.config.ts exports,
 * as Starlight's `docsLoader()` and `docsSchema()` are for a docs site:
 *
 *   import { portalCollections } from 'platform-portal/collections';
 *   export const collections = portalCollections();
 *
 * `extend` adds a site's own frontmatter or fields to a kind, e.g.
 * `portalCollections({ extend: { tenants: z.object({ slack: z.string() }) } })`.
 */
import { defineCollection, type CollectionConfig } from 'astro/content/config';
import { i18nSchema } from '@astrojs/starlight/schema';
import type { z } from 'zod';
import { docsLoader, docsPageSchema, type DocsPageSchema } from './docs.ts';
import { portalI18nLoader } from './i18n.ts';
import { optionalGlob } from './optional-glob.ts';
import { CONTENT_KINDS, kindBase, type ContentKind } from './layout.ts';
import { ServiceSchema } from '../schemas/service.ts';
import { TenantSchema } from '../schemas/tenant.ts';
import { RoadmapItemSchema } from '../schemas/roadmap-item.ts';
import { ReleaseNoteSchema } from '../schemas/release-note.ts';
import { UsageFileSchema } from '../schemas/usage.ts';
import { FeedbackEntrySchema } from '../schemas/feedback.ts';
import { AccessFileSchema } from '../schemas/access.ts';
import { PersonSchema } from '../schemas/person.ts';
import { CampaignSchema, CampaignStateSchema } from '../schemas/campaign.ts';
import { IncidentSchema, MaintenanceSchema } from '../schemas/operations.ts';
import { GoalSchema, MissionSchema } from '../schemas/goal.ts';

/** Kinds whose fields a site may add to. Usage, feedback and access files are written by the portal itself; people have their fixed two fields. */
export type ExtensibleKind = Extract<ContentKind, 'docs' | 'services' | 'tenants' | 'roadmap' | 'changelog'>;

export interface PortalCollectionsOptions {
  /**
   * Fields a site adds to a kind, as a zod object: they are checked like the portal's own, and the
   * entries carry them. Entries keep the portal's types; a site's component reads its own fields
   * with the schema it passed here.
   */
  extend?: Partial<Record<ExtensibleKind, z.ZodObject>>;
}

/** The portal's schema of a kind with a site's fields added; typed as the portal's, which the engine reads. */
function extended<B extends z.ZodObject>(base: B, fields: z.ZodObject | undefined): B {
  return fields ? (base.safeExtend(fields.shape) as unknown as B) : base;
}

/** The file name without its extension: tenants, usage and feedback are named by it, and checked against it. */
const fileNameId = ({ entry }: { entry: string }) => entry.replace(/\.[^.]+$/, '');

/** A kind named by its file, path in the folder without the extension: the engine's own formats. */
function byFileName<S extends z.ZodType>(kind: ContentKind, schema: S) {
  return defineCollection({ loader: optionalGlob({ base: kindBase(kind), pattern: CONTENT_KINDS[kind].pattern, generateId: fileNameId }), schema });
}

/** The collections, named through public types only, so that the package's declarations can name them. */
export interface PortalCollections {
  docs: CollectionConfig<ReturnType<DocsPageSchema>>;
  i18n: CollectionConfig<ReturnType<typeof i18nSchema>>;
  services: CollectionConfig<typeof ServiceSchema>;
  tenants: CollectionConfig<typeof TenantSchema>;
  roadmap: CollectionConfig<typeof RoadmapItemSchema>;
  changelog: CollectionConfig<typeof ReleaseNoteSchema>;
  usage: CollectionConfig<typeof UsageFileSchema>;
  feedback: CollectionConfig<typeof FeedbackEntrySchema>;
  access: CollectionConfig<typeof AccessFileSchema>;
  people: CollectionConfig<typeof PersonSchema>;
  campaigns: CollectionConfig<typeof CampaignSchema>;
  campaignStates: CollectionConfig<typeof CampaignStateSchema>;
  incidents: CollectionConfig<typeof IncidentSchema>;
  maintenance: CollectionConfig<typeof MaintenanceSchema>;
  mission: CollectionConfig<typeof MissionSchema>;
  goals: CollectionConfig<typeof GoalSchema>;
}

export function portalCollections(options: PortalCollectionsOptions = {}): PortalCollections {
  const extend = options.extend ?? {};
  return {
    docs: defineCollection({ loader: docsLoader(), schema: docsPageSchema(extend.docs) }),
    // Starlight's UI strings: the portal's wording, and a site's own in src/content/i18n/<lang>.json.
    i18n: defineCollection({ loader: portalI18nLoader(), schema: i18nSchema() }),
    services: defineCollection({
      loader: optionalGlob({ base: kindBase('services'), pattern: CONTENT_KINDS.services.pattern }),
      schema: extended(ServiceSchema, extend.services),
    }),
    // The id is the file name, never the `slug` field (glob's default), so a mismatch is caught.
    tenants: byFileName('tenants', extended(TenantSchema, extend.tenants)),
    roadmap: defineCollection({
      loader: optionalGlob({ base: kindBase('roadmap'), pattern: CONTENT_KINDS.roadmap.pattern }),
      schema: extended(RoadmapItemSchema, extend.roadmap),
    }),
    changelog: defineCollection({
      loader: optionalGlob({ base: kindBase('changelog'), pattern: CONTENT_KINDS.changelog.pattern }),
      schema: extended(ReleaseNoteSchema, extend.changelog),
    }),
    // Written by `platform-portal usage export`; the id is the file name, checked against `tenant`.
    usage: byFileName('usage', UsageFileSchema),
    // Merged feedback, one file per submission: content/feedback/<period>/<id>.yaml.
    feedback: byFileName('feedback', FeedbackEntrySchema),
    // Time-limited access grants, one file per tenant: content/access/<tenant>.yaml.
    access: byFileName('access', AccessFileSchema),
    // The directory of people: content/people/<github-login>.yaml, their sign-in email.
    people: byFileName('people', PersonSchema),
    // Campaigns, content/campaigns/<id>.yaml, and each tenant's state in one,
    // content/campaigns/<id>/<tenant>.yaml (id `<id>/<tenant>`).
    campaigns: byFileName('campaigns', CampaignSchema),
    campaignStates: byFileName('campaignStates', CampaignStateSchema),
    // Operations in the open: incidents, content/incidents/<id>.yaml, and maintenance windows,
    // content/maintenance/<id>.yaml.
    incidents: byFileName('incidents', IncidentSchema),
    maintenance: byFileName('maintenance', MaintenanceSchema),
    // The platform's direction: its mission, content/direction/mission.md, and its goals,
    // content/direction/goals/<id>.md, which roadmap items name.
    mission: byFileName('mission', MissionSchema),
    goals: byFileName('goals', GoalSchema),
  };
}
