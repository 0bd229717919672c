/**
 * `platform-portal`: the Astro integration. A site's astro.config.mjs:
 *
 *   import { defineConfig } from 'astro/config';
 *   import portal from 'platform-portal';
 *   export default defineConfig({ integrations: [portal()] });
 */
export { default } from './integration/index.ts';
export type { PortalOptions } from './integration/index.ts';
export type { PortalConfig, PortalConfigInput } from './config/index.ts';
