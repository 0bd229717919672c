import { requestType } from '../../../packages/platform-portal/src/requests/index.ts';
import { requestConfig } from '../../../packages/platform-portal/src/requests/config.ts';
import { edgeConfig } from '../../../packages/platform-portal/src/http/edge-config.ts';
import { authenticate } from '../../../packages/platform-portal/src/http/auth.ts';
import { checkOrigin, readJson } from '../../../packages/platform-portal/src/http/guard.ts';
import { requesterHash, submissionId } from '../../../packages/platform-portal/src/http/ids.ts';
import { loadCatalog } from '../../../packages/platform-portal/src/http/catalog.ts';
import { withProblems } from '../../../packages/platform-portal/src/http/answer.ts';
import { fieldErrors, HttpProblem, json } from '../../../packages/platform-portal/src/http/problems.ts';
import type { PagesHandler } from '../../../packages/platform-portal/src/http/pages.ts';
import { problemsFromZod } from '../../../packages/platform-portal/src/lib/problems.ts';
import { createGitHub } from '../../../packages/platform-portal/src/github/client.ts';
import { openPullRequest, readFiles } from '../../../packages/platform-portal/src/github/pull-requests.ts';
import portal from '../../../portal.config.ts';

/** POST /api/requests/{type}: a request in, a pull request out. */
export const onRequestPost: PagesHandler = (context) =>
  withProblems(async () => {
    const { request, env, params } = context;
    const config = edgeConfig(env);
    const type = requestType(String(params.type));
    if (!type) throw new HttpProblem('unknown-type', `There is no request type "${String(params.type).slice(0, 40)}"; use onboarding, capacity or feedback.`);
    checkOrigin(request, config.allowedOrigins);
    const requester = await authenticate(request, config.auth);
    const parsed = type.schema.safeParse(await readJson(request));
    if (!parsed.success) throw new HttpProblem('validation-failed', 'Some fields need a change; each error names the field.', fieldErrors(problemsFromZod(parsed.error)));

    const hash = await requesterHash(requester.email);
    const requestId = await submissionId(type.type, hash, request.headers.get('idempotency-key'), parsed.data);
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
    const pr = await openPullRequest(repo, change, requestId);
    return json(pr.created ? 201 : 200, {
      id: requestId,
      type: type.type,
      status: 'open',
      pullRequest: { number: pr.number, url: pr.url, branch: pr.branch },
      ...(pr.warnings.length > 0 ? { warnings: pr.warnings } : {}),
    });
  });

export const onRequest: PagesHandler = () =>
  withProblems(async () => {
    throw new HttpProblem('method-not-allowed', 'Send requests with POST; GET /api/requests/{type}/schema describes the body.', {}, { allow: 'POST' });
  });
