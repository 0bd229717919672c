import type { RequestError } from 'octokit';

/**
 * GitHub failures the edge turns into answers, each keeping the status and the cause. Client
 * errors that the plumbing expects (404 file missing, 422 ref exists) are handled where they occur.
 */
export class GitHubError extends Error {
  readonly kind: 'unavailable' | 'rate-limited' | 'misconfigured';
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(kind: GitHubError['kind'], message: string, options: { cause: unknown; status?: number | undefined; retryAfterSeconds?: number | undefined }) {
    super(message, { cause: options.cause });
    this.name = 'GitHubError';
    this.kind = kind;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/**
 * Another request already holds what this one asks for; `pullRequest` is where it is discussed.
 * Without one, another attempt may still open it: `retryAfterSeconds` says when to look again.
 */
export class RequestConflict extends Error {
  readonly pullRequest: { number: number; url: string; branch: string } | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(message: string, pullRequest: RequestConflict['pullRequest'], options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'RequestConflict';
    this.pullRequest = pullRequest;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
}

/** Converts what Octokit threw after its retries into a GitHubError; anything else is rethrown as is. */
export function toGitHubError(error: unknown, doing: string): unknown {
  if (error instanceof GitHubError || error instanceof RequestConflict) return error;
  const status = statusOf(error);
  if (status === undefined) return error;
  const headers = (error as RequestError).response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']) || undefined;
  if (status === 401) return new GitHubError('misconfigured', `GitHub refused the credentials while ${doing}; check GITHUB_TOKEN or the GitHub App variables.`, { cause: error, status });
  if (status === 404) return new GitHubError('misconfigured', `GitHub found no such repository or branch while ${doing}; check GITHUB_REPOSITORY and GITHUB_BASE_BRANCH.`, { cause: error, status });
  if (status === 429 || (status === 403 && (retryAfter || headers['x-ratelimit-remaining'] === '0')))
    return new GitHubError('rate-limited', `GitHub rate-limited the portal while ${doing}.`, { cause: error, status, retryAfterSeconds: retryAfter });
  if (status === 403) return new GitHubError('misconfigured', `GitHub denied access while ${doing}; the token or app needs contents and pull requests write access.`, { cause: error, status });
  if (status >= 500) return new GitHubError('unavailable', `GitHub failed while ${doing} (HTTP ${status}), also after retries.`, { cause: error, status });
  return error;
}
