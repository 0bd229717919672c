/**
 * Where each kind of content lives in a site: one folder under content/ per kind, and the files
 * in it. The collections, `platform-portal check` and the dev tools all read this one table.
 */
export const CONTENT_KINDS = {
  docs: { folder: 'docs', pattern: '**/[^_]*.{md,mdx}', format: 'markdown' },
  services: { folder: 'services', pattern: '*.yaml', format: 'yaml' },
  tenants: { folder: 'tenants', pattern: '*.yaml', format: 'yaml' },
  roadmap: { folder: 'roadmap', pattern: '*.md', format: 'markdown' },
  changelog: { folder: 'changelog', pattern: '*.{md,mdx}', format: 'markdown' },
  usage: { folder: 'usage', pattern: '*.json', format: 'json' },
  feedback: { folder: 'feedback', pattern: '*/*.yaml', format: 'yaml' },
  access: { folder: 'access', pattern: '*.yaml', format: 'yaml' },
  people: { folder: 'people', pattern: '*.yaml', format: 'yaml' },
  campaigns: { folder: 'campaigns', pattern: '*.yaml', format: 'yaml' },
  campaignStates: { folder: 'campaigns', pattern: '*/*.yaml', format: 'yaml' },
  incidents: { folder: 'incidents', pattern: '*.yaml', format: 'yaml' },
  maintenance: { folder: 'maintenance', pattern: '*.yaml', format: 'yaml' },
  mission: { folder: 'direction', pattern: 'mission.md', format: 'markdown' },
  goals: { folder: 'direction/goals', pattern: '*.md', format: 'markdown' },
} as const;

export type ContentKind = keyof typeof CONTENT_KINDS;

/** The site's content folder, from its root. */
export const CONTENT_DIR = 'content';

/**
 * Builds read content from another folder when this is set: `platform-portal start` builds the
 * site from its local GitHub's base branch, checked out beside the site, so a merged request shows.
 */
export const CONTENT_DIR_VARIABLE = 'PORTAL_CONTENT_DIR';

/**
 * The git repository holding the content's history, when it is not the one around the content
 * folder: `start` exports its content from the local GitHub's repository, which campaign charts
 * read (data/campaign-history.ts) up to the commit built (PORTAL_BUILD_COMMIT).
 */
export const CONTENT_GIT_DIR_VARIABLE = 'PORTAL_CONTENT_GIT_DIR';

/** The content folder of this build, relative to the site's root. */
export function contentDir(env: Record<string, string | undefined> = process.env): string {
  return env[CONTENT_DIR_VARIABLE] || CONTENT_DIR;
}

/** `./content/tenants`: a kind's folder as Astro's glob loader takes it (relative to the root). */
export function kindBase(kind: ContentKind, env?: Record<string, string | undefined>): string {
  return `./${contentDir(env)}/${CONTENT_KINDS[kind].folder}`;
}
