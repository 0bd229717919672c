import type { Problem } from '../lib/problems.ts';

/**
 * Every problem the requests API answers with (RFC 9457), in one place so the wording can be
 * reviewed together. `type` is a stable name; titles never carry the fix, details do.
 */
export const PROBLEM_TYPES = {
  'malformed-json': { status: 400, title: 'The body is not valid JSON' },
  'invalid-idempotency-key': { status: 400, title: 'The Idempotency-Key header is not valid' },
  unauthenticated: { status: 401, title: 'Sign-in required' },
  'forbidden-origin': { status: 403, title: 'Cross-site request refused' },
  'unknown-type': { status: 404, title: 'Unknown request type' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Already requested' },
  'body-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'The body must be JSON' },
  'validation-failed': { status: 422, title: 'The request is not valid' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'too-many-requests': { status: 429, title: 'Too many requests from you' },
  internal: { status: 500, title: 'Something went wrong in the portal' },
  'github-unavailable': { status: 502, title: 'GitHub did not answer' },
  'not-configured': { status: 503, title: 'The requests API is not configured' },
  'github-misconfigured': { status: 503, title: 'GitHub refused the portal' },
} as const;

export type ProblemType = keyof typeof PROBLEM_TYPES;

/** Thrown anywhere at the edge; `withProblems` turns it into the answer. */
export class HttpProblem extends Error {
  readonly type: ProblemType;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;
  constructor(type: ProblemType, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    super(detail);
    this.name = 'HttpProblem';
    this.type = type;
    this.extra = extra;
    this.headers = headers;
  }
}

/**
 * Headers of every answer of the API. Cloudflare Pages applies a site's `_headers` to static files
 * only, never to what Functions answer (https://developers.cloudflare.com/pages/configuration/headers/),
 * so the API sets its own: a JSON answer is not sniffed as HTML, opened as a document it runs no
 * script and loads nothing, is framed by no page, and sends no referrer from any link in it. Set
 * after the caller's headers, so that no answer goes without them.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

export function problemResponse(problem: HttpProblem): Response {
  const { status, title } = PROBLEM_TYPES[problem.type];
  const body = { type: `/api/problems/${problem.type}`, title, status, detail: problem.message, ...problem.extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...problem.headers, ...API_SECURITY_HEADERS },
  });
}

/** Field problems in the API's shape: `errors: [{ path, message }]`. */
export function fieldErrors(problems: Problem[]): { errors: { path: string; message: string }[] } {
  return { errors: problems.map(({ path, message }) => ({ path, message })) };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers, ...API_SECURITY_HEADERS } });
}
