/**
 * The latest comments of a rolling feedback pull request, as blocks of its body: each is rendered
 * once, when its file is counted, and read back from the body after that, so that a submission
 * renders only its own. A hidden line before each block says which entry it quotes (when it was
 * given, and its file), which is how a new comment finds its place among them.
 */
import type { FeedbackEntry } from '../schemas/feedback.ts';
import { code, quoteBlock } from '../lib/markdown.ts';
import { formatDate } from '../lib/dates.ts';
import { subjectOf } from './feedback-state.ts';

/** Comments quoted in the body at most; the rest are in the files. */
export const LATEST_COMMENTS = 10;
/**
 * Characters of one block at most: a comment of 2,000 characters escapes to 12,000 at most, its
 * line before to a few hundred. A longer block was not written by the portal, and is left out.
 */
const BLOCK_MAX = 13_000;

export interface CommentBlock {
  /** When the entry was given, ISO 8601. */
  submitted: string;
  path: string;
  /** The block as the body shows it: a line naming the page, rating and date, then the quote. */
  text: string;
}

/** Newest first; entries given at the same time in path order. */
export const newestFirst = (a: CommentBlock, b: CommentBlock) => Date.parse(b.submitted) - Date.parse(a.submitted) || a.path.localeCompare(b.path);

export function commentBlock(entry: FeedbackEntry, path: string): CommentBlock {
  const contact = entry.contact ? `, contact ${code(entry.contact)}` : '';
  const header = `**${code(subjectOf(entry))}**, ${entry.rating}/5 (${entry.category}), ${formatDate(entry.submitted)}${contact}:`;
  return { submitted: entry.submitted.toISOString(), path, text: `${header}\n\n${quoteBlock(entry.message)}` };
}

const PREFIX = 'portal-feedback-comment:';
const KEY_LINE = /^<!-- portal-feedback-comment: (\{[^<>\n]*\}) -->$/;

export function formatBlock(block: CommentBlock): string {
  const key = JSON.stringify({ submitted: block.submitted, path: block.path }).replace(/[<>]/g, (c) => (c === '<' ? '\\u003c' : '\\u003e'));
  return `<!-- ${PREFIX} ${key} -->\n${block.text}`;
}

function keyOf(line: string): { submitted: string; path: string } | undefined {
  const match = line.match(KEY_LINE);
  if (!match) return undefined;
  try {
    const key: unknown = JSON.parse(match[1]!);
    if (typeof key !== 'object' || key === null) return undefined;
    const { submitted, path } = key as Record<string, unknown>;
    if (typeof submitted !== 'string' || typeof path !== 'string' || Number.isNaN(Date.parse(submitted)) || path.length > 1000) return undefined;
    return { submitted, path };
  } catch {
    return undefined;
  }
}

/**
 * The blocks of a body, newest first, at most LATEST_COMMENTS. A block is its hidden line, one
 * line of text, an empty line and the quote's lines; anything else (an edit by hand) is left out.
 */
export function parseBlocks(body: string | null | undefined): CommentBlock[] {
  const lines = (body ?? '').split('\n');
  const blocks: CommentBlock[] = [];
  const paths = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    const key = lines[i]!.startsWith('<!-- portal-feedback-comment:') ? keyOf(lines[i]!) : undefined;
    if (!key) continue;
    const header = lines[i + 1];
    if (header === undefined || header === '' || header.startsWith('>') || lines[i + 2] !== '') continue;
    let end = i + 3;
    while (end < lines.length && lines[end]!.startsWith('>')) end++;
    if (end === i + 3) continue;
    const text = lines.slice(i + 1, end).join('\n');
    if (text.length <= BLOCK_MAX && !paths.has(key.path)) {
      paths.add(key.path);
      blocks.push({ ...key, text });
    }
    i = end - 1;
  }
  return blocks.sort(newestFirst).slice(0, LATEST_COMMENTS);
}

/** `blocks` with `added` among them, newest first, at most LATEST_COMMENTS; a file quoted already is quoted once. */
export function withBlocks(blocks: readonly CommentBlock[], added: readonly CommentBlock[]): CommentBlock[] {
  const byPath = new Map([...blocks, ...added].map((block) => [block.path, block]));
  return [...byPath.values()].sort(newestFirst).slice(0, LATEST_COMMENTS);
}
