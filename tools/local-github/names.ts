/**
 * What a file path or a reference name may look like. Everything a client sends passes here
 * before it reaches git, so a hostile name can never address anything outside the repository's
 * trees and refs (`..`, absolute paths, backslashes, control characters, `.git` components).
 */
import type { Git } from './git.ts';

const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX_PATH = 4096;
const SHA = /^[0-9a-f]{40}$/;

/**
 * A path inside the repository tree: relative, '/'-separated, no empty, '.' or '..' segments,
 * no '.git' component (git refuses those too), no backslashes or control characters.
 */
export function isSafeFilePath(path: string): boolean {
  if (path === '' || path.length > MAX_PATH) return false;
  if (CONTROL.test(path) || path.includes('\\') || path.startsWith('/')) return false;
  return path.split('/').every((segment) => {
    if (segment === '' || segment === '.' || segment === '..') return false;
    // ".git", and spellings that some filesystems treat as ".git" (".GIT", ".git.", ".git ").
    return !/^\.git[. ]*$/i.test(segment);
  });
}

/**
 * A path as it arrives in a GET URL: '' and a trailing slash mean a directory. Returns the
 * normalized path, or null when it is not a safe path (the caller answers 404 like GitHub).
 */
export function normalizeReadPath(raw: string): string | null {
  const path = raw.endsWith('/') ? raw.slice(0, -1) : raw;
  if (path === '') return '';
  return isSafeFilePath(path) ? path : null;
}

/** Cheap refusals first; `git check-ref-format` has the last word (see `isValidRef`). */
function plausibleRef(fullRef: string): boolean {
  if (fullRef.length > 1024 || CONTROL.test(fullRef)) return false;
  if (fullRef.includes('\\') || fullRef.includes('..') || fullRef.startsWith('/')) return false;
  return fullRef.startsWith('refs/') && fullRef.split('/').length >= 3;
}

/** A full reference name (refs/heads/x) that git would accept. */
export async function isValidRef(git: Git, fullRef: string): Promise<boolean> {
  return plausibleRef(fullRef) && (await git.checkRefFormat(fullRef));
}

/** A branch name (without refs/heads/) that git would accept as refs/heads/<name>. */
export async function isValidBranch(git: Git, branch: string): Promise<boolean> {
  return branch !== '' && !branch.startsWith('-') && (await isValidRef(git, `refs/heads/${branch}`));
}

/**
 * The commit a `ref` query parameter names, as GitHub reads it: a full 40-hex sha, a branch, a
 * tag, or a full "refs/..." name. Revision syntax (main~1, HEAD@{1}, a..b) is not accepted.
 */
export async function resolveCommitish(git: Git, ref: string): Promise<string | null> {
  if (SHA.test(ref)) return (await git.commitExists(ref)) ? ref : null;
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const candidate of candidates) {
    if (!(await isValidRef(git, candidate))) continue;
    const sha = await git.refSha(candidate);
    if (sha === null) continue;
    const peeled = await git.run(['rev-parse', '--verify', '-q', `${sha}^{commit}`]);
    if (peeled.code === 0) return peeled.stdout.toString('utf8').trim();
  }
  return null;
}
