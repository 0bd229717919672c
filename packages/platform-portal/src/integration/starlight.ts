import { fileURLToPath } from 'node:url';
import starlight from '@astrojs/starlight';
import type { StarlightPlugin, StarlightUserConfig } from '@astrojs/starlight/types';
import type { PortalConfig } from '../schemas/site-config.ts';

/** A file of this package, by its path from src/ (dist/ once built), as Starlight takes component and style paths. */
function own(file: string): string {
  return fileURLToPath(new URL(`../${file}`, import.meta.url));
}

/** `starlight/route-middleware.ts` here, `.js` once built. */
function ownModule(file: string): string {
  return own(`${file}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`);
}

/** The Starlight components the portal replaces. */
const COMPONENTS = {
  PageTitle: own('components/starlight/PageTitle.astro'),
  Footer: own('components/starlight/Footer.astro'),
  Sidebar: own('components/starlight/Sidebar.astro'),
};

/** The portal's part of Starlight's setup: the route middleware that gives docs pages the portal's navigation. */
const portalPlugin: StarlightPlugin = {
  name: 'platform-portal',
  hooks: {
    'config:setup'({ addRouteMiddleware }) {
      addRouteMiddleware({ entrypoint: ownModule('starlight/route-middleware'), order: 'pre' });
    },
  },
};

/** A site's own Starlight options; title and description come from portal.config.ts, the sidebar from the portal's navigation. */
export type StarlightOptions = Partial<Omit<StarlightUserConfig, 'title' | 'description' | 'sidebar'>>;

/**
 * Starlight set up for the portal: title and links from portal.config.ts, navigation and
 * last-updated dates from the portal's route middleware (Starlight's own only reads
 * src/content/docs, and its sidebar inlines every page into every page), the portal's components
 * and styles. `site` holds a site's own Starlight options: lists are added to the portal's, a
 * component of its own replaces the portal's (with a warning), anything else is taken as given.
 */
export function portalStarlight(config: PortalConfig, site: StarlightOptions, warn: (message: string) => void) {
  const repoUrl = `${config.github.webUrl}/${config.github.repository}`;
  const replaced = Object.keys(site.components ?? {}).filter((name) => name in COMPONENTS);
  for (const name of replaced) warn(`The site's own ${name} component replaces the portal's: its search filters, runbook header or navigation may be missing.`);
  return starlight({
    social: [{ icon: 'github', label: 'GitHub', href: repoUrl }],
    editLink: { baseUrl: `${repoUrl}/edit/${config.github.baseBranch}/` },
    // Long lines wrap: a code block that scrolls sideways is a region keyboard users cannot reach.
    expressiveCode: { defaultProps: { wrap: true } },
    ...site,
    title: config.title,
    description: config.description,
    sidebar: [],
    components: { ...COMPONENTS, ...site.components },
    customCss: [own('styles/portal.css'), ...(site.customCss ?? [])],
    head: [{ tag: 'meta', attrs: { name: 'theme-color', content: '#0b1f3a' } }, ...(site.head ?? [])],
    plugins: [portalPlugin, ...(site.plugins ?? [])],
  });
}
