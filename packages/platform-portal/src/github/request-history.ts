/**
 * The request pull requests of recent days, read at build time for the scorecard. Configured by
 * the build's environment like the functions (GITHUB_TOKEN or the GitHub App variables,
 * GITHUB_API_URL, GITHUB_REPOSITORY, and PORTAL_GITHUB_LOGIN when the build reads GitHub as
 * someone else than the functions); without credentials there is no source, and the scorecard
 * says so.
 */
import { z } from 'zod';
import { createGitHub } from './client.ts';
import { gitHubConfigFromEnv, type GitHubEnvSchema } from './config.ts';
import { GitHubError, toGitHubError } from './errors.ts';
import { portalLogin } from './portal-login.ts';
import type { Repo } from './pull-requests.ts';
import { isLogin } from '../lib/pull-authors.ts';
import { parseMarker } from '../requests/marker.ts';
import { GitHubLoginSchema } from '../schemas/github-login.ts';
import type { RequestPull } from '../schemas/scorecard.ts';
import type { RequestSource } from '../lib/scorecard-requests.ts';

export interface RequestPullsQuery {
  /** The first instant counted. */
  since: Date;
  /** The portal's GitHub login: only its pull requests are requests (a marker can be copied). */
  author: string;
  perPage?: number;
}

/**
 * Request pull requests created at or after `since`, newest first. GitHub lists pull requests
 * newest first when sorted by creation, so paging stops at the first page that reaches past `since`.
 */
export async function listRequestPulls({ gh, config }: Repo, { since, author, perPage = 100 }: RequestPullsQuery): Promise<RequestPull[]> {
  const pulls: RequestPull[] = [];
  const pages = gh.paginate.iterator(gh.rest.pulls.list, { owner: config.owner, repo: config.repo, state: 'all', sort: 'created', direction: 'desc', per_page: perPage });
  try {
    for await (const { data } of pages) {
      for (const pull of data) {
        if (Date.parse(pull.created_at) < since.getTime()) return pulls;
        const marker = parseMarker(pull.body);
        if (!marker || !isLogin(pull.user, author)) continue;
        pulls.push({
          number: pull.number,
          title: pull.title,
          type: marker.type,
          state: pull.merged_at ? 'merged' : pull.state === 'open' ? 'open' : 'closed',
          created_at: pull.created_at,
          merged_at: pull.merged_at,
          url: pull.html_url,
        });
      }
    }
    return pulls;
  } catch (error) {
    throw toGitHubError(error, 'listing pull requests for the scorecard');
  }
}

const BuildAuthorSchema = z.object({
  PORTAL_GITHUB_LOGIN: GitHubLoginSchema.optional().describe(
    "The login the functions open pull requests as, for a build whose credentials are someone else's (GitHub Actions' token); else learned from the build's credentials.",
  ),
});

type Env = z.input<typeof GitHubEnvSchema> & z.input<typeof BuildAuthorSchema>;

const UNKNOWN_AUTHOR =
  "The build's GitHub credentials cannot tell which login the portal opens pull requests as (GitHub refuses GET /user to an app installation's token, such as GitHub Actions'); " +
  'set PORTAL_GITHUB_LOGIN to that login: the user of GITHUB_TOKEN in the functions, or <app-slug>[bot] for a GitHub App.';

/** The portal's login for the build: as told, else learned; undefined when the credentials cannot tell it. */
async function buildAuthor(told: string | undefined, repo: Repo): Promise<string | undefined> {
  if (told) return told;
  try {
    return await portalLogin(repo);
  } catch (error) {
    if (error instanceof GitHubError && error.kind === 'misconfigured' && error.status === 403) return undefined;
    throw error;
  }
}

/** Whether the environment names any GitHub credentials; without them the scorecard has no request source. */
function hasGitHubCredentials(env: { GITHUB_TOKEN?: string | undefined; GITHUB_APP_ID?: string | undefined }): boolean {
  return Boolean(env.GITHUB_TOKEN?.trim() || env.GITHUB_APP_ID?.trim());
}

/**
 * Reads the request pull requests since `since` for the build. Invalid settings and refused
 * credentials throw: a person must fix them, and a failed build says so at once. GitHub being down
 * or rate-limiting (or unreachable) is `unavailable` with the reason: an outage must not stop a
 * runbook fix from being published. So are credentials that cannot tell the portal's login
 * without PORTAL_GITHUB_LOGIN: GitHub Actions' token, which the starter's workflow passes.
 */
export async function readRequestHistory(env: Env, since: Date): Promise<RequestSource> {
  if (!hasGitHubCredentials(env)) return { status: 'not-configured' };
  const config = gitHubConfigFromEnv(env);
  const { PORTAL_GITHUB_LOGIN: told } = BuildAuthorSchema.parse(env);
  const repository = `${config.owner}/${config.repo}`;
  const repo = { gh: createGitHub(config), config };
  try {
    const author = await buildAuthor(told, repo);
    if (author === undefined) return { status: 'unavailable', repository, error: UNKNOWN_AUTHOR };
    return { status: 'ok', repository, author, pulls: await listRequestPulls(repo, { since, author }) };
  } catch (error) {
    if (error instanceof GitHubError && error.kind === 'misconfigured') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'unavailable', repository, error: `Reading pull requests from ${config.apiUrl} failed: ${reason}` };
  }
}
