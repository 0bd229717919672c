/**
 * Opens the pull request that carries a change: claim a branch, ensure its files, ensure its pull
 * request, each step safe to run twice. How retries, conflicts and GitHub's lag are handled, and
 * which branch a change goes on, is in README.md next to this file.
 */
import { parseMarker } from '../requests/marker.ts';
import { GITHUB_LIMITS, characters, oversizedParts } from '../lib/github-limits.ts';
import { formatNumber } from '../lib/numbers.ts';
import { RequestRefused, type Change } from '../requests/types.ts';
import { ABANDONED_AFTER_MS, decide, examine, generation, newestGeneration, OPEN_WITHIN_MS, withTrailer, type PullOfBranch } from './branches.ts';
import { GitHubError, RequestConflict, statusOf, toGitHubError } from './errors.ts';
import { BranchTaken, ensureFile, readFiles, step, type Overwrite, type Repo } from './files.ts';
import { refreshSummary } from './pull-summary.ts';

export { readFiles, step, type Repo };

export interface OpenedPullRequest {
  number: number;
  url: string;
  branch: string;
  /** False when the pull request already existed for this submission (a retry). */
  created: boolean;
  /** What did not work but did not stop the request, e.g. a reviewer who could not be asked. */
  warnings: string[];
  /** The pull request for the same thing that was closed without merging, which this one follows. */
  follows?: { number: number; url: string } | undefined;
}

/** Where the change goes, once claimed. */
interface Claim {
  branch: string;
  /** Its generation (branches.ts). */
  n: number;
  blind: boolean;
  overwrite: Overwrite;
  open?: PullOfBranch | undefined;
  follows?: PullOfBranch | undefined;
}

/** Generations one attempt walks through before it answers "busy": each step is a race lost to another attempt. */
const MAX_STEPS = 5;

const answer = (pull: PullOfBranch, branch: string, created: boolean, warnings: string[] = []): OpenedPullRequest => ({ number: pull.number, url: pull.html_url, branch, created, warnings });

function conflictWith(pull: { number: number; html_url: string }, branch: string): RequestConflict {
  return new RequestConflict(`Pull request #${pull.number} already asks for this; follow or comment on it there.`, { number: pull.number, url: pull.html_url, branch });
}

const WAITS = {
  other: (seconds: number) => `Another request for the same thing is being opened right now; try again in ${seconds} seconds, when its pull request is there to follow.`,
  mine: (seconds: number) => `An earlier attempt of this submission left its branch half-made and may still be finishing it; try again in ${seconds} seconds, and the retry completes it.`,
  stale: (seconds: number) => `An earlier attempt of this submission was made from an older version of the files it changes; try again in ${seconds} seconds, and the retry starts afresh from the current one.`,
};

const beingOpened = (seconds: number, why: keyof typeof WAITS) => new RequestConflict(WAITS[why](seconds), undefined, { retryAfterSeconds: seconds });

/** Creating a branch is the lock: of two attempts, one creates it. */
async function createBranch({ gh, config }: Repo, branch: string, sha: string): Promise<boolean> {
  try {
    await gh.rest.git.createRef({ owner: config.owner, repo: config.repo, ref: `refs/heads/${branch}`, sha });
    return true;
  } catch (error) {
    if (statusOf(error) === 422) return false;
    throw toGitHubError(error, `creating branch ${branch}`);
  }
}

/** A pull request for this branch name that was closed without merging, when its branch was deleted since. */
async function rejectedBefore({ gh, config }: Repo, branch: string): Promise<PullOfBranch | undefined> {
  const { data } = await step(`looking up pull requests of ${branch}`, () =>
    gh.rest.pulls.list({ owner: config.owner, repo: config.repo, head: `${config.owner}:${branch}`, base: config.baseBranch, state: 'closed', per_page: 10 }),
  );
  return data.find((pull) => !pull.merged_at);
}

/** Finds or creates the branch this attempt writes on; returns early with the pull request when there is nothing to write. */
async function claimBranch(repo: Repo, change: Change, requestId: string, baseSha: string): Promise<Claim | OpenedPullRequest> {
  const mine = (body: string | null) => parseMarker(body)?.id === requestId;
  const fresh: Overwrite = change.mode === 'refresh' ? 'any' : change.mode === 'rolling' ? 'keep' : 'base';
  const newest = await newestGeneration(repo, change.branch);
  let n = Math.max(1, newest.number);
  let follows: PullOfBranch | undefined;
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    const branch = generation(change.branch, n);
    const exists = n === newest.number;
    if (!exists && (await createBranch(repo, branch, baseSha))) {
      // The first generation again, its branch deleted: the closed pull request it had, if any.
      if (change.mode === 'single' && n === 1) follows = await rejectedBefore(repo, branch);
      return { branch, n, blind: true, overwrite: fresh, follows };
    }
    const examined = await examine(repo, branch, change.mode, exists ? newest.head : undefined);
    const decision = decide(examined, { mode: change.mode, requestId, now: Date.now(), mine });
    switch (decision.act) {
      case 'return':
        return answer(decision.pull, branch, false);
      case 'conflict':
        throw conflictWith(decision.pull, branch);
      case 'wait':
        throw beingOpened(decision.seconds, decision.mine ? 'mine' : 'other');
      case 'next':
        follows = decision.follows ?? follows;
        n += 1;
        continue;
      case 'use':
        if (decision.overwrite === 'own' && (await staleAgainstBase(repo, change, examined))) {
          const age = Date.now() - Math.max(...examined.commits.map((c) => Date.parse(c.date)));
          throw beingOpened(Math.max(1, Math.ceil((ABANDONED_AFTER_MS - age) / 1000)), 'stale');
        }
        if (decision.fastForward) await fastForward(repo, branch, baseSha);
        return { branch, n, blind: false, overwrite: decision.overwrite, open: decision.open, follows };
    }
  }
  throw new RequestConflict('Other requests for the same thing keep claiming its branch; try again in a minute.', undefined, { retryAfterSeconds: 60 });
}

/**
 * This submission's own branch, made from a base branch whose version of a file it edits has
 * changed since: finishing it would propose the base's change too. It is left to be abandoned.
 */
async function staleAgainstBase(repo: Repo, change: Change, examined: { behind: number; mergeBase: string }): Promise<boolean> {
  const edited = change.files.filter((file) => file.previousSha);
  if (examined.behind === 0 || edited.length === 0) return false;
  const atFork = await readFiles(repo, edited.map((file) => file.path), examined.mergeBase);
  return edited.some((file) => atFork.get(file.path)?.sha !== file.previousSha);
}

/** An empty branch made from an older base: moved to the base's tip, never backwards (a fast-forward drops no commit). */
async function fastForward({ gh, config }: Repo, branch: string, sha: string): Promise<void> {
  try {
    await gh.rest.git.updateRef({ owner: config.owner, repo: config.repo, ref: `heads/${branch}`, sha, force: false });
  } catch (error) {
    if (statusOf(error) === 422) throw beingOpened(60, 'other');
    throw toGitHubError(error, `updating ${branch}`);
  }
}

/** Refuses, before anything is written, a change GitHub would refuse once its branch exists. */
function assertWithinGitHubLimits(change: Change): void {
  const over = oversizedParts(change, GITHUB_LIMITS);
  if (over.length === 0) return;
  throw new RequestRefused(
    'unprocessable',
    'The change is larger than GitHub takes.',
    over.map((o) => ({ path: o.part, message: `${formatNumber(o.size)} ${o.unit}, above the ${formatNumber(o.limit)} GitHub takes` })),
  );
}

/** The body, naming the pull request it follows when there is room for the sentence. */
function bodyFollowing(body: string, follows: PullOfBranch | undefined): string {
  if (!follows) return body;
  const linked = `Follows #${follows.number}, which was closed without merging.\n\n${body}`;
  return characters(linked) <= GITHUB_LIMITS.body ? linked : body;
}

/**
 * Opens the pull request that carries a change, or finishes and returns the one an earlier attempt
 * of the same submission started. Another submission holding the same branch is a RequestConflict.
 */
export async function openPullRequest(repo: Repo, change: Change, requestId: string): Promise<OpenedPullRequest> {
  const started = Date.now();
  assertWithinGitHubLimits(change);
  const { gh, config } = repo;
  const owner = config.owner;
  const { data: base } = await step(`reading ${config.baseBranch}`, () => gh.rest.git.getRef({ owner, repo: config.repo, ref: `heads/${config.baseBranch}` }));
  const claim = await claimBranch(repo, change, requestId, base.object.sha);
  if (!('blind' in claim)) return claim;
  const { branch } = claim;
  // Single requests name their submission in every commit: a later attempt reads whose branch it is.
  const message = change.mode === 'single' ? withTrailer(change.commitMessage, requestId) : change.commitMessage;

  for (const file of change.files) {
    try {
      await ensureFile(repo, file, { branch, message, blind: claim.blind, overwrite: claim.overwrite });
    } catch (error) {
      if (error instanceof BranchTaken) throw beingOpened(60, 'other');
      throw error;
    }
  }

  const follows = claim.follows && { number: claim.follows.number, url: claim.follows.html_url };
  let pull = claim.open;
  let created = false;
  if (pull) {
    // A refresh's title and body describe the newest run.
    if (change.mode === 'refresh') await step('updating the pull request', () => gh.rest.pulls.update({ owner, repo: config.repo, pull_number: pull!.number, title: change.title, body: change.body }));
  } else {
    const opened = await createPull(repo, change, claim, bodyFollowing(change.body, claim.follows), started, requestId);
    if ('warnings' in opened) return opened;
    ({ pull, created } = opened);
  }
  const warnings = created ? await decorate(repo, pull.number, change.labels, change.reviewers) : [];
  warnings.push(...(await refreshSummary(repo, { number: pull.number, body: pull.body, headSha: pull.head.sha }, { ...change, branch })));
  return { ...answer(pull, branch, created, warnings), ...(created && follows ? { follows } : {}) };
}

/** Opens the pull request on a branch whose files are written; or finds the one a racing attempt opened. */
async function createPull(repo: Repo, change: Change, { branch, n }: Claim, body: string, started: number, requestId: string): Promise<{ pull: PullOfBranch; created: boolean } | OpenedPullRequest> {
  const { gh, config } = repo;
  const mine = (text: string | null) => parseMarker(text)?.id === requestId;
  // Past this, another attempt may take a single request's branch for abandoned (branches.ts):
  // answer "try again" instead. Rolling and refreshed branches are shared, never abandoned.
  if (change.mode === 'single' && Date.now() - started > OPEN_WITHIN_MS) {
    throw new GitHubError('unavailable', 'GitHub answered too slowly to open the pull request within a minute.', { cause: undefined });
  }
  try {
    const { data } = await gh.rest.pulls.create({ owner: config.owner, repo: config.repo, title: change.title, head: branch, base: config.baseBranch, body });
    return { pull: data, created: true };
  } catch (error) {
    if (statusOf(error) !== 422) throw toGitHubError(error, 'opening the pull request');
    refusedText(error);
    const { data: pulls } = await step(`looking up pull requests of ${branch}`, () =>
      gh.rest.pulls.list({ owner: config.owner, repo: config.repo, head: `${config.owner}:${branch}`, base: config.baseBranch, state: 'all', per_page: 10 }),
    );
    const open = pulls.find((p) => p.state === 'open');
    if (open) {
      if (change.mode === 'single' && !mine(open.body)) throw conflictWith(open, branch);
      return { pull: open, created: false };
    }
    // GitHub refuses a pull request without commits: this submission's change is on the base
    // branch already, merged with an earlier pull request, and this is a retry of it.
    const landed = await landedPullRequest(repo, change, n, mine);
    if (landed) return answer(landed, branch, false);
    throw toGitHubError(error, 'opening the pull request');
  }
}

/** GitHub's 422 for a title or body it does not take (sized beforehand, so a mismatch of limits) as a refusal naming it. */
function refusedText(error: unknown): void {
  const items = (error as { response?: { data?: { errors?: { field?: string; message?: string }[] } } }).response?.data?.errors ?? [];
  const texts = items.filter((item) => item.field === 'title' || item.field === 'body');
  if (texts.length > 0) throw new RequestRefused('unprocessable', 'GitHub refused the pull request as too long.', texts.map((item) => ({ path: item.field!, message: item.message ?? 'too long' })));
}

/** Generations searched, newest first, for the merged pull request of a retried submission. */
const LANDED_GENERATIONS = 5;

/**
 * The merged pull request that carried this submission, on this generation of the branch or one
 * of the few before it: for a single request the one with its marker; in a rolling or refreshed
 * one, the newest that changed every file this submission writes.
 */
async function landedPullRequest(repo: Repo, change: Change, n: number, mine: (body: string | null) => boolean): Promise<PullOfBranch | undefined> {
  const { gh, config } = repo;
  for (let k = n; k >= Math.max(1, n - LANDED_GENERATIONS + 1); k--) {
    const branch = generation(change.branch, k);
    const { data } = await step(`looking up pull requests of ${branch}`, () =>
      gh.rest.pulls.list({ owner: config.owner, repo: config.repo, head: `${config.owner}:${branch}`, base: config.baseBranch, state: 'closed', per_page: 10 }),
    );
    for (const pull of data.filter((p) => p.merged_at)) {
      if (change.mode === 'single') {
        if (mine(pull.body)) return pull;
        continue;
      }
      const files = await step(`listing the files of #${pull.number}`, () =>
        gh.paginate(gh.rest.pulls.listFiles, { owner: config.owner, repo: config.repo, pull_number: pull.number, per_page: 100 }),
      );
      const changed = new Set(files.map((f) => f.filename));
      if (change.files.every((f) => changed.has(f.path))) return pull;
    }
  }
  return undefined;
}

/** Labels and reviewers (the site's and the change's own): wanted, but a pull request without them is still the request. */
async function decorate({ gh, config, reviewers: everyRequest }: Repo, number: number, labels: string[], own: Change['reviewers']): Promise<string[]> {
  const warnings: string[] = [];
  const unique = (lists: (string[] | undefined)[]) => [...new Set(lists.flatMap((list) => list ?? []))];
  const reviewers = { users: unique([everyRequest?.users, own?.users]), teams: unique([everyRequest?.teams, own?.teams]) };
  const issue = { owner: config.owner, repo: config.repo, issue_number: number };
  if (labels.length > 0) {
    await gh.rest.issues.addLabels({ ...issue, labels }).catch((e: unknown) => warnings.push(`Labels ${labels.join(', ')} could not be added (HTTP ${statusOf(e) ?? 'error'}).`));
  }
  if (reviewers && reviewers.users.length + reviewers.teams.length > 0) {
    await gh.rest.pulls
      .requestReviewers({ owner: config.owner, repo: config.repo, pull_number: number, reviewers: reviewers.users, team_reviewers: reviewers.teams })
      .catch((e: unknown) => warnings.push(`Reviewers could not be requested (HTTP ${statusOf(e) ?? 'error'}); CODEOWNERS still applies.`));
  }
  return warnings;
}
