/**
 * One file changed on one branch as a new commit, the way the contents API does it: build the
 * blob, a tree in a private index, a commit on the branch tip, then move the branch with a
 * compare-and-swap. When the branch moved meanwhile (an unrelated commit) the whole build is
 * redone on the new tip; when the file itself changed, the caller's `sha` is stale: 409.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { App } from './app.ts';
import { problems } from './errors.ts';
import type { Identity, TreeEntry } from './git.ts';
import { TreeConflictError } from './git-trees.ts';
import { followBranch } from './pull-git.ts';

export interface FileWrite {
  branch: string;
  path: string;
  /** New content, or null to delete the file. */
  content: Buffer | null;
  /** Blob sha the caller last saw (required to update or delete an existing file). */
  expectedSha: string | undefined;
  message: string;
  author: Identity;
  committer: Identity;
}

export interface FileWriteResult {
  commit: string;
  /** The file after the write; null after a delete. */
  entry: TreeEntry | null;
  /** Whether the file existed before (200) or was created (201). */
  existed: boolean;
}

const ATTEMPTS = 20;

/** Checks the caller's `sha` against the file on the tip, exactly as GitHub answers. */
function checkExpected(write: FileWrite, existing: TreeEntry | null): void {
  if (existing && existing.type !== 'blob') throw problems.pathIsDirectory(write.path);
  if (write.content === null && !existing) throw problems.notFound();
  if (existing && write.expectedSha === undefined) throw problems.shaNotSupplied();
  if (write.expectedSha !== undefined && existing?.sha !== write.expectedSha) {
    throw problems.fileConflict(write.path, write.expectedSha);
  }
}

/**
 * Writes to one branch from this server queue up (app.branchLocks) instead of burning attempts
 * against each other. That only saves work: writers in other processes (a second server, a git
 * push) are handled by the compare-and-swap and retry in writeOnce.
 */
export function writeFile(app: App, write: FileWrite): Promise<FileWriteResult> {
  return app.branchLocks.run(write.branch, () => writeOnce(app, write));
}

async function writeOnce(app: App, write: FileWrite): Promise<FileWriteResult> {
  const ref = `refs/heads/${write.branch}`;
  const blob = write.content === null ? null : await app.git.hashBlob(write.content);
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const tip = await app.git.refSha(ref);
    if (tip === null) throw problems.branchNotFound(write.branch);
    const existing = await app.git.entry(tip, write.path);
    checkExpected(write, existing);
    const mode = existing?.mode ?? '100644';
    let tree: string;
    try {
      tree = await app.git.treeWithChange(tip, write.path, blob, mode);
    } catch (error) {
      // e.g. "a/b" where "a" is a file.
      if (error instanceof TreeConflictError) throw problems.pathInvalid();
      throw error;
    }
    const commit = await app.git.commitTree(tree, [tip], write.message, write.author, write.committer);
    if (await app.git.updateRef(ref, commit, tip)) {
      await followBranch(app, write.branch);
      app.branchUpdated(write.branch, commit);
      const entry = blob === null ? null : { mode, type: 'blob' as const, sha: blob, size: write.content?.length ?? 0, path: write.path };
      return { commit, entry, existed: existing !== null };
    }
    // The branch moved under us: back off a little (with jitter, so racers spread out) and rebuild.
    await sleep(Math.floor(Math.random() * 5 * attempt));
  }
  throw problems.busy();
}
