import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONFIG_FILE, definePortalConfig, PortalConfigError } from './index.ts';
import type { PortalConfig, PortalConfigInput } from '../schemas/site-config.ts';

/** Where a site keeps its configuration. */
export function configPath(root: string): string {
  return path.join(root, CONFIG_FILE);
}

/**
 * The site's portal.config.ts, loaded by Node itself (which strips its types): the integration
 * needs it before Astro's Vite is up, and the CLI has no Vite at all. A changed file is loaded
 * anew (its modification time is part of the URL), so `astro dev` picks up an edit on restart.
 */
export async function loadPortalConfig(root: string): Promise<PortalConfig> {
  const file = configPath(root);
  if (!existsSync(file)) {
    throw new PortalConfigError(`There is no ${CONFIG_FILE} in ${root}. Every portal site has one at its root; \`platform-portal init\` writes a new site with it.`);
  }
  const url = `${pathToFileURL(file).href}?mtime=${statSync(file).mtimeMs}`;
  const module = (await import(url)) as { default?: PortalConfigInput };
  if (!module.default) throw new PortalConfigError(`${CONFIG_FILE} has no default export: end it with \`export default definePortalConfig({ ... })\`.`);
  // Checked again: a plain object exported without definePortalConfig gets the same checks.
  return definePortalConfig(module.default);
}
