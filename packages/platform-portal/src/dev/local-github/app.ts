/**
 * What every route handler gets: the one repository served, its git plumbing and metadata
 * store, the URLs it answers on, and the clock. Handlers take time only from `now()`, so tests
 * can fix it.
 */
import type { Git, Identity } from './git.ts';
import type { KeyedLock } from './keyed-lock.ts';
import type { Store } from './store.ts';

export interface App {
  owner: string;
  name: string;
  /** "owner/name". */
  fullName: string;
  baseBranch: string;
  /** When the repository was created (its first commit), ISO. */
  createdAt: string;
  git: Git;
  store: Store;
  /** Queues this server's writes per branch (an optimization; git's CAS decides races). */
  branchLocks: KeyedLock;
  /** Base URL of the API, what Octokit takes as `baseUrl`, e.g. http://127.0.0.1:8790. */
  apiUrl: string;
  /** Base URL of the web view (same server). */
  webUrl: string;
  now(): Date;
  /**
   * Date for new commits: from `now()` when the server was given a clock, otherwise undefined so
   * git takes GIT_AUTHOR_DATE / GIT_COMMITTER_DATE from the environment, or the current time.
   */
  commitDate(): string | undefined;
  /**
   * Called by every handler that moved refs/heads/{branch} (merges, git data pushes, contents
   * writes) once the move is recorded; passes it on to the server's `onBranchUpdated`.
   */
  branchUpdated(branch: string, sha: string): void;
}

/** GitHub's timestamps: ISO 8601 in UTC, whole seconds. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function timestamp(app: App): string {
  return isoSeconds(app.now());
}

/** API URL of the repository: `${apiUrl}/repos/owner/name`. */
export function repoUrl(app: App): string {
  return `${app.apiUrl}/repos/${app.owner}/${app.name}`;
}

/** Stable small ids derived from a name, so the same login always has the same user id. */
export function stableId(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return (hash % 90_000_000) + 10_000_000;
}

/** The git identity GitHub uses for a user's web commits: login and the noreply address. */
export function userIdentity(app: App, login: string): Identity {
  const date = app.commitDate();
  return { name: login, email: `${stableId(login)}+${login}@users.noreply.github.com`, ...(date ? { date } : {}) };
}
