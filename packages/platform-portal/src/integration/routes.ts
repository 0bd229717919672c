import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
 * The portal's pages and endpoints, from the files of its routes/ folder by the rules of Astro's
 * src/pages/ (`catalog/[service].astro` is /catalog/[service], `index.astro` its folder,
 * `rss.xml.ts` /rss.xml): the folder is the route table, so a route is added in one place. The form
 * page of a built-in request type comes only with the type: a site that leaves it out of
 * `requests.types` has no page for it.
 */
export function portalRoutes(requestTypes: readonly string[]): PortalRoute[] {
  return files(ROUTES_FOLDER)
    .map((file) => {
      const route = path.relative(ROUTES_FOLDER, file).split(path.sep).join('/').replace(ROUTE_FILE, '').replace(/(^|\/)index$/, '');
      return { pattern: `/${route}`, entrypoint: pathToFileURL(file) };
    })
    .filter(({ pattern }) => {
      const form = FORM_PAGE.exec(pattern)?.[1];
      return form === undefined || requestTypes.includes(form);
    })
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
