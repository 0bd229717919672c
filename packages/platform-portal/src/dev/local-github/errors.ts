/**
 * Every error answer of the local GitHub, in one catalogue, so the wording can be reviewed in one
 * place and matches what api.github.com sends. GitHub's error bodies carry `message`,
 * `documentation_url` and (since 2023) `status` as a string; validation errors add `errors`.
 * https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api
 */

export const DOCS_ROOT = 'https://docs.github.com/rest';

/** One entry of a 422 "Validation Failed" answer. */
export interface ValidationItem {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field?: string;
  message?: string;
}

export interface GitHubErrorOptions {
  errors?: ValidationItem[];
  documentationUrl?: string;
  headers?: Record<string, string>;
}

/** An answer GitHub would give instead of the resource; thrown by handlers, sent by the server. */
export class GitHubError extends Error {
  readonly status: number;
  readonly errors: ValidationItem[] | undefined;
  readonly documentationUrl: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, options: GitHubErrorOptions = {}) {
    super(message);
    this.name = 'GitHubError';
    this.status = status;
    this.errors = options.errors;
    this.documentationUrl = options.documentationUrl;
    this.headers = options.headers ?? {};
  }
}

/** The JSON body GitHub sends for an error; `routeDocs` is the page of the route that failed. */
export function errorBody(error: GitHubError, routeDocs: string = DOCS_ROOT): Record<string, unknown> {
  return {
    message: error.message,
    ...(error.errors ? { errors: error.errors } : {}),
    documentation_url: error.documentationUrl ?? routeDocs,
    status: String(error.status),
  };
}

const invalidRequest = (detail: string) => new GitHubError(422, `Invalid request.\n\n${detail}`);

/** The catalogue. Names are stable; messages are GitHub's own words where GitHub has them. */
export const problems = {
  notFound: () => new GitHubError(404, 'Not Found'),
  unknownRoute: () => new GitHubError(404, 'Not Found', { documentationUrl: DOCS_ROOT }),
  requiresAuthentication: () =>
    new GitHubError(401, 'Requires authentication', { documentationUrl: DOCS_ROOT }),
  badCredentials: () => new GitHubError(401, 'Bad credentials', { documentationUrl: DOCS_ROOT }),
  notAccessibleByIntegration: () => new GitHubError(403, 'Resource not accessible by integration'),
  hostNotAllowed: () =>
    new GitHubError(403, 'The Host header names no loopback address; the local GitHub answers only on loopback.', {
      documentationUrl: DOCS_ROOT,
    }),
  problemsParsingJson: () => new GitHubError(400, 'Problems parsing JSON'),
  bodyTooLarge: (limit: number) =>
    new GitHubError(413, `The request body is larger than ${limit} bytes, the most the local GitHub accepts.`),

  /** Schema failures of a request body, worded like GitHub's JSON-schema validator. */
  notSupplied: (field: string) => invalidRequest(`"${field}" wasn't supplied.`),
  wrongType: (field: string, value: unknown, type: string) =>
    invalidRequest(`For 'properties/${field}', ${JSON.stringify(value)} is not ${type}.`),
  notAnObject: (value: unknown) => invalidRequest(`${JSON.stringify(value)} is not an object.`),
  invalidValue: (field: string, value: unknown) =>
    invalidRequest(`${JSON.stringify(value)} is not a valid value for "${field}".`),
  validationFailed: (errors: ValidationItem[]) => new GitHubError(422, 'Validation Failed', { errors }),

  // Git references
  referenceExists: () => new GitHubError(422, 'Reference already exists'),
  referenceInvalid: (ref: string) => new GitHubError(422, `${JSON.stringify(ref)} is not a valid ref name.`),
  referenceNeedsRefsPrefix: () =>
    new GitHubError(422, "Reference name must start with 'refs' and have at least two slashes."),
  referenceDoesNotExist: () => new GitHubError(422, 'Reference does not exist'),
  objectDoesNotExist: () => new GitHubError(422, 'Object does not exist'),
  updateNotFastForward: () => new GitHubError(422, 'Update is not a fast forward'),
  cannotDeleteDefaultBranch: () => new GitHubError(422, 'Cannot delete the default branch of the repository.'),
  busy: () => new GitHubError(409, 'Git Repository is busy: other writes keep moving this reference. Try again.'),

  // Contents
  shaNotSupplied: () => invalidRequest(`"sha" wasn't supplied.`),
  fileConflict: (path: string, sha: string) => new GitHubError(409, `${path} does not match ${sha}`),
  contentNotBase64: () => invalidRequest('content is not valid Base64'),
  pathInvalid: () => new GitHubError(422, 'path contains a malformed path component'),
  pathIsDirectory: (path: string) => new GitHubError(422, `${path} is a directory, not a file.`),
  branchNotFound: (branch: string) => new GitHubError(404, `Branch ${branch} not found`),
  noCommitFound: (ref: string) => new GitHubError(404, `No commit found for the ref ${ref}`),
  identityInvalid: (field: string) =>
    invalidRequest(`For 'properties/${field}', name and email must be strings without control characters or <>.`),

  // Pull requests
  pullExists: (owner: string, head: string) =>
    new GitHubError(422, 'Validation Failed', {
      errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` }],
    }),
  noCommitsBetween: (base: string, head: string) =>
    new GitHubError(422, 'Validation Failed', {
      errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${head}` }],
    }),
  pullFieldInvalid: (field: string) =>
    new GitHubError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] }),
  /**
   * A title or body longer than GitHub stores. GitHub documents neither figure; its answer is
   * well known (renovatebot/renovate#2032 for the body, googleapis/repo-automation-bots#1895 for
   * the title): the pull request is validated as an issue, and characters are counted, not bytes.
   */
  pullTextTooLong: (field: 'title' | 'body', maximum: number) =>
    new GitHubError(422, 'Validation Failed', {
      errors: [{ resource: 'Issue', code: 'custom', field, message: `${field} is too long (maximum is ${maximum} characters)` }],
    }),
  pullFieldMissing: (field: string) =>
    new GitHubError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'missing_field' }] }),
  pullNotMergeable: () => new GitHubError(405, 'Pull Request is not mergeable'),
  headModified: () => new GitHubError(409, 'Head branch was modified. Review and try the merge again.'),
  mergeMethodNotAllowed: (method: string) =>
    new GitHubError(405, `${method} merges are not allowed on this repository.`),
  pullMergedCannotReopen: () =>
    new GitHubError(422, 'Validation Failed', {
      errors: [{ resource: 'PullRequest', code: 'custom', message: 'state cannot be changed. The pull request cannot be reopened.' }],
    }),
  reviewRequestFromAuthor: () =>
    new GitHubError(422, 'Review cannot be requested from pull request author.'),
  reviewBodyRequired: (event: string) =>
    new GitHubError(422, 'Unprocessable Entity', {
      errors: [{ resource: 'PullRequestReview', field: 'body', code: 'custom', message: `Body is required for ${event} reviews.` }],
    }),

  // The admin switch (routes/admin.ts).
  adminTokenRequired: () =>
    new GitHubError(403, 'The admin paths of the local GitHub need the admin token it printed at start: Authorization: Bearer <token>.', {
      documentationUrl: DOCS_ROOT,
    }),

  // Web view forms (web-actions.ts): shown as HTML pages, not JSON.
  foreignOrigin: (origin: string) =>
    new GitHubError(
      403,
      `The form was sent from ${origin}, not from this local GitHub's own page, so it was refused: other sites may not merge or close pull requests here. Open the pull request in the local GitHub and use its buttons.`,
    ),
  webTokenMismatch: () =>
    new GitHubError(
      403,
      "The form does not carry this local GitHub's token, so it was refused. Reload the pull request page and try again: the token changes each time the local GitHub starts.",
    ),
  notAForm: () =>
    new GitHubError(415, 'The web view takes forms sent as application/x-www-form-urlencoded only, as its own pages send them.'),
  pullNotOpen: (number: number, merged: boolean) =>
    new GitHubError(409, `Pull request #${number} is already ${merged ? 'merged' : 'closed'}; there is nothing to do.`),

  // Labels
  labelNotOnIssue: () => new GitHubError(404, 'Label does not exist'),

  // Search
  searchQueryMissing: () =>
    new GitHubError(422, 'Validation Failed', { errors: [{ resource: 'Search', field: 'q', code: 'missing' }] }),
  searchRepositoryUnknown: () =>
    new GitHubError(422, 'Validation Failed', {
      errors: [{
        resource: 'Search',
        field: 'q',
        code: 'invalid',
        message:
          'The listed users and repositories cannot be searched either because the resources do not exist or you do not have permission to view them.',
      }],
    }),

  // Injected faults (faults.ts)
  serverError: () => new GitHubError(500, 'Server Error'),
  badGateway: () => new GitHubError(502, 'Server Error'),
  secondaryRateLimit: (requestId: string, retryAfter: number, status: 403 | 429) =>
    new GitHubError(
      status,
      `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
      {
        documentationUrl:
          'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        headers: { 'retry-after': String(retryAfter) },
      },
    ),
  primaryRateLimit: (resetEpoch: number) =>
    new GitHubError(403, 'API rate limit exceeded for user ID 1.', {
      documentationUrl: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetEpoch) },
    }),
};
