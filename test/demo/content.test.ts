/**
 * The demo site's content is data: requests change it, a team replaces it. Its one test: it is
 * valid, as `platform-portal check` (and so the site's build) sees it, and as the request types the
 * site offers see it: each type's example, the one its schema endpoint serves, builds against the
 * demo's own files, or is refused only as done already.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkSite, formatSiteCheck } from '../../packages/platform-portal/src/check/check-site.ts';
import { loadPortalConfig } from '../../packages/platform-portal/src/config/load.ts';
import { defineRequestType } from '../../packages/platform-portal/src/requests-api.ts';
import { requestTypesOf } from '../../packages/platform-portal/src/requests/registry.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import { previewContext } from '../../packages/platform-portal/src/lib/preview.ts';
import { RequestRefused, type RepoFile } from '../../packages/platform-portal/src/requests/types.ts';
import { ServiceSchema, type Service } from '../../packages/platform-portal/src/schemas/service.ts';
import { REPO_ROOT } from '../helpers/fixtures.ts';

/** The service catalog as the build deploys it: every file of content/services/. */
function demoCatalog(): Map<string, Service> {
  const dir = path.join(REPO_ROOT, 'content/services');
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => [f.replace(/\.yaml$/, ''), ServiceSchema.parse(parse(readFileSync(path.join(dir, f), 'utf-8')))]));
}

/** The files a request reads, from the repository root as the base branch would have them. */
function demoFiles(paths: readonly string[]): Map<string, RepoFile> {
  return new Map(paths.map((p) => [p, existsSync(path.join(REPO_ROOT, p)) ? { content: readFileSync(path.join(REPO_ROOT, p), 'utf-8'), sha: 'base-sha' } : undefined]));
}

describe('the demo content', () => {
  it('is valid: every file fits its schema and the rules across files hold', async () => {
    const result = await checkSite(REPO_ROOT);
    expect(result.errors, formatSiteCheck(result)).toEqual([]);
  });

  it("is valid for every request type the site offers: each type's example builds against it, unless it was done already", async () => {
    const portal = await loadPortalConfig(REPO_ROOT);
    const catalog = demoCatalog();
    // The examples carry dates ("needed by", "last day"): built on a fixed day, not today's.
    const now = new Date('2026-12-01T12:00:00Z');
    for (const type of requestTypesOf(portal)) {
      // What `defineRequestType` checks, the built-in types included (the site's own ran it at import).
      expect(defineRequestType(type)).toBe(type);
      const request = type.schema.parse(type.example);
      const files = demoFiles(type.reads(request));
      let change;
      try {
        change = type.build(request, files, previewContext({ catalog, config: requestConfig(portal, type.type), now }));
      } catch (error) {
        // Merged requests move the content: an example done already (its topic exists, its tenant
        // left) is a 409 or a 404, which says nothing against the content. Anything else does.
        if (error instanceof RequestRefused && (error.kind === 'conflict' || error.kind === 'not-found')) continue;
        const why = error instanceof RequestRefused ? `${error.message} ${JSON.stringify(error.problems)}` : String(error);
        throw new Error(`The example of the request type "${type.type}" is refused against the demo content: ${why}`, { cause: error });
      }
      expect(change.files.length, type.type).toBeGreaterThan(0);
    }
  });
});
