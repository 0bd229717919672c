/**
 * What a request's pull request will contain, computed before it is sent: the request type's own
 * pure `build()` with a browser-made context, and a unified diff of each file it writes. The
 * preview never invents what only the server knows: no pull request number, and the submission's
 * id and the requester's hash are shown as placeholders.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { z } from 'zod';
import type { Service } from '../schemas/service.ts';
import { RequestRefused, type BuildContext, type Change, type RepoFile, type RequestType } from '../requests/types.ts';

/**
 * Hex stand-ins: the marker in every body must parse as hex (RequestMarkerSchema), and builders
 * cut the id (`slice(0, 12)`, `slice(0, 16)`) into comments and paths. Each cut is replaced by
 * a readable placeholder afterwards.
 */
const PREVIEW_REQUEST_ID = 'feedfacecafebeef0123456789abcdef';
const PREVIEW_REQUESTER_HASH = 'abcdef0123456789feedfacecafebeef';
export const ID_PLACEHOLDER = '<request-id>';
export const REQUESTER_PLACEHOLDER = '<your-id>';

export interface PreviewOptions {
  catalog: ReadonlyMap<string, Service>;
  config: BuildContext['config'];
  now: Date;
}

/** The ids a preview builds with, shown afterwards as placeholders: the server's preview uses them too. */
export const PREVIEW_IDS = { requestId: PREVIEW_REQUEST_ID, requesterHash: PREVIEW_REQUESTER_HASH } as const;

/** The context the function would build, with what only the server knows left as placeholders. */
export function previewContext({ catalog, config, now }: PreviewOptions): BuildContext {
  return {
    requestId: PREVIEW_REQUEST_ID,
    requesterHash: PREVIEW_REQUESTER_HASH,
    requester: { email: 'you' },
    now,
    catalog,
    config,
  };
}

function readable(text: string): string {
  return text
    .replaceAll(PREVIEW_REQUESTER_HASH, REQUESTER_PLACEHOLDER)
    .replaceAll(PREVIEW_REQUEST_ID, ID_PLACEHOLDER)
    .replaceAll(PREVIEW_REQUEST_ID.slice(0, 16), ID_PLACEHOLDER)
    .replaceAll(PREVIEW_REQUEST_ID.slice(0, 12), ID_PLACEHOLDER);
}

export interface PreviewFile {
  path: string;
  /** `added` when the base branch has no such file; `deleted` when the change removes it. */
  status: 'added' | 'modified' | 'deleted';
  /** Full new content of the file (empty for a deletion). */
  content: string;
  /** Unified diff from the base branch's file (or from nothing) to the new content (or to nothing). */
  diff: string;
}

export interface Preview {
  title: string;
  /** Markdown source of the pull request body. */
  body: string;
  branch: string;
  labels: string[];
  commitMessage: string;
  files: PreviewFile[];
}

export type PreviewResult = { ok: true; preview: Preview } | { ok: false; refused: RequestRefused };

/** Unified diff with file headers only (no `Index:` banner), as `git diff` shows it; undefined: no such file. */
export function unifiedDiff(path: string, before: string | undefined, after: string | undefined): string {
  return createTwoFilesPatch(before === undefined ? '/dev/null' : `a/${path}`, after === undefined ? '/dev/null' : `b/${path}`, before ?? '', after ?? '', undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
}

/**
 * Builds the change as the function would and describes it. A request the repository cannot take
 * (RequestRefused: a taken slug, a value above the maximum) comes back as `refused`, with its
 * problems for the fields; anything else thrown is a bug and propagates.
 */
export function buildPreview<S extends z.ZodType>(
  type: RequestType<S>,
  request: z.output<S>,
  files: ReadonlyMap<string, RepoFile>,
  context: BuildContext,
): PreviewResult {
  let change;
  try {
    change = type.build(request, files, context);
  } catch (error) {
    if (error instanceof RequestRefused) return { ok: false, refused: error };
    throw error;
  }
  return { ok: true, preview: describeChange(change, files) };
}

/** A change as a person reviews it: texts with the placeholders, and each file with its diff from the base branch. */
export function describeChange(change: Change, files: ReadonlyMap<string, RepoFile>): Preview {
  return {
    title: readable(change.title),
    body: readable(change.body),
    branch: readable(change.branch),
    labels: change.labels,
    commitMessage: readable(change.commitMessage),
    files: change.files.map((file) => {
      const path = readable(file.path);
      const before = files.get(file.path)?.content;
      if (file.content === null) return { path, status: 'deleted' as const, content: '', diff: unifiedDiff(path, before, undefined) };
      const content = readable(file.content);
      return { path, status: before === undefined ? ('added' as const) : ('modified' as const), content, diff: unifiedDiff(path, before, content) };
    }),
  };
}
