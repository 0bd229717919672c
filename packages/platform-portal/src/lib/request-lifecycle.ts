/**
 * How a request pull request's reviews, checks and merge read as one lifecycle. Pure: the inputs
 * are the few fields of GitHub's answers that matter, so the rules are tested without GitHub.
 */
import type { ChecksState, RequestStage, ReviewState } from '../schemas/request-summary.ts';

export interface Review {
  user: string | null;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
}

/**
 * Each reviewer's latest deciding review counts, as on GitHub: a comment neither approves nor
 * blocks, a dismissal withdraws the reviewer's earlier decision, a pending review is not sent yet.
 * https://docs.github.com/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/about-pull-request-reviews
 */
export function reviewState(reviews: readonly Review[], outstandingRequests: number): ReviewState {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    if (review.user === null) continue;
    if (review.state === 'DISMISSED') latest.delete(review.user);
    else if (review.state === 'APPROVED' || review.state === 'CHANGES_REQUESTED') latest.set(review.user, review.state);
  }
  const decisions = [...latest.values()];
  if (decisions.includes('CHANGES_REQUESTED')) return 'changes-requested';
  if (decisions.includes('APPROVED')) return 'approved';
  return outstandingRequests > 0 ? 'requested' : 'none';
}

export interface CombinedStatus {
  /** GitHub's combined state: failure, pending or success ("pending" also when there are none). */
  state: string;
  total_count: number;
}

export interface CheckRun {
  status: string;
  conclusion: string | null;
}

/** Conclusions of a completed check run that do not block a merge. */
const PASSING = new Set(['success', 'neutral', 'skipped']);

/** Commit statuses and check runs are GitHub's two kinds of checks; the UI shows them as one. */
export function checksState(combined: CombinedStatus, runs: readonly CheckRun[]): ChecksState {
  const statuses = combined.total_count > 0 ? [combined.state] : [];
  const failing = statuses.some((state) => state === 'failure' || state === 'error') || runs.some((run) => run.status === 'completed' && !PASSING.has(run.conclusion ?? ''));
  if (failing) return 'failing';
  if (statuses.includes('pending') || runs.some((run) => run.status !== 'completed')) return 'pending';
  return statuses.length + runs.length > 0 ? 'passing' : 'none';
}

export function stageOf(state: 'open' | 'merged' | 'closed', live: boolean | null): RequestStage {
  return state === 'merged' && live === true ? 'live' : state;
}

/** Whole seconds from one ISO time to a later one; null when either is missing. Never negative (clocks differ). */
export function secondsBetween(from: string | null | undefined, to: string | null | undefined): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}
