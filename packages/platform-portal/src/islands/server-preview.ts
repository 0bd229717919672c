/**
 * POST /api/requests/{type}/preview: the pull request a request would open, made by the server with
 * the type's own builder against the base branch as it is now. The forms made from a JSON Schema
 * preview through it, since the page carries neither the type's code nor zod. The answers are those
 * of POST /api/requests/{type} (src/http/problems.ts), without anything written.
 */
import type { Preview, PreviewResult } from '../lib/preview.ts';
import { RequestRefused } from '../requests/types.ts';
import type { FieldProblem } from './submit-request.ts';

export type ServerPreview =
  /** The preview, or the repository's refusal (a taken name, a missing file) with its fields. */
  | { kind: 'made'; result: PreviewResult }
  /** No preview: the portal was unreachable, busy or refused the person; the button tries again. */
  | { kind: 'failed'; title: string; detail: string };

const REFUSALS: Record<number, RequestRefused['kind']> = { 404: 'not-found', 409: 'conflict', 422: 'unprocessable' };

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? value : fallback);

function isPreview(value: unknown): value is Preview {
  const p = value as Partial<Preview> | null;
  return !!p && typeof p.title === 'string' && typeof p.body === 'string' && typeof p.branch === 'string' && Array.isArray(p.labels) && Array.isArray(p.files);
}

function fieldProblems(value: unknown): FieldProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e) => (e && typeof e.path === 'string' && typeof e.message === 'string' ? [{ path: e.path, message: e.message }] : []));
}

/** Reads the answer; `body` is whatever JSON came back, or undefined when there was none. */
export function previewOutcome(status: number, body: unknown): ServerPreview {
  if (status === 200 && isPreview(body)) return { kind: 'made', result: { ok: true, preview: body } };
  const problem = (body && typeof body === 'object' ? body : {}) as { title?: unknown; detail?: unknown; errors?: unknown };
  const title = text(problem.title, `The portal answered ${status}`);
  const detail = text(problem.detail, 'Try again in a moment.');
  const errors = fieldProblems(problem.errors);
  const refusal = REFUSALS[status];
  // Field problems go onto the fields, as a submission's would.
  if (refusal && errors.length > 0) return { kind: 'made', result: { ok: false, refused: new RequestRefused(refusal, detail, errors) } };
  if (status === 200) return { kind: 'failed', title: 'The answer was not understood', detail: 'The portal answered without a preview. Try again.' };
  return { kind: 'failed', title, detail };
}

/** Asks for the preview of one body. Never throws: a network failure is a `failed`. */
export async function fetchPreview(type: string, body: string): Promise<ServerPreview> {
  let response: Response;
  try {
    response = await fetch(`/api/requests/${encodeURIComponent(type)}/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
      body,
      credentials: 'same-origin',
    });
  } catch {
    return { kind: 'failed', title: 'The portal could not be reached', detail: 'Check your connection and try again; your answers are kept in this browser.' };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  return previewOutcome(response.status, json);
}
