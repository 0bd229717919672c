import { edgeConfig } from '../../../src/http/edge-config.ts';
import { authenticate } from '../../../src/http/auth.ts';
import { requesterHash } from '../../../src/http/ids.ts';
import { withProblems } from '../../../src/http/answer.ts';
import { loadDeployedBuild } from '../../../src/http/deployed-build.ts';
import { json } from '../../../src/http/problems.ts';
import type { PagesHandler } from '../../../src/http/pages.ts';
import { createGitHub } from '../../../src/github/client.ts';
import { listRequests } from '../../../src/github/list-requests.ts';
import type { RequestList } from '../../../src/schemas/request-summary.ts';

/** GET /api/requests: the signed-in person's requests, with their lifecycle up to the deployed site. */
export const onRequestGet: PagesHandler = (context) =>
  withProblems(async () => {
    const config = edgeConfig(context.env);
    const requester = await authenticate(context.request, config.auth);
    const build = await loadDeployedBuild(context);
    const requests = await listRequests({ gh: createGitHub(config.github), config: config.github }, await requesterHash(requester.email), build);
    return json(200, { requester: requester.email, build, requests } satisfies RequestList);
  });
