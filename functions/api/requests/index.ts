import { edgeConfig } from '../../../src/http/edge-config.ts';
import { authenticate } from '../../../src/http/auth.ts';
import { requesterHash } from '../../../src/http/ids.ts';
import { withProblems } from '../../../src/http/answer.ts';
import { json } from '../../../src/http/problems.ts';
import type { PagesHandler } from '../../../src/http/pages.ts';
import { createGitHub } from '../../../src/github/client.ts';
import { listRequests } from '../../../src/github/list-requests.ts';

/** GET /api/requests: the signed-in person's requests, with the live state of their pull requests. */
export const onRequestGet: PagesHandler = ({ request, env }) =>
  withProblems(async () => {
    const config = edgeConfig(env);
    const requester = await authenticate(request, config.auth);
    const requests = await listRequests({ gh: createGitHub(config.github), config: config.github }, await requesterHash(requester.email));
    return json(200, { requester: requester.email, requests });
  });
