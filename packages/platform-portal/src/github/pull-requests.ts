import pRetry, { AbortError } from 'p-retry';
import type { GitHub } from './client.ts';
import type { GitHubConfig } from './config.ts';
import { RequestConflict, statusOf, toGitHubError } from './errors.ts';
import { parseMarker } from '../requests/marker.ts';
import { refreshSummary } from './pull-summary.ts';
import type { Change, FileChange, PullRequestMode, RepoFile } from '../requests/types.ts';

export interface OpenedPullRequest {
  number: number;
  url: string;
  branch: string;
  /** False when the pull request already existed for this submission (a retry). */
  created: boolean;
  /** What did not work but did not stop the request, e.g. a reviewer who could not be asked. */
  warnings: string[];
}

export interface Repo {
  gh: GitHub;
  config: GitHubConfig;
  /** Asked to review every request pull request; CODEOWNERS adds the rest. */
  reviewers?: { users: string[]; teams: string[] } | undefined;
}

const utf8ToBase64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
const base64ToUtf8 = (b64: string) => new TextDecoder().decode(Uint8Array.from(atob(b64.replace(/\s/g, '')), (c) => c.charCodeAt(0)));

/** Runs one GitHub step, turning what Octokit throws into a GitHubError that says what was being done. */
export async function step<T>(doing: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toGitHubError(error, doing);
  }
}

/** Reads files from a ref; a missing file is undefined, not an error. */
export async function readFiles({ gh, config }: Repo, paths: string[], ref = config.baseBranch): Promise<Map<string, RepoFile>> {
  const entries = await Promise.all(
    paths.map(async (path): Promise<[string, RepoFile]> => {
      try {
        const { data } = await gh.rest.repos.getContent({ owner: config.owner, repo: config.repo, path, ref });
        if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return [path, undefined];
        return [path, { content: base64ToUtf8(data.content), sha: data.sha }];
      } catch (error) {
        if (statusOf(error) === 404) return [path, undefined];
        throw toGitHubError(error, `reading ${path}`);
      }
    }),
  );
  return new Map(entries);
}

async function pullRequestsOf({ gh, config }: Repo, branch: string, state: 'open' | 'all') {
  const { data } = await step(`looking up pull requests of ${branch}`, () =>
    gh.rest.pulls.list({ owner: config.owner, repo: config.repo, head: `${config.owner}:${branch}`, base: config.baseBranch, state, per_page: 10 }),
  );
  return data;
}

type PullRequests = Awaited<ReturnType<typeof pullRequestsOf>>;

/** Creating the branch is the lock: only one submission can create it. */
async function ensureBranch(repo: Repo, branch: string, baseSha: string): Promise<boolean> {
  try {
    await repo.gh.rest.git.createRef({ owner: repo.config.owner, repo: repo.config.repo, ref: `refs/heads/${branch}`, sha: baseSha });
    return true;
  } catch (error) {
    if (statusOf(error) === 422) return false;
    throw toGitHubError(error, `creating branch ${branch}`);
  }
}

/** The branch holds another submission's work, and that submission has no pull request yet. */
class BranchTaken extends Error {}

/**
 * Writes a file on the branch unless it already holds exactly this content. On a branch this
 * submission just created the file is as on the base branch, so the first try writes blind. In a
 * rolling pull request each submission adds files named by its id: one already there was written
 * by an earlier attempt of this submission (its content may differ, e.g. in the time), and stays.
 */
async function ensureFile(repo: Repo, branch: string, file: FileChange, message: string, { fresh, mode }: { fresh: boolean; mode: PullRequestMode }): Promise<void> {
  const { gh, config } = repo;
  // Concurrent commits to one branch (a rolling pull request) make GitHub answer 409; try again on the new head.
  await pRetry(
    async (attempt) => {
      let sha = file.previousSha;
      if (!fresh || attempt > 1) {
        const onBranch = (await readFiles(repo, [file.path], branch)).get(file.path);
        if (onBranch?.content === file.content || (onBranch && mode === 'rolling' && !file.previousSha)) return;
        // Write only over the file as the base branch had it: anything else is another submission's
        // (in a refresh, the previous run's, which this one replaces).
        if (onBranch && onBranch.sha !== file.previousSha && mode !== 'refresh') throw new AbortError(new BranchTaken(`${file.path} on ${branch} holds another submission`));
        sha = onBranch?.sha;
      }
      try {
        await gh.rest.repos.createOrUpdateFileContents({
          owner: config.owner,
          repo: config.repo,
          path: file.path,
          branch,
          message,
          content: utf8ToBase64(file.content),
          ...(sha ? { sha } : {}),
        });
      } catch (error) {
        const status = statusOf(error);
        if (status === 409 || status === 422) throw error;
        throw new AbortError(toGitHubError(error, `writing ${file.path}`) as Error);
      }
    },
    { retries: 4, minTimeout: 50, maxTimeout: 500, randomize: true },
  ).catch((error: unknown) => {
    throw toGitHubError(error, `writing ${file.path}`);
  });
}

function conflictWith(pr: { number: number; html_url: string }, branch: string): RequestConflict {
  return new RequestConflict(`Pull request #${pr.number} already asks for this; follow or comment on it there.`, { number: pr.number, url: pr.html_url, branch });
}

/**
 * Opens the pull request that carries a change, or finishes and returns the one an earlier attempt
 * of the same submission started. Each step is safe to repeat: ensure branch, ensure files, ensure
 * pull request. Another submission holding the same branch is a RequestConflict.
 */
export async function openPullRequest(repo: Repo, change: Change, requestId: string): Promise<OpenedPullRequest> {
  const { gh, config } = repo;
  const owner = config.owner;
  const { data: base } = await step(`reading ${config.baseBranch}`, () => gh.rest.git.getRef({ owner, repo: config.repo, ref: `heads/${config.baseBranch}` }));
  const mine = (body: string | null) => parseMarker(body)?.id === requestId;

  const fresh = await ensureBranch(repo, change.branch, base.object.sha);
  if (!fresh) {
    const prs = await pullRequestsOf(repo, change.branch, 'all');
    const open = prs.find((pr) => pr.state === 'open');
    if (open && change.mode === 'single') {
      if (!mine(open.body)) throw conflictWith(open, change.branch);
      return { number: open.number, url: open.html_url, branch: change.branch, created: false, warnings: [] };
    }
    if (!open && prs.length > 0) {
      // The branch is left from a merged or closed request: start it again from the base branch.
      await step(`resetting ${change.branch}`, () =>
        gh.rest.git.updateRef({ owner, repo: config.repo, ref: `heads/${change.branch}`, sha: base.object.sha, force: true }),
      );
    }
  }

  for (const file of change.files) {
    try {
      await ensureFile(repo, change.branch, file, change.commitMessage, { fresh, mode: change.mode });
    } catch (error) {
      // Only a clash on the branch can mean another submission holds it; a failing GitHub is
      // reported as it is, without another call.
      const clash = error instanceof BranchTaken || statusOf(error) === 409 || statusOf(error) === 422;
      if (!clash) throw error;
      const open = (await pullRequestsOf(repo, change.branch, 'open'))[0];
      // A rolling pull request is shared: another submission's marker on it is no conflict.
      if (open && change.mode === 'single' && !mine(open.body)) throw conflictWith(open, change.branch);
      if (error instanceof BranchTaken) {
        throw new RequestConflict('Another request for the same thing is being opened right now; look for it in a minute.', undefined);
      }
      throw error;
    }
  }

  let created = true;
  let pr: { number: number; html_url: string; body: string | null; head: { sha: string } };
  try {
    ({ data: pr } = await gh.rest.pulls.create({ owner, repo: config.repo, title: change.title, head: change.branch, base: config.baseBranch, body: change.body }));
  } catch (error) {
    if (statusOf(error) !== 422) throw toGitHubError(error, 'opening the pull request');
    const prs = await pullRequestsOf(repo, change.branch, 'all');
    const open = prs.find((p) => p.state === 'open');
    if (!open) {
      // GitHub refuses a pull request without commits: this submission's change is on the base
      // branch already, merged with an earlier pull request, and this is a retry of it.
      const landed = await landedPullRequest(repo, change, prs, mine);
      if (landed) return { number: landed.number, url: landed.html_url, branch: change.branch, created: false, warnings: [] };
      throw toGitHubError(error, 'opening the pull request');
    }
    if (change.mode === 'single' && !mine(open.body)) throw conflictWith(open, change.branch);
    pr = open;
    created = false;
    // A refresh's title and body describe the newest run.
    if (change.mode === 'refresh') {
      await step('updating the pull request', () => gh.rest.pulls.update({ owner, repo: config.repo, pull_number: open.number, title: change.title, body: change.body }));
    }
  }

  const warnings = created ? await decorate(repo, pr.number, change.labels) : [];
  warnings.push(...(await refreshSummary(repo, { number: pr.number, body: pr.body, headSha: pr.head.sha }, change)));
  return { number: pr.number, url: pr.html_url, branch: change.branch, created, warnings };
}

/**
 * The merged pull request that carried this submission: for a single request the one with its
 * marker; in a rolling or refreshed one, the newest that changed every file this submission writes.
 */
async function landedPullRequest({ gh, config }: Repo, change: Change, prs: PullRequests, mine: (body: string | null) => boolean) {
  const merged = prs.filter((pr) => pr.merged_at);
  if (change.mode === 'single') return merged.find((pr) => mine(pr.body));
  for (const pr of merged) {
    const files = await step(`listing the files of #${pr.number}`, () =>
      gh.paginate(gh.rest.pulls.listFiles, { owner: config.owner, repo: config.repo, pull_number: pr.number, per_page: 100 }),
    );
    const changed = new Set(files.map((f) => f.filename));
    if (change.files.every((f) => changed.has(f.path))) return pr;
  }
  return undefined;
}

/** Labels and reviewers: wanted, but a pull request without them is still the request. */
async function decorate({ gh, config, reviewers }: Repo, number: number, labels: string[]): Promise<string[]> {
  const warnings: string[] = [];
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
