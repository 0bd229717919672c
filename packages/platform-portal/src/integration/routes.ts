import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONTENT_KINDS, kindBase, type ContentKind } from '../collections/layout.ts';
import { layoutMatcher } from '../check/read-content.ts';

export interface PortalRoute {
  pattern: string;
  entrypoint: URL;
}

const ROUTES_FOLDER = fileURLToPath(new URL('../routes/', import.meta.url));

/** A page (.astro) or an endpoint (.ts, or .js once built), named as Astro names its src/pages/ files. */
const ROUTE_FILE = /\.(astro|ts|js)$/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(path.join(dir, entry.name)) : ROUTE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.join(dir, entry.name)] : [],
  );
}

/** The form page of one request type the engine brings (`request/capacity.astro`): its type's name. */
const FORM_PAGE = /^\/request\/([a-z][a-z0-9-]*)$/;

/**
 * Pages of a built-in request type besides its form: there while the site offers the type, or has
 * content of the kind the type brought (feedback merged before the site dropped the type).
 */
const TYPE_PAGES: Record<string, { type: string; content: ContentKind }> = {
  '/insights/feedback': { type: 'feedback', content: 'feedback' },
};

/** Pages there only while the site has files of one of the kinds they show: no empty direction page. */
const CONTENT_PAGES: Record<string, readonly ContentKind[]> = {
  '/direction': ['mission', 'goals'],
};

/** What decides which of the portal's pages a site has: the request types it offers, the kinds of content it has files of. */
export interface RouteChoices {
  requestTypes: readonly string[];
  contentKinds: readonly ContentKind[];
}

/**
 * The kinds of content, of those a type's page or a content page shows, that the site has files
 * of: files in the kind's folder that its pattern matches, as its collection reads them
 * (content/feedback/<period>/<id>.yaml, content/direction/goals/<id>.md).
 */
export function contentKindsOf(root: string): ContentKind[] {
  const kinds = [...new Set([...Object.values(TYPE_PAGES).map((page) => page.content), ...Object.values(CONTENT_PAGES).flat()])];
  return kinds.filter((kind) => {
    const dir = path.resolve(root, kindBase(kind));
    const matches = layoutMatcher(CONTENT_KINDS[kind].pattern);
    return existsSync(dir) && readdirSync(dir, { recursive: true, encoding: 'utf-8' }).some((file) => matches.test(file.split(path.sep).join('/')));
  });
}

/** Whether a page comes with this site: the pages of a request type only with the type or its content. */
function kept(pattern: string, { requestTypes, contentKinds }: RouteChoices): boolean {
  const form = FORM_PAGE.exec(pattern)?.[1];
  if (form !== undefined) return requestTypes.includes(form);
  const shows = CONTENT_PAGES[pattern];
  if (shows !== undefined) return shows.some((kind) => contentKinds.includes(kind));
  const page = TYPE_PAGES[pattern];
  return page === undefined || requestTypes.includes(page.type) || contentKinds.includes(page.content);
}

/**
 * The portal's pages and endpoints, from the files of its routes/ folder by the rules of Astro's
 * src/pages/ (`catalog/[service].astro` is /catalog/[service], `index.astro` its folder,
 * `rss.xml.ts` /rss.xml): the folder is the route table, so a route is added in one place. The form
 * page of a built-in request type comes only with the type: a site that leaves it out of
 * `requests.types` has no page for it, nor the type's other pages unless it has their content.
 */
export function portalRoutes(choices: RouteChoices): PortalRoute[] {
  return files(ROUTES_FOLDER)
    .map((file) => {
      const route = path.relative(ROUTES_FOLDER, file).split(path.sep).join('/').replace(ROUTE_FILE, '').replace(/(^|\/)index$/, '');
      return { pattern: `/${route}`, entrypoint: pathToFileURL(file) };
    })
    .filter(({ pattern }) => kept(pattern, choices))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The request types whose form is a page of the engine's own (`request/capacity.astro`); the rest get the generic form. */
export function formPages(): string[] {
  return files(ROUTES_FOLDER).flatMap((file) => {
    const route = path.relative(ROUTES_FOLDER, file).split(path.sep).join('/').replace(ROUTE_FILE, '');
    const name = FORM_PAGE.exec(`/${route}`)?.[1];
    return name ? [name] : [];
  });
}
