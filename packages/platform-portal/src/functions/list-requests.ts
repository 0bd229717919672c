import { edgeConfig } from '../http/edge-config.ts';
import { authenticate } from '../http/auth.ts';
import { requesterHash } from '../http/ids.ts';
import { withProblems } from '../http/answer.ts';
import { loadDeployedBuild } from '../http/deployed-build.ts';
import { json } from '../http/problems.ts';
import type { PagesHandler } from '../http/pages.ts';
import { createGitHub } from '../github/client.ts';
import { listRequests } from '../github/list-requests.ts';
import { portalLogin } from '../github/portal-login.ts';
import type { RequestList } from '../schemas/request-summary.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** GET /api/requests: the signed-in person's requests, with their lifecycle up to the deployed site. */
export const listMyRequests = (portal: PortalConfig): PagesHandler => (context) =>
  withProblems(async () => {
    const config = edgeConfig(context.env, portal);
    const requester = await authenticate(context.request, config.auth);
    const repo = { gh: createGitHub(config.github), config: config.github };
    // Only pull requests the portal's own login opened are requests (a marker can be copied).
    const [build, author, hash] = await Promise.all([loadDeployedBuild(context), portalLogin(repo), requesterHash(config.idSecret, requester.email)]);
    const requests = await listRequests(repo, { requester: hash, author, deployed: build });
    return json(200, { requester: requester.email, build, requests } satisfies RequestList);
  });
