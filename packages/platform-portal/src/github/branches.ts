/**
 * Which branch a change goes on, decided from what GitHub holds (no database): see README.md,
 * "Branches". A change's branch name is its first generation. A generation is never moved
 * backwards; a single request's holds one submission's commits only; once it is spent (its pull
 * request closed or merged, or abandoned without one) the next attempt creates the next
 * generation, whose creation is again the lock.
 */
import type { PullRequestMode } from '../requests/types.ts';
import { step, type Overwrite, type Repo } from './files.ts';

/**
 * An attempt opens its pull request within this time of its start, or gives up with a retryable
 * answer (pull-requests.ts): so no pull request appears on a branch long after the decision to
 * open one.
 */
export const OPEN_WITHIN_MS = 60_000;
/** A retry of the same submission finishes its own branch while the newest commit there is younger than this. */
export const FINISH_WITHIN_MS = 3 * 60_000;
/**
 * A branch without a pull request whose newest commit is older than this is abandoned, for every
 * submission: the next attempt creates the next generation. It is FINISH_WITHIN_MS, plus
 * OPEN_WITHIN_MS, plus the longest one call can take (3 tries of 10 s and two waits of up to
 * 20 s for a rate limit, github/client.ts), with a minute to spare: by then any attempt that
 * decided to open a pull request on the branch has done so or given up, so two attempts never
 * open one each, on two generations, for the same thing.
 */
export const ABANDONED_AFTER_MS = 6 * 60_000;

/** The n-th generation of `branch`: `branch`, `branch.2`, `branch.3`, … No builder's name holds a dot. */
export const generation = (branch: string, n: number) => (n === 1 ? branch : `${branch}.${n}`);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The newest generation of `branch` that exists (number 0: none) and its tip, from one call listing the refs that start with its name. */
export async function newestGeneration({ gh, config }: Repo, branch: string): Promise<{ number: number; head: string }> {
  const { data } = await step(`listing the branches named ${branch}`, () =>
    gh.rest.git.listMatchingRefs({ owner: config.owner, repo: config.repo, ref: `heads/${branch}` }),
  );
  const pattern = new RegExp(`^refs/heads/${escapeRegExp(branch)}(?:\\.([1-9]\\d*))?$`);
  return data.reduce(
    (newest, { ref, object }) => {
      const match = ref.match(pattern);
      const number = match ? (match[1] ? Number(match[1]) : 1) : 0;
      return number > newest.number ? { number, head: object.sha } : newest;
    },
    { number: 0, head: '' },
  );
}

/** A pull request as the decision needs it. */
export interface PullOfBranch {
  number: number;
  html_url: string;
  state: string;
  merged_at: string | null;
  body: string | null;
  head: { sha: string };
}

/** What a branch holds, as GitHub tells it. */
export interface Examined {
  pulls: PullOfBranch[];
  /** The branch's tip, and how it stands to the base branch (single requests only; others need the tip alone). */
  head: string;
  ahead: number;
  behind: number;
  mergeBase: string;
  /** Its own commits, oldest first: the message (with its Portal-Request trailer) and the committer's date. */
  commits: { message: string; date: string }[];
}

/**
 * The pull requests of a branch, then, without an open one, what the branch holds: for a single
 * request its commits since the base branch; for the others its tip (`head` when known already).
 */
export async function examine({ gh, config }: Repo, branch: string, mode: PullRequestMode, head?: string): Promise<Examined> {
  const repo = { owner: config.owner, repo: config.repo };
  const { data: pulls } = await step(`looking up pull requests of ${branch}`, () =>
    gh.rest.pulls.list({ ...repo, head: `${config.owner}:${branch}`, base: config.baseBranch, state: 'all', per_page: 10 }),
  );
  const none = { head: '', ahead: 0, behind: 0, mergeBase: '', commits: [] };
  if (pulls.some((pull) => pull.state === 'open')) return { pulls, ...none };
  if (mode !== 'single') {
    if (head) return { pulls, ...none, head };
    const { data: ref } = await step(`reading ${branch}`, () => gh.rest.git.getRef({ ...repo, ref: `heads/${branch}` }));
    return { pulls, ...none, head: ref.object.sha };
  }
  const { data } = await step(`comparing ${branch} with ${config.baseBranch}`, () =>
    gh.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${config.baseBranch}...${branch}` }),
  );
  return {
    pulls,
    head: data.commits.at(-1)?.sha ?? data.merge_base_commit.sha,
    ahead: data.ahead_by,
    behind: data.behind_by,
    mergeBase: data.merge_base_commit.sha,
    commits: data.commits.map((c) => ({ message: c.commit.message, date: c.commit.committer?.date ?? c.commit.author?.date ?? '' })),
  };
}

/** The trailer that names the submission a commit belongs to. */
export const submissionOf = (message: string) => message.match(/^Portal-Request: (\S+)\s*$/m)?.[1];

export function withTrailer(message: string, requestId: string): string {
  return submissionOf(message) ? message : `${message.trimEnd()}\n\nPortal-Request: ${requestId}`;
}

export type Decision =
  /** The pull request that already carries this submission: answer with it. */
  | { act: 'return'; pull: PullOfBranch }
  /** Another submission's open pull request asks for the same thing. */
  | { act: 'conflict'; pull: PullOfBranch }
  /** Write the change on this branch; `open` is its pull request when it has one. */
  | { act: 'use'; overwrite: Overwrite; open?: PullOfBranch; fastForward?: boolean }
  /** Another attempt may still open a pull request here: answer 409, retry after `seconds`. */
  | { act: 'wait'; seconds: number; mine: boolean }
  /** Spent or abandoned: create the next generation; `follows` is a pull request closed without merging. */
  | { act: 'next'; follows?: PullOfBranch };

export interface DecisionContext {
  mode: PullRequestMode;
  requestId: string;
  now: number;
  /** Whether a pull request's body carries this submission's marker. */
  mine(body: string | null): boolean;
}

/** Pure: what to do with an existing branch. */
export function decide(branch: Examined, { mode, requestId, now, mine }: DecisionContext): Decision {
  const open = branch.pulls.find((pull) => pull.state === 'open');
  if (open) {
    if (mode === 'single') return mine(open.body) ? { act: 'return', pull: open } : { act: 'conflict', pull: open };
    return { act: 'use', open, overwrite: mode === 'refresh' ? 'any' : 'keep' };
  }
  // A branch whose tip is that of a closed or merged pull request is left over: never written again.
  const ended = branch.pulls.filter((pull) => pull.head.sha === branch.head);
  if (ended.length > 0) {
    const landed = mode === 'single' ? ended.find((pull) => pull.merged_at && mine(pull.body)) : undefined;
    if (landed) return { act: 'return', pull: landed };
    const rejected = mode === 'single' ? ended.find((pull) => !pull.merged_at) : undefined;
    return rejected ? { act: 'next', follows: rejected } : { act: 'next' };
  }
  // A rolling or refreshed pull request is shared: any submission finishes it.
  if (mode !== 'single') return { act: 'use', overwrite: mode === 'refresh' ? 'any' : 'keep' };
  // Created, not yet written: anyone's, once it starts from the base branch as it is now.
  if (branch.ahead === 0) return { act: 'use', overwrite: 'base', fastForward: branch.behind > 0 };
  const owners = new Set(branch.commits.map((commit) => submissionOf(commit.message)));
  const ownOnly = owners.size === 1 && owners.has(requestId);
  const newest = Math.max(...branch.commits.map((commit) => Date.parse(commit.date)).filter(Number.isFinite));
  const age = Number.isFinite(newest) ? now - newest : Infinity;
  if (ownOnly && age < FINISH_WITHIN_MS) return { act: 'use', overwrite: 'own' };
  if (age >= ABANDONED_AFTER_MS) return { act: 'next' };
  return { act: 'wait', seconds: Math.max(1, Math.ceil((ABANDONED_AFTER_MS - age) / 1000)), mine: ownOnly };
}
