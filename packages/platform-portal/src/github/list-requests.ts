import type { Repo } from './pull-requests.ts';
import { toGitHubError } from './errors.ts';
import { MERGE_DEPLOYED_CALLS, mergeIsDeployed, OPEN_PROGRESS_CALLS, openProgress } from './request-progress.ts';
import { secondsBetween, stageOf } from '../lib/request-lifecycle.ts';
import { authorQualifier, isLogin } from '../lib/pull-authors.ts';
import { parseMarker, requesterSearchTerm } from '../requests/marker.ts';
import type { BuildInfo } from '../schemas/build-info.ts';
import type { RequestSummary } from '../schemas/request-summary.ts';

/** The newest requests listed; older ones are on GitHub, behind the page's link. */
const LISTED = 30;

/**
 * GitHub calls spent on reviews, checks and deployment per listing, newest requests first: an
 * open request costs 4, a merged one 2, a closed one none. With the search, the read of
 * /build.json and (once per isolate) the portal's login, that stays under the 50 subrequests a
 * Worker on Cloudflare's free plan may make
 * (https://developers.cloudflare.com/workers/platform/limits/#subrequests), retries aside.
 */
const DETAIL_CALLS = 40;

export interface ListedRequests {
  /** The requester's hash (http/ids.ts requesterHash), as the markers carry it. */
  requester: string;
  /** The portal's GitHub login (portal-login.ts): a marker in anyone else's pull request is a copy. */
  author: string;
  /** What the deployed site was built from; null without a /build.json. */
  deployed: BuildInfo | null;
}

/**
 * The requester's request pull requests, newest first, with their lifecycle: review and checks
 * while open, and once merged whether the deployed build (`deployed`) contains the merge. Only
 * pull requests the portal opened count; the search asks for them alone, so that copies cannot
 * crowd a person's requests out of the listing.
 */
export async function listRequests(repo: Repo, { requester, author, deployed }: ListedRequests): Promise<RequestSummary[]> {
  const { gh, config } = repo;
  const q = `repo:${config.owner}/${config.repo} is:pr ${authorQualifier(author)} ${requesterSearchTerm(requester)}`;
  let items;
  try {
    ({ items } = (await gh.rest.search.issuesAndPullRequests({ q, sort: 'created', order: 'desc', per_page: LISTED })).data);
  } catch (error) {
    throw toGitHubError(error, 'listing your requests');
  }
  const listed = items.flatMap((item): { summary: RequestSummary; cost: number }[] => {
    const marker = parseMarker(item.body);
    if (!marker || marker.requester !== requester || !isLogin(item.user, author)) return [];
    const mergedAt = item.pull_request?.merged_at ?? null;
    const state = mergedAt ? 'merged' : item.state === 'open' ? 'open' : 'closed';
    const summary: RequestSummary = {
      id: marker.id,
      type: marker.type,
      title: item.title,
      state,
      stage: state,
      createdAt: item.created_at,
      closedAt: item.closed_at,
      mergedAt,
      review: null,
      checks: null,
      live: null,
      timeToMerge: secondsBetween(item.created_at, mergedAt),
      timeToLive: null,
      pullRequest: { number: item.number, url: item.html_url },
    };
    return [{ summary, cost: state === 'open' ? OPEN_PROGRESS_CALLS : state === 'merged' && deployed?.commit ? MERGE_DEPLOYED_CALLS : 0 }];
  });
  let budget = DETAIL_CALLS;
  return Promise.all(
    listed.map(({ summary, cost }) => {
      if (cost === 0 || cost > budget) return summary;
      budget -= cost;
      return withDetails(repo, summary, deployed);
    }),
  );
}

async function withDetails(repo: Repo, summary: RequestSummary, deployed: BuildInfo | null): Promise<RequestSummary> {
  const number = summary.pullRequest.number;
  if (summary.state === 'open') return { ...summary, ...(await openProgress(repo, number)) };
  if (summary.state !== 'merged' || !deployed?.commit) return summary;
  const live = await mergeIsDeployed(repo, number, deployed.commit);
  return { ...summary, live, stage: stageOf(summary.state, live), timeToLive: live ? secondsBetween(summary.mergedAt, deployed.builtAt) : null };
}
