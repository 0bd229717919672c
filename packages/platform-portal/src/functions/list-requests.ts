import { edgeConfig } from '../http/edge-config.ts';
import { authenticate } from '../http/auth.ts';
import { requesterHash } from '../http/ids.ts';
import { withProblems } from '../http/answer.ts';
import { loadDeployedBuild } from '../http/deployed-build.ts';
import { json } from '../http/problems.ts';
import { spendLimit } from '../http/rate-limits.ts';
import { cachedList, keepList } from '../http/request-list-cache.ts';
import type { PagesHandler } from '../http/pages.ts';
import { createGitHub } from '../github/client.ts';
import { listRequests } from '../github/list-requests.ts';
import { portalLogin } from '../github/portal-login.ts';
import type { RequestList } from '../schemas/request-summary.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** The person's own list: no shared cache may keep it, and the browser keeps none, so Refresh asks again. */
const PRIVATE = { 'cache-control': 'private, no-store' };

/**
 * GET /api/requests: the signed-in person's requests, with their lifecycle up to the deployed site.
 * Each call spends one of the person's reads; a list read from GitHub in the last 30 s
 * (PORTAL_LIST_CACHE_SECONDS) is answered from the isolate's memory, with `age` saying how old it
 * is, unless the request says `cache-control: no-cache`.
 */
export const listMyRequests = (portal: PortalConfig): PagesHandler => (context) =>
  withProblems(async () => {
    const config = edgeConfig(context.env, portal);
    const requester = await authenticate(context.request, config.auth);
    const hash = await requesterHash(config.idSecret, requester.email);
    await spendLimit(config.rateLimits, 'reads', hash);
    // Refresh on the page sends `cache-control: no-cache`: it asks for GitHub's view, not the kept one.
    const fresh = /\bno-cache\b/i.test(context.request.headers.get('cache-control') ?? '');
    const cached = fresh ? undefined : cachedList(hash, config.listCacheSeconds);
    if (cached) return json(200, cached.list, { ...PRIVATE, age: String(cached.ageSeconds) });

    const repo = { gh: createGitHub(config.github), config: config.github };
    // Only pull requests the portal's own login opened are requests (a marker can be copied).
    const [build, author] = await Promise.all([loadDeployedBuild(context), portalLogin(repo)]);
    const requests = await listRequests(repo, { requester: hash, author, deployed: build });
    const list = { requester: requester.email, build, requests } satisfies RequestList;
    keepList(hash, list, config.listCacheSeconds);
    return json(200, list, PRIVATE);
  });
