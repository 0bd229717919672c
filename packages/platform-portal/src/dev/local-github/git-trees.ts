/**
 * Tree objects: parsing git's binary tree format and writing a changed copy of a tree, one
 * level per directory of the changed path, through `git mktree` (which also checks that every
 * entry's object exists). Nothing touches a work tree or an index.
 */

export type EntryType = 'blob' | 'tree' | 'commit';

export interface RawEntry {
  mode: string;
  type: EntryType;
  sha: string;
  name: string;
}

/** A path crosses a file where a directory is needed, or the other way round. */
export class TreeConflictError extends Error {
  constructor(path: string) {
    super(`${path} conflicts with an existing file or directory.`);
    this.name = 'TreeConflictError';
  }
}

/** Modes as ls-tree spells them: trees are "040000" (tree objects store "40000"). */
function normalizeMode(mode: string): { mode: string; type: EntryType } {
  if (mode === '40000' || mode === '040000') return { mode: '040000', type: 'tree' };
  if (mode === '160000') return { mode, type: 'commit' };
  return { mode, type: 'blob' };
}

/** Entries of a tree object: "<mode> <name>\0<20-byte sha>" repeated. */
export function parseTree(data: Buffer): RawEntry[] {
  const entries: RawEntry[] = [];
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    const nul = data.indexOf(0x00, space);
    if (space === -1 || nul === -1 || nul + 21 > data.length) throw new Error('Malformed tree object.');
    const { mode, type } = normalizeMode(data.subarray(offset, space).toString('ascii'));
    entries.push({ mode, type, name: data.subarray(space + 1, nul).toString('utf8'), sha: data.subarray(nul + 1, nul + 21).toString('hex') });
    offset = nul + 21;
  }
  return entries;
}

/** `mktree -z --batch` input for one tree: entries NUL-terminated, then an empty record. */
export function mktreeInput(entries: readonly RawEntry[]): string {
  return `${entries.map((entry) => `${entry.mode} ${entry.type} ${entry.sha}\t${entry.name}\0`).join('')}\0`;
}

export interface TreeAccess {
  readTree(sha: string): Promise<RawEntry[]>;
  writeTree(entries: readonly RawEntry[]): Promise<string>;
}

/**
 * The tree `root` with the file at `path` set to `blob` (mode `mode`), or removed when `blob` is
 * null. Directories are created as needed; a directory left empty disappears, as with git add.
 */
export async function changeTree(access: TreeAccess, root: string, path: string, blob: string | null, mode: string): Promise<string> {
  const parts = path.split('/');
  async function rewrite(tree: string | null, depth: number): Promise<string | null> {
    const entries = tree === null ? [] : await access.readTree(tree);
    const name = parts[depth] ?? '';
    const index = entries.findIndex((entry) => entry.name === name);
    const existing = index === -1 ? undefined : entries[index];
    let replacement: RawEntry | null;
    if (depth === parts.length - 1) {
      if (existing?.type === 'tree') throw new TreeConflictError(path);
      replacement = blob === null ? null : { mode, type: 'blob', sha: blob, name };
    } else {
      if (existing && existing.type !== 'tree') throw new TreeConflictError(path);
      const subtree = await rewrite(existing?.sha ?? null, depth + 1);
      replacement = subtree === null ? null : { mode: '040000', type: 'tree', sha: subtree, name };
    }
    if (index !== -1) entries.splice(index, 1);
    if (replacement) entries.push(replacement);
    if (entries.length === 0) return null;
    return access.writeTree(entries);
  }
  return (await rewrite(root, 0)) ?? access.writeTree([]);
}
