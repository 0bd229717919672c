import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { i18nLoader } from '@astrojs/starlight/loaders';

/** Starlight's UI strings the portal words differently (English only, as the portal's own pages). */
const PORTAL_STRINGS = JSON.parse(readFileSync(new URL('./translations.en.json', import.meta.url), 'utf-8')) as Record<string, string>;

/**
 * Starlight's i18n collection with the portal's wording of its UI strings: a site's own
 * src/content/i18n/<lang>.json, as in any Starlight site, and for English the portal's strings
 * under the site's. Starlight reads this collection on every page and warns when it is empty.
 */
export function portalI18nLoader(): Loader {
  const inner = i18nLoader();
  return {
    name: 'portal-i18n-loader',
    load: async (context) => {
      if (existsSync(fileURLToPath(new URL('./src/content/i18n/', context.config.root)))) await inner.load(context);
      const site = context.store.get<Record<string, string>>('en')?.data ?? {};
      const data = await context.parseData({ id: 'en', data: { ...PORTAL_STRINGS, ...site } });
      context.store.set({ id: 'en', data });
    },
  };
}
