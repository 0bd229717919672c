/**
 * Where a pull request stands in git: its head and base commits, the range its diff covers, and
 * the numbers GitHub reports (commits, additions, mergeable). Every pull also owns the real ref
 * refs/pull/N/head, kept at the head branch's tip, as on GitHub.
 */
import type { App } from './app.ts';
import { ZERO_OID } from './git.ts';
import { changedFiles, diffStats, mergeBase, mergeTrees, type FileChange } from './git-history.ts';
import type { PullRecord, StoreState } from './store.ts';

export interface PullTips {
  head: string;
  base: string;
}

/** Head and base commits: live branch tips while open, the recorded head once closed. */
export function tipsFrom(pull: PullRecord, branches: ReadonlyMap<string, string>): PullTips {
  const base = branches.get(pull.base) ?? pull.base_sha;
  if (pull.state === 'closed') return { head: pull.head_sha, base };
  return { head: branches.get(pull.head) ?? pull.head_sha, base };
}

/** Tips of all branches, by branch name, from one `git for-each-ref` (for lists of pulls). */
export async function branchTips(app: App): Promise<Map<string, string>> {
  const refs = await app.git.listRefs();
  return new Map(
    refs.filter((entry) => entry.ref.startsWith('refs/heads/')).map((entry) => [entry.ref.slice('refs/heads/'.length), entry.sha]),
  );
}

export async function pullTips(app: App, pull: PullRecord): Promise<PullTips> {
  const [head, base] = await Promise.all([
    app.git.refSha(`refs/heads/${pull.head}`),
    app.git.refSha(`refs/heads/${pull.base}`),
  ]);
  const branches = new Map<string, string>();
  if (head) branches.set(pull.head, head);
  if (base) branches.set(pull.base, base);
  return tipsFrom(pull, branches);
}

/** The commits a pull's diff compares: merge base to head ("base...head"), frozen once closed. */
export async function pullRange(app: App, pull: PullRecord): Promise<{ from: string; to: string }> {
  if (pull.state === 'closed') return { from: pull.base_sha, to: pull.head_sha };
  const tips = await pullTips(app, pull);
  return { from: (await mergeBase(app.git, tips.base, tips.head)) ?? tips.base, to: tips.head };
}

export async function pullFiles(app: App, pull: PullRecord): Promise<FileChange[]> {
  const range = await pullRange(app, pull);
  return changedFiles(app.git, range.from, range.to);
}

export interface PullDetails {
  tips: PullTips;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
  /** null: not computed yet (GitHub answers a new pull with null too) or closed. */
  mergeable: boolean | null;
}

/** The counts and the trial-merge result only single-pull answers carry. */
export async function pullDetails(app: App, pull: PullRecord): Promise<PullDetails> {
  const tips = await pullTips(app, pull);
  const open = pull.state === 'open';
  const [stats, merge] = await Promise.all([
    open ? diffStats(app.git, tips.base, tips.head, true) : diffStats(app.git, pull.base_sha, pull.head_sha, false),
    open ? mergeTrees(app.git, tips.base, tips.head) : Promise.resolve(null),
  ]);
  return {
    tips,
    commits: stats.commits,
    additions: stats.additions,
    deletions: stats.deletions,
    changedFiles: stats.files,
    mergeable: merge === null ? null : merge.clean,
  };
}

/** Points refs/pull/N/head at `sha` (compare-and-swap against what the store recorded). */
export async function setPullHeadRef(app: App, number: number, sha: string, previous: string | null): Promise<void> {
  const ref = `refs/pull/${number}/head`;
  const moved = await app.git.updateRef(ref, sha, previous ?? ZERO_OID);
  // Someone moved it outside the server (a push to the bare repository): follow the branch anyway.
  if (!moved) await app.git.updateRef(ref, sha, (await app.git.refSha(ref)) ?? ZERO_OID);
}

/**
 * After `branch` moved, moves refs/pull/N/head of its open pulls along (GitHub does on push). The
 * tip is read inside the store's transaction, so two quick pushes can never leave the older one.
 */
export async function followBranch(app: App, branch: string): Promise<void> {
  if (!app.store.state.pulls.some((pull) => pull.state === 'open' && pull.head === branch)) return;
  await app.store.transact(async (draft: StoreState) => {
    const tip = await app.git.refSha(`refs/heads/${branch}`);
    if (tip === null) return;
    for (const pull of draft.pulls) {
      if (pull.state !== 'open' || pull.head !== branch || pull.head_sha === tip) continue;
      await setPullHeadRef(app, pull.number, tip, pull.head_sha);
      pull.head_sha = tip;
    }
  });
}
