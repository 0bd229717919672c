import { requestType, unknownTypeMessage } from '../requests/index.ts';
import { requestConfig } from '../requests/config.ts';
import { edgeConfig } from '../http/edge-config.ts';
import { authenticate } from '../http/auth.ts';
import { checkOrigin, readJson } from '../http/guard.ts';
import { requesterHash, submissionId } from '../http/ids.ts';
import { loadCatalog } from '../http/catalog.ts';
import { withProblems } from '../http/answer.ts';
import { fieldErrors, HttpProblem, json } from '../http/problems.ts';
import { spendLimit } from '../http/rate-limits.ts';
import { forgetList } from '../http/request-list-cache.ts';
import type { PagesHandler } from '../http/pages.ts';
import { problemsFromZod } from '../lib/problems.ts';
import { createGitHub } from '../github/client.ts';
import { openPullRequest, readFiles } from '../github/pull-requests.ts';
import { assertFits } from '../requests/fit.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** POST /api/requests/{type}: a request in, a pull request out. */
export const openRequest = (portal: PortalConfig): PagesHandler => (context) =>
  withProblems(async () => {
    const { request, env, params } = context;
    const config = edgeConfig(env, portal);
    const type = requestType(String(params.type));
    if (!type) throw new HttpProblem('unknown-type', unknownTypeMessage(String(params.type)));
    checkOrigin(request, config.allowedOrigins);
    const requester = await authenticate(request, config.auth);
    const parsed = type.schema.safeParse(await readJson(request));
    if (!parsed.success) throw new HttpProblem('validation-failed', 'Some fields need a change; each error names the field.', fieldErrors(problemsFromZod(parsed.error)));

    const hash = await requesterHash(config.idSecret, requester.email);
    const requestId = await submissionId(config.idSecret, { type: type.type, requester: hash, key: request.headers.get('idempotency-key'), request: parsed.data });
    // Counted once the input is known to be good: only what reaches GitHub spends the person's writes.
    await spendLimit(config.rateLimits, 'writes', hash);
    const repo = { gh: createGitHub(config.github), config: config.github, reviewers: { users: portal.requests.reviewers, teams: portal.requests.teamReviewers } };
    const [files, catalog] = await Promise.all([readFiles(repo, type.reads(parsed.data)), loadCatalog(context)]);
    const change = type.build(parsed.data, files, {
      requestId,
      requesterHash: hash,
      requester,
      now: new Date(),
      catalog,
      config: requestConfig(portal, type.type),
    });
    // Sized to GitHub's limits after escaping, before a branch exists.
    assertFits(change, parsed.data);
    const pr = await openPullRequest(repo, change, requestId);
    // The person's cached list lacks this request: the next look at My requests reads GitHub.
    forgetList(hash);
    return json(pr.created ? 201 : 200, {
      id: requestId,
      type: type.type,
      status: 'open',
      pullRequest: { number: pr.number, url: pr.url, branch: pr.branch },
      ...(pr.follows ? { follows: pr.follows } : {}),
      ...(pr.warnings.length > 0 ? { warnings: pr.warnings } : {}),
    });
  });

