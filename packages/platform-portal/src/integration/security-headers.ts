import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { builtScriptHashes, checkAdditions, contentSecurityPolicy, type CspAdditions } from './csp.ts';
import { checkLimits, MAX_RULES, mergeHeaders, type HeaderList } from './headers-file.ts';
import { userError } from './errors.ts';

/**
 * The headers of every page and file besides the policy. `Referrer-Policy: same-origin` is
 * stricter than the browsers' default (`strict-origin-when-cross-origin`): a link to GitHub, chat
 * or an internal tool does not tell it the portal's host (an internal name) either, while the
 * portal's own requests keep theirs for its logs and analytics. The API's origin check reads
 * `Origin`, which `fetch` sends under any referrer policy. `X-Frame-Options` says what
 * `frame-ancestors 'none'` says, for browsers without CSP 2.
 */
export const PAGE_HEADERS: HeaderList = [
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'same-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
];

/**
 * Zod 4 probes once whether it may compile parsers with `new Function`; under a policy without
 * `'unsafe-eval'` the probe fails quietly but the browser still reports a violation. Jitless,
 * Zod skips the probe (zod/v4/core/util.js `allowsEval`). Its config lives on globalThis, so this
 * runs before the islands' modules make their schemas, without importing Zod: a `before-hydration`
 * script, which Astro loads only on pages with islands and before any of them loads its component.
 */
export const ZOD_JITLESS = 'globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });';

/** Throws the problems of a site's `contentSecurityPolicy` option before anything is built. */
export function assertAdditions(additions: CspAdditions): void {
  const problems = checkAdditions(additions);
  if (problems.length > 0) throw userError('ConfigError', `portal({ contentSecurityPolicy }) in astro.config.mjs: ${problems.join(' ')}`);
}

/**
 * Writes dist/_headers at the end of a build: the policy with the hashes of the inline scripts the
 * build wrote, the other headers, and the site's own rules. Fails the build when Cloudflare Pages
 * would drop part of the file, rather than deploying a site without its policy.
 */
export async function writeSecurityHeaders(dist: string, additions: CspAdditions, logger: AstroIntegrationLogger): Promise<void> {
  const hashes = await builtScriptHashes(dist);
  const headers: HeaderList = [['Content-Security-Policy', contentSecurityPolicy(hashes, additions)], ...PAGE_HEADERS];
  const file = path.join(dist, '_headers');
  const site = await readFile(file, 'utf-8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const { text, replaced } = mergeHeaders(site, headers);
  const problems = checkLimits(text);
  if (problems.length > 0) {
    throw userError(
      'HeadersTooLarge',
      `dist/_headers would not be read whole by Cloudflare Pages. ${problems.join(' ')}`,
      `The policy carries one hash per distinct inline script (${hashes.length} in this build): move long or varying inline scripts into files (a <script> without is:inline), and keep public/_headers under ${MAX_RULES} rules with the portal's.`,
    );
  }
  if (replaced.includes('Content-Security-Policy')) {
    logger.warn("public/_headers sets Content-Security-Policy for /*: it replaces the portal's policy and the hashes of the pages' inline scripts with it. To allow more, use portal({ contentSecurityPolicy }) instead.");
  }
  await writeFile(file, text);
  logger.info(`dist/_headers: security headers for every path, ${hashes.length} inline script hashes${replaced.length > 0 ? `, ${replaced.join(', ')} as public/_headers sets ${replaced.length === 1 ? 'it' : 'them'}` : ''}.`);
}

/**
 * The security headers as an integration of their own, which portal() adds after the site's
 * integrations: Astro runs `astro:build:done` in order, so an integration that rewrites the HTML
 * (a minifier, say) has done so before the inline scripts are hashed.
 */
export function securityHeaders(additions: CspAdditions): AstroIntegration {
  return {
    name: 'platform-portal:security-headers',
    hooks: {
      'astro:config:setup': ({ injectScript }) => {
        assertAdditions(additions);
        injectScript('before-hydration', ZOD_JITLESS);
      },
      // After Astro has written every page and copied public/ (a site's own _headers) into dist/.
      'astro:build:done': async ({ dir, logger }) => {
        await writeSecurityHeaders(fileURLToPath(dir), additions, logger);
      },
    },
  };
}
