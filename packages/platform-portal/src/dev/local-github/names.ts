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

/**
 * git's rules for reference names (`git check-ref-format`, https://git-scm.com/docs/git-check-ref-format),
 * checked in JS to spare a process per request; the tests compare this with git on a table of
 * names. Also: no longer than 1024 characters.
 */
export function isValidRefName(fullRef: string): boolean {
  if (fullRef.length === 0 || fullRef.length > 1024) return false;
  if (/[\u0000-\u0020\u007f~^:?*[\\]/.test(fullRef)) return false;
  if (fullRef.includes('..') || fullRef.includes('@{') || fullRef === '@') return false;
  if (fullRef.startsWith('/') || fullRef.endsWith('/') || fullRef.endsWith('.') || fullRef.includes('//')) return false;
  const components = fullRef.split('/');
  if (components.length < 2) return false;
  return components.every((component) => !component.startsWith('.') && !component.endsWith('.lock'));
}

/** A full reference name (refs/<kind>/<name>) that git would accept. */
export function isValidRef(fullRef: string): boolean {
  return fullRef.startsWith('refs/') && fullRef.split('/').length >= 3 && isValidRefName(fullRef);
}

/** A branch name (without refs/heads/) that git would accept as refs/heads/<name>. */
export function isValidBranch(branch: string): boolean {
  return branch !== '' && !branch.startsWith('-') && isValidRef(`refs/heads/${branch}`);
}

/**
 * The commit a `ref` query parameter names, as GitHub reads it: a full 40-hex sha, a branch, a
 * tag, or a full "refs/..." name. Revision syntax (main~1, HEAD@{1}, a..b) is not accepted.
 */
export async function resolveCommitish(git: Git, ref: string): Promise<string | null> {
  if (SHA.test(ref)) return (await git.commitExists(ref)) ? ref : null;
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/tags/${ref}`];
  for (const candidate of candidates) {
    if (!isValidRef(candidate)) continue;
    const sha = await git.refSha(candidate);
    if (sha === null) continue;
    const peeled = await git.info(`${sha}^{commit}`);
    if (peeled) return peeled.sha;
  }
  return null;
}
