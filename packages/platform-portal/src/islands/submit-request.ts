/**
 * POST /api/requests/{type} and what its answer means for the person: opened, fix these fields,
 * already requested, try again, or stop. The problem shapes are those of src/http/problems.ts.
 */

import type { PendingSubmission } from './drafts.ts';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface OpenedRequest {
  id: string;
  pullRequest: { number: number; url: string; branch: string };
  /** 201 opened now; 200 an earlier attempt of this submission had opened it. */
  created: boolean;
  warnings: string[];
}

export type SubmitOutcome =
  | { kind: 'opened'; request: OpenedRequest }
  | { kind: 'invalid'; title: string; detail: string; errors: FieldProblem[] }
  | { kind: 'conflict'; title: string; detail: string; pullRequest?: { number: number; url: string } | undefined }
  /** Nothing or part was done; the same key completes it (network, 5xx, 429). */
  | { kind: 'retry'; title: string; detail: string }
  /** Retrying will not help: sign-in, configuration, a refused origin. */
  | { kind: 'failed'; title: string; detail: string };

interface ProblemBody {
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
  retryable?: unknown;
  pullRequest?: unknown;
}

/** One key per submission. randomUUID needs a secure context; 127.0.0.1 and https are. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The one rule of every client (the forms and the page feedback widget): a retry of the same
 * body keeps its key, so the server answers with what an earlier attempt opened; a changed body
 * is a new submission with a new key, so a corrected answer is never taken for a retry of the
 * first one and dropped.
 */
export function submissionFor(pending: PendingSubmission | undefined, body: string, newKey: () => string = newIdempotencyKey): PendingSubmission {
  return pending && pending.body === body && typeof pending.key === 'string' ? pending : { key: newKey(), body };
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e) => (e && typeof e.path === 'string' && typeof e.message === 'string' ? [{ path: e.path, message: e.message }] : []));
}

function pullRequestOf(value: unknown): { number: number; url: string } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { number, url } = value as { number?: unknown; url?: unknown };
  return typeof number === 'number' && typeof url === 'string' && /^https?:\/\//.test(url) ? { number, url } : undefined;
}

/** Reads the answer; `body` is whatever JSON came back, or undefined when there was none. */
export function outcomeOf(status: number, body: unknown): SubmitOutcome {
  const problem = (body && typeof body === 'object' ? body : {}) as ProblemBody & Partial<OpenedRequest> & { pullRequest?: unknown };
  if (status === 200 || status === 201) {
    const pr = pullRequestOf(problem.pullRequest);
    if (pr) {
      const branch = (problem.pullRequest as { branch?: unknown }).branch;
      return {
        kind: 'opened',
        request: {
          id: text(problem.id, ''),
          pullRequest: { ...pr, branch: text(branch, '') },
          created: status === 201,
          warnings: Array.isArray(problem.warnings) ? problem.warnings.filter((w): w is string => typeof w === 'string') : [],
        },
      };
    }
    return { kind: 'retry', title: 'The answer was not understood', detail: `The portal answered ${status} without a pull request. Try again: the retry returns the same request.` };
  }
  const title = text(problem.title, `The portal answered ${status}`);
  const detail = text(problem.detail, '');
  const errors = fieldProblems(problem.errors);
  // Field problems go onto the fields: 422, a tenant that is missing (404) or taken (409).
  if ((status === 422 || status === 404 || status === 409) && errors.length > 0) return { kind: 'invalid', title, detail, errors };
  const pullRequest = pullRequestOf(problem.pullRequest);
  // A 409 without a pull request: another attempt may still open it, and the answer says when to look again.
  if (status === 409 && !pullRequest && problem.retryable === true) return { kind: 'retry', title, detail };
  if (status === 409) return { kind: 'conflict', title, detail, pullRequest };
  if (status === 429 || (status >= 500 && problem.retryable !== false)) {
    return { kind: 'retry', title, detail: detail || 'Nothing is lost: try again, and the retry completes the same request.' };
  }
  return { kind: 'failed', title, detail };
}

/** Sends one attempt of a submission. Never throws: a network failure is a `retry`. */
export async function postRequest(type: string, body: string, key: string): Promise<SubmitOutcome> {
  let response: Response;
  try {
    response = await fetch(`/api/requests/${type}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json', 'idempotency-key': key },
      body,
      credentials: 'same-origin',
    });
  } catch {
    return {
      kind: 'retry',
      title: 'The portal could not be reached',
      detail: 'Check your connection and try again. Your request is kept; the retry will not open a second pull request.',
    };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  return outcomeOf(response.status, json);
}
