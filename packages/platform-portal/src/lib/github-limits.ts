/**
 * How long a pull request's texts and files may be, measured as GitHub measures them, so that a
 * change is refused before anything is written instead of leaving a branch GitHub will not open a
 * pull request for. Pure: the request edge, the plumbing and the builders read the same figures.
 */
import type { Change } from '../requests/types.ts';

export interface ChangeLimits {
  /** Characters (code points). */
  title: number;
  /** Characters (code points). */
  body: number;
  /** Characters (code points). */
  commitMessage: number;
  /** UTF-8 bytes of one file. */
  fileBytes: number;
}

/**
 * What GitHub itself refuses. GitHub documents neither text limit; its 422 names both:
 * "title is too long (maximum is 256 characters)" (googleapis/repo-automation-bots#1895) and
 * "body is too long (maximum is 65536 characters)" (renovatebot/renovate#2032), counted in
 * characters as Rails counts them. Files: "the Create or update file contents endpoint has a file
 * size limit of 100 MB" (github.blog/changelog/2022-05-03-increased-file-size-limit-when-retrieving-file-contents-via-rest-api);
 * 100,000,000 bytes, the smaller reading of "MB". GitHub documents no limit for a commit message
 * (nor does git): the portal holds every message to 4,096 characters, ten times the longest a
 * built-in request writes, since a message stays in the history where nobody can edit it away.
 */
export const GITHUB_LIMITS: ChangeLimits = {
  title: 256,
  body: 65_536,
  commitMessage: 4096,
  fileBytes: 100_000_000,
};

/**
 * What a request (POST /api/requests/{type}) may write: GitHub's limits, and files of 1 MiB at
 * most. A request body is 32 KiB at most, so its file is a few KiB; 1 MiB is what the contents
 * API still sends inline, so every read of a request's file back (a retry comparing what is on
 * the branch, a rolling pull request's summary) stays one call, and a Worker holds little in memory.
 * The usage export writes larger files under GITHUB_LIMITS and reads them through the blob API.
 */
export const REQUEST_LIMITS: ChangeLimits = { ...GITHUB_LIMITS, fileBytes: 1024 * 1024 };

/** Characters as GitHub counts them: code points, so an emoji is one, not two UTF-16 units. */
export function characters(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

/** UTF-8 length without encoding the text. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** One part of a change that GitHub (or the portal) would refuse. */
export interface Oversize {
  /** `title`, `body`, `commitMessage`, or the path of a file. */
  part: string;
  /** The part's text, for the edge to find which request field fills it. */
  text: string;
  size: number;
  limit: number;
  unit: 'characters' | 'bytes';
}

/** Every part of `change` over `limits`, in the order a reader meets them; empty when it fits. */
export function oversizedParts(change: Pick<Change, 'title' | 'body' | 'commitMessage' | 'files'>, limits: ChangeLimits): Oversize[] {
  const over: Oversize[] = [];
  const texts = [
    ['title', change.title, limits.title],
    ['body', change.body, limits.body],
    ['commitMessage', change.commitMessage, limits.commitMessage],
  ] as const;
  for (const [part, text, limit] of texts) {
    const size = characters(text);
    if (size > limit) over.push({ part, text, size, limit, unit: 'characters' });
  }
  for (const file of change.files) {
    // A deletion writes nothing.
    if (file.content === null) continue;
    const size = utf8Bytes(file.content);
    if (size > limits.fileBytes) over.push({ part: file.path, text: file.content, size, limit: limits.fileBytes, unit: 'bytes' });
  }
  return over;
}
