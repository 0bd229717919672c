/**
 * A site's content/ and its local GitHub's base branch, kept together across `platform-portal
 * start`s: the base branch gets the merged requests, content/ gets the author's edits. At each start
 * the edits made to content/ since the last one are merged into the base branch, as a pull would:
 * a three-way merge against the content taken last time (SYNCED_REF), so a request merged in the
 * local GitHub stays merged. Edits that conflict with one leave the base branch as it is.
 */
import { Git, ZERO_OID, type Identity } from './git.ts';
import { seedTree, SYNCED_REF } from './seed.ts';

export interface WorkingTreeSync {
  repoPath: string;
  baseBranch: string;
  /** The site, and the paths in it that the repository holds (its content/). */
  seedFrom: string;
  seedPaths: string[];
  identity: Identity;
}

export type SyncResult =
  | { kind: 'unchanged' | 'fast-forward' | 'merged'; base: string }
  | { kind: 'conflict'; base: string; files: string[] };

/** The commit the last sync took content/ from: the ref, or for a repository made before it, the first commit. */
async function lastSynced(git: Git, base: string): Promise<string> {
  return (await git.refSha(SYNCED_REF)) ?? (await git.text(['rev-list', '--max-parents=0', base])).trim().split('\n').at(-1)!;
}

export async function syncWorkingTree(options: WorkingTreeSync): Promise<SyncResult> {
  const git = new Git(options.repoPath);
  try {
    const baseRef = `refs/heads/${options.baseBranch}`;
    const base = await git.refSha(baseRef);
    if (!base) throw new Error(`${options.repoPath} has no branch ${options.baseBranch}; start with --reset to recreate it.`);
    const synced = await lastSynced(git, base);
    const tree = await seedTree(git, options);
    if ((await git.commitInfo(synced)).tree === tree) return { kind: 'unchanged', base };
    const working = await git.commitTree(tree, [synced], 'Content edited in the working tree\n', options.identity, options.identity);
    let next: string;
    if (base === synced) {
      next = working;
    } else {
      // --write-tree prints the merged tree, then the conflicted files; exit 1 on a conflict.
      const merge = await git.run(['merge-tree', '--write-tree', '--name-only', '--no-messages', base, working]);
      const [mergedTree = '', ...conflicted] = merge.stdout.toString('utf-8').trim().split('\n');
      if (merge.code === 1) return { kind: 'conflict', base, files: conflicted.filter(Boolean) };
      if (merge.code !== 0) throw new Error(`git merge-tree failed: ${merge.stderr}`);
      next = await git.commitTree(mergedTree, [base, working], 'Merge content edited in the working tree\n', options.identity, options.identity);
    }
    if (!(await git.updateRef(baseRef, next, base))) throw new Error(`${options.baseBranch} moved while content/ was being merged into it; start again.`);
    await git.updateRef(SYNCED_REF, working, (await git.refSha(SYNCED_REF)) ?? ZERO_OID);
    return { kind: base === synced ? 'fast-forward' : 'merged', base: next };
  } finally {
    git.close();
  }
}
