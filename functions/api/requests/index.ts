import { edgeConfig } from '../../../packages/platform-portal/src/http/edge-config.ts';
import { authenticate } from '../../../packages/platform-portal/src/http/auth.ts';
import { requesterHash } from '../../../packages/platform-portal/src/http/ids.ts';
import { withProblems } from '../../../packages/platform-portal/src/http/answer.ts';
import { loadDeployedBuild } from '../../../packages/platform-portal/src/http/deployed-build.ts';
import { json } from '../../../packages/platform-portal/src/http/problems.ts';
import type { PagesHandler } from '../../../packages/platform-portal/src/http/pages.ts';
import { createGitHub } from '../../../packages/platform-portal/src/github/client.ts';
import { listRequests } from '../../../packages/platform-portal/src/github/list-requests.ts';
import type { RequestList } from '../../../packages/platform-portal/src/schemas/request-summary.ts';

/** GET /api/requests: the signed-in person's requests, with their lifecycle up to the deployed site. */
export const onRequestGet: PagesHandler = (context) =>
  withProblems(async () => {
    const config = edgeConfig(context.env);
    const requester = await authenticate(context.request, config.auth);
    const build = await loadDeployedBuild(context);
    const requests = await listRequests({ gh: createGitHub(config.github), config: config.github }, await requesterHash(requester.email), build);
    return json(200, { requester: requester.email, build, requests } satisfies RequestList);
  });
