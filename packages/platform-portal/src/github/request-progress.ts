import { step, type Repo } from './pull-requests.ts';
import { statusOf, toGitHubError } from './errors.ts';
import { checksState, reviewState } from '../lib/request-lifecycle.ts';
import type { ChecksState, ReviewState } from '../schemas/request-summary.ts';

/** GitHub calls `openProgress` makes. */
export const OPEN_PROGRESS_CALLS = 4;

/** Review and checks of an open pull request: four calls, two at a time. */
export async function openProgress({ gh, config }: Repo, number: number): Promise<{ review: ReviewState; checks: ChecksState }> {
  const repo = { owner: config.owner, repo: config.repo };
  const doing = `reading the reviews and checks of pull request #${number}`;
  const [{ data: pull }, { data: reviews }] = await step(doing, () =>
    Promise.all([gh.rest.pulls.get({ ...repo, pull_number: number }), gh.rest.pulls.listReviews({ ...repo, pull_number: number, per_page: 100 })]),
  );
  const ref = pull.head.sha;
  const [{ data: combined }, { data: runs }] = await step(doing, () =>
    Promise.all([gh.rest.repos.getCombinedStatusForRef({ ...repo, ref, per_page: 100 }), gh.rest.checks.listForRef({ ...repo, ref, per_page: 100 })]),
  );
  const outstanding = (pull.requested_reviewers?.length ?? 0) + (pull.requested_teams?.length ?? 0);
  return {
    review: reviewState(reviews.map((review) => ({ user: review.user?.login ?? null, state: review.state })), outstanding),
    checks: checksState(combined, runs.check_runs),
  };
}

/** GitHub calls `mergeIsDeployed` makes at most. */
export const MERGE_DEPLOYED_CALLS = 2;

/**
 * Whether a merged pull request's merge commit is in `deployedCommit` (the deployed site's
 * build): two calls, pulls.get then compare. GitHub's compare answers "identical" or "ahead" when
 * the deployed commit contains the merge; null when GitHub does not know one of the two commits
 * (a site built from a commit that was never pushed, or from another repository).
 * https://docs.github.com/rest/commits/commits#compare-two-commits
 */
export async function mergeIsDeployed({ gh, config }: Repo, number: number, deployedCommit: string): Promise<boolean | null> {
  const repo = { owner: config.owner, repo: config.repo };
  const doing = `comparing the merge of pull request #${number} with the deployed commit`;
  const { data: pull } = await step(doing, () => gh.rest.pulls.get({ ...repo, pull_number: number }));
  if (!pull.merge_commit_sha) return null;
  if (pull.merge_commit_sha === deployedCommit) return true;
  try {
    // per_page 1: only the counts matter, not the commits between the two.
    const { data } = await gh.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${pull.merge_commit_sha}...${deployedCommit}`, per_page: 1 });
    return data.status === 'identical' || data.status === 'ahead';
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw toGitHubError(error, doing);
  }
}
