/**
 * Read-side history questions the pull request routes ask: merge bases, three-dot diffs per file
 * (what GitHub's "Files changed" shows), trial merges and logs.
 */
import type { Git } from './git.ts';

export type FileStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface FileChange {
  filename: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  /** The blob after the change; null when the file was removed. */
  sha: string | null;
  /** Unified hunks from the first "@@" on, as GitHub's `patch`; absent for binary files. */
  patch: string | undefined;
}

const STATUS: Record<string, FileStatus> = { A: 'added', D: 'removed', M: 'modified', T: 'changed' };

export async function mergeBase(git: Git, a: string, b: string): Promise<string | null> {
  const result = await git.run(['merge-base', a, b]);
  return result.code === 0 ? result.stdout.toString('utf8').trim() : null;
}

/** A trial merge with `git merge-tree --write-tree` (git >= 2.38): the merged tree or a conflict. */
export async function mergeTrees(git: Git, base: string, head: string): Promise<{ clean: true; tree: string } | { clean: false }> {
  const result = await git.run(['merge-tree', '--write-tree', '--no-messages', base, head]);
  if (result.code === 0) return { clean: true, tree: result.stdout.toString('utf8').split('\n')[0]?.trim() ?? '' };
  if (result.code === 1) return { clean: false };
  throw new Error(`git merge-tree failed: ${result.stderr.trim()}`);
}

/** Splits `git diff` output into one section per file, in git's path order. */
function splitPatch(patch: string): string[] {
  const sections: string[] = [];
  let current: string[] | null = null;
  for (const line of patch.split('\n')) {
    if (line.startsWith('diff --git ')) {
      if (current) sections.push(current.join('\n'));
      current = [];
    }
    current?.push(line);
  }
  if (current) sections.push(current.join('\n'));
  return sections;
}

/** The hunks of one file's section, from the first "@@" on; undefined for binary or mode-only changes. */
function hunks(section: string): string | undefined {
  const start = section.indexOf('\n@@');
  if (start === -1) return undefined;
  return section.slice(start + 1).replace(/\n$/, '');
}

/** The files changed between two commits, with counts and patches (renames are not detected). */
export async function changedFiles(git: Git, from: string, to: string): Promise<FileChange[]> {
  const common = ['diff', '--no-renames', '--no-ext-diff', '--no-color', from, to];
  const [raw, numstat, patch] = await Promise.all([
    git.text([...common.slice(0, 4), '--raw', '-z', '--no-abbrev', from, to]),
    git.text([...common.slice(0, 4), '--numstat', '-z', from, to]),
    git.text(common),
  ]);
  const counts = new Map<string, { additions: number; deletions: number }>();
  for (const record of numstat.split('\0').filter(Boolean)) {
    const [added = '0', deleted = '0', path = ''] = record.split('\t');
    counts.set(path, { additions: Number(added) || 0, deletions: Number(deleted) || 0 });
  }
  const fields = raw.split('\0').filter(Boolean);
  const sections = splitPatch(patch);
  const changes: FileChange[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const meta = (fields[i] ?? '').split(' ');
    const filename = fields[i + 1] ?? '';
    const letter = meta[4] ?? 'M';
    const after = meta[3] ?? '';
    changes.push({
      filename,
      status: STATUS[letter] ?? 'modified',
      ...(counts.get(filename) ?? { additions: 0, deletions: 0 }),
      sha: letter === 'D' ? null : after,
      patch: hunks(sections[changes.length] ?? ''),
    });
  }
  return changes;
}

export interface DiffStats {
  commits: number;
  additions: number;
  deletions: number;
  files: number;
}

/**
 * Counts for `from..to` (commits) and the diff `from...to` (threeDot, from the merge base, as an
 * open pull) or `from to`: two git processes, for answers that carry numbers but no patches.
 */
export async function diffStats(git: Git, from: string, to: string, threeDot: boolean): Promise<DiffStats> {
  const [commits, numstat] = await Promise.all([
    git.text(['rev-list', '--count', `${from}..${to}`]),
    git.text(['diff', '--no-renames', '--no-ext-diff', '--numstat', '-z', ...(threeDot ? [`${from}...${to}`] : [from, to])]),
  ]);
  const stats: DiffStats = { commits: Number(commits), additions: 0, deletions: 0, files: 0 };
  for (const record of numstat.split('\0').filter(Boolean)) {
    const [added = '0', deleted = '0'] = record.split('\t');
    stats.additions += Number(added) || 0;
    stats.deletions += Number(deleted) || 0;
    stats.files += 1;
  }
  return stats;
}

export interface LogOptions {
  rev: string;
  path?: string;
  limit: number;
  skip: number;
}

/** Commit shas, newest first, optionally only those touching `path`. */
export async function logShas(git: Git, options: LogOptions): Promise<string[]> {
  const args = ['rev-list', `--max-count=${options.limit}`, `--skip=${options.skip}`, options.rev];
  if (options.path) args.push('--', options.path);
  return (await git.text(args)).split('\n').filter(Boolean);
}
