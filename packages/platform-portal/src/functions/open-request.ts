import { withProblems } from '../http/answer.ts';
import { json } from '../http/problems.ts';
import { forgetList } from '../http/request-list-cache.ts';
import type { PagesHandler } from '../http/pages.ts';
import { openPullRequest } from '../github/pull-requests.ts';
import { assertFits } from '../requests/fit.ts';
import type { PortalConfig } from '../schemas/site-config.ts';
import { prepareRequest } from './prepare-request.ts';

/** POST /api/requests/{type}: a request in, a pull request out. */
export const openRequest = (portal: PortalConfig): PagesHandler => (context) =>
  withProblems(async () => {
    const prepared = await prepareRequest(context, portal, 'writes');
    const { type, request, requesterHash: hash, requestId, repo } = prepared;
    const change = prepared.build({ requestId, requesterHash: hash });
    // Sized to GitHub's limits after escaping, before a branch exists.
    assertFits(change, request);
    const pr = await openPullRequest(repo, change, requestId);
    // The person's kept list lacks this request: the next look at My requests reads GitHub.
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
