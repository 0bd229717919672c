import { findRequestType, unknownTypeMessage } from '../requests/registry.ts';
import { requestConfig } from '../requests/config.ts';
import type { BuildContext, Change, RepoFile, RequestType } from '../requests/types.ts';
import { withOwnerNote } from '../requests/owner-note.ts';
import { loginOf } from '../http/people.ts';
import { edgeConfig } from '../http/edge-config.ts';
import { authenticate } from '../http/auth.ts';
import { checkOrigin, readJson } from '../http/guard.ts';
import { requesterHash, submissionId } from '../http/ids.ts';
import { loadCatalog } from '../http/catalog.ts';
import { fieldErrors, HttpProblem } from '../http/problems.ts';
import { spendLimit } from '../http/rate-limits.ts';
import type { PagesContext } from '../http/pages.ts';
import { problemsFromZod } from '../lib/problems.ts';
import { createGitHub } from '../github/client.ts';
import { readFiles, type Repo } from '../github/pull-requests.ts';
import type { PortalConfig } from '../schemas/site-config.ts';

/** A request checked and understood, up to what its pull request would hold. */
export interface PreparedRequest {
  type: RequestType;
  request: unknown;
  requesterHash: string;
  /** The submission's id, from its `Idempotency-Key` or its content. */
  requestId: string;
  repo: Repo;
  /** The files of the base branch the type read, as they were. */
  files: ReadonlyMap<string, RepoFile>;
  /** The pull request the type builds for this request, with the ids the caller gives: the owners' note on top when the requester is not one. */
  build(ids: Pick<BuildContext, 'requestId' | 'requesterHash'>): Change;
}

/**
 * What opening a request and previewing it share: the type from the site's registry, the origin,
 * the person, the body against the type's schema, the person's `limit` (writes or reads), and the
 * base branch's files the type reads. Throws the problem a person reads, naming the field.
 */
export async function prepareRequest(context: PagesContext, portal: PortalConfig, limit: 'writes' | 'reads'): Promise<PreparedRequest> {
  const { request, env, params } = context;
  const config = edgeConfig(env, portal);
  const type = findRequestType(portal, String(params.type));
  if (!type) throw new HttpProblem('unknown-type', unknownTypeMessage(portal, String(params.type)));
  checkOrigin(request, config.allowedOrigins);
  const person = await authenticate(request, config.auth);
  const parsed = type.schema.safeParse(await readJson(request));
  if (!parsed.success) throw new HttpProblem('validation-failed', 'Some fields need a change; each error names the field.', fieldErrors(problemsFromZod(parsed.error, { schema: type.schema })));

  const hash = await requesterHash(config.idSecret, person.email);
  const requestId = await submissionId(config.idSecret, { type: type.type, requester: hash, key: request.headers.get('idempotency-key'), request: parsed.data });
  // Counted once the input is known to be good (the key too): only what reaches GitHub spends the person's budget.
  await spendLimit(config.rateLimits, limit, hash);
  const repo: Repo = { gh: createGitHub(config.github), config: config.github, reviewers: { users: portal.requests.reviewers, teams: portal.requests.teamReviewers } };
  const [files, catalog, github] = await Promise.all([readFiles(repo, type.reads(parsed.data)), loadCatalog(context), loginOf(context, person.email)]);
  const requester = { ...person, github };
  const now = new Date();
  return {
    type,
    request: parsed.data,
    requesterHash: hash,
    requestId,
    repo,
    files,
    build: (ids) => withOwnerNote(type.build(parsed.data, files, { ...ids, requester, now, catalog, config: requestConfig(portal, type.type) }), requester),
  };
}
