/**
 * A request's change sized against GitHub's limits after escaping, before anything is written:
 * each part over its limit is a problem naming the request field that fills most of it, so the
 * person shortens the right text. Works for every request type without knowing its builder.
 */
import { code, escapeInline, inert, quoteBlock } from '../lib/markdown.ts';
import { oversizedParts, REQUEST_LIMITS, type ChangeLimits, type Oversize } from '../lib/github-limits.ts';
import { formatNumber } from '../lib/numbers.ts';
import { pathToString, type Problem } from '../lib/problems.ts';
import { RequestRefused, type Change } from './types.ts';

/** Every string in the request, with its path as the API's errors write it (`owners[0]`). */
function strings(value: unknown, path: (string | number)[] = []): [string, string][] {
  if (typeof value === 'string') return [[pathToString(path), value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => strings(item, [...path, key]));
  return [];
}

/** How much of `text` a value fills: its longest form (quoted, escaped, inert, code span, as typed) found there. */
function room(value: string, text: string): number {
  if (value.length < 2) return 0;
  const forms = [quoteBlock(value), escapeInline(value), inert(value), code(value), value];
  return Math.max(0, ...forms.filter((form) => text.includes(form)).map((form) => form.length));
}

const PART_NAMES: Record<string, string> = { title: "pull request's title", body: "pull request's description", commitMessage: 'commit message' };

function describe(over: Oversize): string {
  const part = PART_NAMES[over.part] ?? `file ${over.part}`;
  return `the ${part} would be ${formatNumber(over.size)} ${over.unit} once made safe for GitHub, above the ${formatNumber(over.limit)} GitHub takes`;
}

/** A problem per part of `change` over `limits`, on the field that fills most of it; empty when it fits. */
export function fitProblems(change: Pick<Change, 'title' | 'body' | 'commitMessage' | 'files'>, request: unknown, limits: ChangeLimits = REQUEST_LIMITS): Problem[] {
  const fields = strings(request);
  return oversizedParts(change, limits).map((over) => {
    const [largest] = fields.map(([path, value]) => ({ path, room: room(value, over.text) })).sort((a, b) => b.room - a.room);
    if (!largest || largest.room === 0) return { path: '', message: `The request is too long: ${describe(over)}; shorten its longest texts.` };
    return { path: largest.path, message: `Too long: ${describe(over)}, and this field takes ${formatNumber(largest.room)} of them; shorten it.` };
  });
}

/** Throws a 422 naming the fields when the change would not fit, before the plumbing writes anything. */
export function assertFits(change: Change, request: unknown, limits: ChangeLimits = REQUEST_LIMITS): void {
  const problems = fitProblems(change, request, limits);
  if (problems.length > 0) throw new RequestRefused('unprocessable', 'The request is longer than GitHub takes once made safe; shorten the fields named.', problems);
}
