/**
 * The request pull requests of recent days, read at build time for the scorecard. Configured by
 * the build's environment like the functions (GITHUB_TOKEN or the GitHub App variables,
 * GITHUB_API_URL, GITHUB_REPOSITORY); without credentials there is no source, and the scorecard
 * says so.
 */
import { createGitHub } from './client.ts';
import { gitHubConfigFromEnv, type GitHubEnvSchema } from './config.ts';
import { GitHubError, toGitHubError } from './errors.ts';
import type { Repo } from './pull-requests.ts';
import { parseMarker } from '../requests/marker.ts';
import type { RequestPull } from '../schemas/scorecard.ts';
import type { RequestSource } from '../lib/scorecard-requests.ts';
import type { z } from 'zod';

/**
 * Request pull requests created at or after `since`, newest first. GitHub lists pull requests
 * newest first when sorted by creation, so paging stops at the first page that reaches past `since`.
 */
export async function listRequestPulls({ gh, config }: Repo, since: Date, perPage = 100): Promise<RequestPull[]> {
  const pulls: RequestPull[] = [];
  const pages = gh.paginate.iterator(gh.rest.pulls.list, { owner: config.owner, repo: config.repo, state: 'all', sort: 'created', direction: 'desc', per_page: perPage });
  try {
    for await (const { data } of pages) {
      for (const pull of data) {
        if (Date.parse(pull.created_at) < since.getTime()) return pulls;
        const marker = parseMarker(pull.body);
        if (!marker) continue;
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

type Env = z.input<typeof GitHubEnvSchema>;

/** Whether the environment names any GitHub credentials; without them the scorecard has no request source. */
function hasGitHubCredentials(env: { GITHUB_TOKEN?: string | undefined; GITHUB_APP_ID?: string | undefined }): boolean {
  return Boolean(env.GITHUB_TOKEN?.trim() || env.GITHUB_APP_ID?.trim());
}

/**
 * Reads the request pull requests since `since` for the build. Invalid settings and refused
 * credentials throw: a person must fix them, and a failed build says so at once. GitHub being down
 * or rate-limiting (or unreachable) is `unavailable` with the reason: an outage must not stop a
 * runbook fix from being published.
 */
export async function readRequestHistory(env: Env, since: Date): Promise<RequestSource> {
  if (!hasGitHubCredentials(env)) return { status: 'not-configured' };
  const config = gitHubConfigFromEnv(env);
  const repository = `${config.owner}/${config.repo}`;
  try {
    return { status: 'ok', repository, pulls: await listRequestPulls({ gh: createGitHub(config), config }, since) };
  } catch (error) {
    if (error instanceof GitHubError && error.kind === 'misconfigured') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    return { status: 'unavailable', repository, error: `Reading pull requests from ${config.apiUrl} failed: ${reason}` };
  }
}
