import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import react from '@astrojs/react';
import { PortalConfigError } from '../config/index.ts';
import { configPath, loadPortalConfig } from '../config/load.ts';
import { userError } from './errors.ts';
import { accelSupport, untestedWarning } from '../accel/versions.ts';
import { buildThreads } from '../accel/build-threads.ts';
import { contentKindsOf, formPages, portalRoutes } from './routes.ts';
import { requestFormFiles } from '../config/request-forms.ts';
import { requestTypesOf } from '../requests/registry.ts';
import { virtualModules } from './virtual-modules.ts';
import { bundledPackages, noDepsOptimizer, siteSettings, tuneBuildHeap } from './build-settings.ts';
import { portalStarlight, type StarlightOptions } from './starlight.ts';
import { checkContentFirst } from './content-check.ts';
import { securityHeaders } from './security-headers.ts';
import type { CspAdditions } from './csp.ts';

/** The build's moment, to the minute: `2026-12-04T09:30:00.000Z`. */
const buildMinute = (now: Date) => new Date(Math.floor(now.getTime() / 60_000) * 60_000).toISOString();

/** A mistake in the site's configuration, said as our words alone (errors.ts). */
function asUserError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof PortalConfigError ? userError(error.name, error.message) : error;
  }
}

export interface PortalOptions {
  /** Starlight options of the site's own (logo, more CSS, components, plugins), added to the portal's. */
  starlight?: StarlightOptions;
  /**
   * Sources to add to the portal's Content-Security-Policy, by directive, e.g.
   * `{ 'img-src': ['https://images.example.com'], 'frame-src': ['https://www.youtube-nocookie.com'] }`.
   */
  contentSecurityPolicy?: CspAdditions;
}

/**
 * The portal as an Astro integration: `integrations: [portal()]` in astro.config.mjs. It reads the
 * site's portal.config.ts, sets up Starlight and React, and adds the portal's pages, feeds and
 * JSON endpoints; the content comes from the collections of src/content.config.ts.
 */
export default function portal(options: PortalOptions = {}): AstroIntegration {
  let threads = false;
  return {
    name: 'platform-portal',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, updateConfig, injectRoute }) => {
        const root = fileURLToPath(config.root);
        const portalConfig = await loadPortalConfig(root).catch((error: unknown) => {
          throw error instanceof PortalConfigError ? userError(error.name, error.message) : error;
        });
        const names = config.integrations.map((i) => i.name);
        if (names.includes('@astrojs/starlight')) {
          throw userError('ConfigError', 'Remove starlight() from the integrations in astro.config.mjs: portal() sets Starlight up itself.', 'Give Starlight options of your own as portal({ starlight: { ... } }).');
        }
        await checkContentFirst(root, command, logger);
        const support = accelSupport(root);
        threads = support.enabled && command === 'build';
        if (!support.enabled && command === 'build') logger.warn(untestedWarning(support.untested));

        updateConfig({
          ...siteSettings(),
          ...(config.site ? {} : { site: portalConfig.site }),
          integrations: [
            portalStarlight(portalConfig, options.starlight ?? {}, (m) => logger.warn(m)),
            ...(names.includes('@astrojs/react') ? [] : [react()]),
            // Added here, it comes after every integration of the site's: its hashes are of the HTML as shipped.
            securityHeaders(options.contentSecurityPolicy ?? {}),
          ],
        });
        const pages = formPages();
        const formComponents = asUserError(() => requestFormFiles(portalConfig, { root, formPages: pages }));
        updateConfig({ vite: { plugins: [virtualModules({ configFile: configPath(root), accelerated: support.enabled, builtAt: command === 'build' ? buildMinute(new Date()) : null, formPages: pages, formComponents }), bundledPackages] } });
        const offered = requestTypesOf(portalConfig).map((type) => type.type);
        for (const route of portalRoutes({ requestTypes: offered, contentKinds: contentKindsOf(root) })) injectRoute({ pattern: route.pattern, entrypoint: route.entrypoint });

        if (command !== 'build') return;
        tuneBuildHeap();
        updateConfig({ vite: { plugins: [noDepsOptimizer] } });
        if (threads) {
          updateConfig({ build: { concurrency: buildThreads.concurrency } });
          buildThreads.configSetup(config, logger);
        }
      },
      'astro:build:start': async ({ setPrerenderer, logger }) => {
        if (threads) await buildThreads.buildStart(setPrerenderer, logger);
      },
    },
  };
}
