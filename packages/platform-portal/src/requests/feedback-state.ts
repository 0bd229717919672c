/**
 * What the body of a rolling feedback pull request remembers of the files it counted, so that a
 * submission adds its own entry instead of reading every file again (issue 32, "CPU"): totals, the
 * figures by page or area, the files that are not feedback, and the commit up to which the branch
 * was counted. It is hidden at the end of the body, where anyone who may edit the pull request can
 * change it: every read checks it, a state that does not add up is rebuilt from the files, and it
 * is trusted for nothing but the summary.
 */
import { z } from 'zod';
import { FeedbackCategorySchema, type FeedbackEntry } from '../schemas/feedback.ts';
import { normalizedPage, worstFirst, type Ratings } from '../lib/feedback-stats.ts';

/** Files that are not feedback, named at most (the rest are counted). */
export const UNREADABLE_SHOWN = 20;
/** Characters of the state's JSON for subjects by name, lowest rated first; the others are kept by hash. */
const NAMED_BUDGET = 12_000;
/** Characters of the state's JSON for all subjects; past it, subjects are counted together as `rest`. */
const SUBJECTS_BUDGET = 20_000;
/** Characters of a file's path as the state keeps it (a path pushed by hand can be long). */
const PATH_BUDGET = 200;

const Count = z.number().int().min(0).max(10_000_000);
const Sha = z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/);

const StateObjectSchema = z.strictObject({
    v: z.literal(1).describe('Version of this state.'),
    at: Sha.optional().describe('The commit of the branch whose history is counted; absent: count the files again.'),
    n: Count.describe('Feedback entries counted.'),
    sum: Count.describe('Sum of their ratings.'),
    categories: z.partialRecord(FeedbackCategorySchema, Count).describe('Entries per category.'),
    commented: Count.describe('Entries with a message.'),
    subjects: z
      .array(z.tuple([z.string().min(1).max(220), Count.min(1), Count]))
      .max(5_000)
      .describe('Per page or area (or `#` and a hash of its name): entries and sum of ratings.'),
    rest: z.tuple([Count, Count, Count]).optional().describe('Subjects that did not fit: how many, their entries and sum of ratings.'),
    unreadable: z.tuple([Count, z.array(z.string().max(PATH_BUDGET + 1)).max(UNREADABLE_SHOWN)]).describe('Files that are not feedback: how many, and the first paths.'),
    listed: z.number().int().positive().optional().describe('The files were counted from a partial listing of this many.'),
});

type StateJson = z.output<typeof StateObjectSchema>;

const FeedbackStateSchema = StateObjectSchema.refine(addsUp, 'The figures do not add up.');

function addsUp(s: StateJson): boolean {
  const total = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const [restSubjects = 0, restN = 0, restSum = 0] = s.rest ?? [];
  const ratingsFit = (n: number, sum: number) => sum >= n && sum <= 5 * n;
  return (
    total(Object.values(s.categories)) === s.n &&
    total(s.subjects.map(([, n]) => n)) + restN === s.n &&
    total(s.subjects.map(([, , sum]) => sum)) + restSum === s.sum &&
    ratingsFit(s.n, s.sum) &&
    ratingsFit(restN, restSum) &&
    restN >= restSubjects &&
    s.subjects.every(([, n, sum]) => ratingsFit(n, sum)) &&
    new Set(s.subjects.map(([key]) => key)).size === s.subjects.length &&
    s.commented <= s.n &&
    s.unreadable[1].length <= s.unreadable[0]
  );
}

/** The figures of a feedback pull request, as counted so far. */
export interface Tally {
  at?: string | undefined;
  n: number;
  sum: number;
  categories: Map<string, number>;
  commented: number;
  /** By the page or area's name, or `#` and its hash when the name did not fit. */
  subjects: Map<string, { n: number; sum: number }>;
  rest: { subjects: number; n: number; sum: number };
  unreadable: { n: number; paths: string[] };
  listed?: number | undefined;
}

export const emptyTally = (): Tally => ({ n: 0, sum: 0, categories: new Map(), commented: 0, subjects: new Map(), rest: { subjects: 0, n: 0, sum: 0 }, unreadable: { n: 0, paths: [] } });

/** The page, or else the service or theme, a piece of feedback is about. */
export const subjectOf = (entry: FeedbackEntry) => (entry.page ? normalizedPage(entry.page) : (entry.area ?? 'unknown'));

/** cyrb53 (public domain): a 53-bit hash, plenty to tell a few thousand names apart. */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const hashed = (name: string) => `#${hash(name)}`;

export function addEntry(tally: Tally, entry: FeedbackEntry): void {
  tally.n += 1;
  tally.sum += entry.rating;
  tally.categories.set(entry.category, (tally.categories.get(entry.category) ?? 0) + 1);
  if (entry.message !== '') tally.commented += 1;
  const name = subjectOf(entry);
  // A subject kept by hash gets its name back with its next entry.
  const known = tally.subjects.get(name) ?? tally.subjects.get(hashed(name)) ?? { n: 0, sum: 0 };
  tally.subjects.delete(hashed(name));
  tally.subjects.set(name, { n: known.n + 1, sum: known.sum + entry.rating });
}

/**
 * A path as the state keeps it: at most PATH_BUDGET characters, none that JSON escapes or that
 * could end the hidden comment (a path pushed by hand can hold anything git takes).
 */
function keptPath(path: string): string {
  const plain = path.replace(/[<>"\\\u0000-\u001f\u007f-\u009f\u2028\u2029\uD800-\uDFFF]/g, '?');
  return plain.length > PATH_BUDGET ? `${plain.slice(0, PATH_BUDGET)}…` : plain;
}

/** Counts a file that is not feedback; the first UNREADABLE_SHOWN in path order are named. */
export function addUnreadable(tally: Tally, path: string): void {
  tally.unreadable.n += 1;
  const paths = [...tally.unreadable.paths, keptPath(path)].sort((a, b) => a.localeCompare(b));
  tally.unreadable.paths = paths.slice(0, UNREADABLE_SHOWN);
}

export const ratingsOfSubject = ({ n, sum }: { n: number; sum: number }): Ratings => ({ count: n, average: n === 0 ? 0 : sum / n });

/** Subjects lowest rated first, then by name: the order of the table and of the names kept. */
export function subjectsWorstFirst(tally: Tally): [string, { n: number; sum: number }][] {
  return [...tally.subjects].sort(([a, x], [b, y]) => worstFirst(ratingsOfSubject(x), ratingsOfSubject(y)) || a.localeCompare(b));
}

/**
 * The tally within the state's budget: names for the lowest rated subjects, hashes for the next,
 * the others counted together. Only a pull request with hundreds of long page names gets here.
 */
export function withinBudget(tally: Tally): Tally {
  const subjects = new Map<string, { n: number; sum: number }>();
  const rest = { ...tally.rest };
  let chars = 0;
  for (const [key, figures] of subjectsWorstFirst(tally)) {
    const size = (name: string) => JSON.stringify([name, figures.n, figures.sum]).length + 1;
    const named = !key.startsWith('#') && chars + size(key) <= NAMED_BUDGET;
    const kept = named ? key : key.startsWith('#') ? key : hashed(key);
    if (chars + size(kept) <= SUBJECTS_BUDGET) {
      subjects.set(kept, figures);
      chars += size(kept);
    } else {
      rest.subjects += 1;
      rest.n += figures.n;
      rest.sum += figures.sum;
    }
  }
  return { ...tally, subjects, rest };
}

const PREFIX = 'portal-feedback-state:';
const PATTERN = /<!-- portal-feedback-state: (\{[^<>]*\}) -->/g;

/** The state as a hidden line; `<` and `>` escaped, so nothing in it can end the comment. */
export function formatState(tally: Tally): string {
  const json: StateJson = {
    v: 1,
    ...(tally.at ? { at: tally.at } : {}),
    n: tally.n,
    sum: tally.sum,
    categories: Object.fromEntries([...tally.categories].sort(([a], [b]) => a.localeCompare(b))),
    commented: tally.commented,
    subjects: subjectsWorstFirst(tally).map(([key, { n, sum }]) => [key, n, sum]),
    ...(tally.rest.n > 0 ? { rest: [tally.rest.subjects, tally.rest.n, tally.rest.sum] } : {}),
    unreadable: [tally.unreadable.n, tally.unreadable.paths],
    ...(tally.listed ? { listed: tally.listed } : {}),
  };
  return `<!-- ${PREFIX} ${JSON.stringify(json).replace(/[<>]/g, (c) => (c === '<' ? '\\u003c' : '\\u003e'))} -->`;
}

/** The state at the end of a body, or undefined when there is none or it does not check out. */
export function parseState(body: string | null | undefined): Tally | undefined {
  const last = [...(body ?? '').matchAll(PATTERN)].at(-1);
  if (!last) return undefined;
  let parsed;
  try {
    parsed = FeedbackStateSchema.safeParse(JSON.parse(last[1]!));
  } catch {
    return undefined;
  }
  if (!parsed.success) return undefined;
  const s = parsed.data;
  const [restSubjects, restN, restSum] = s.rest ?? [0, 0, 0];
  return {
    at: s.at,
    n: s.n,
    sum: s.sum,
    categories: new Map(Object.entries(s.categories).filter((e): e is [string, number] => e[1] !== undefined)),
    commented: s.commented,
    subjects: new Map(s.subjects.map(([key, n, sum]) => [key, { n, sum }])),
    rest: { subjects: restSubjects, n: restN, sum: restSum },
    unreadable: { n: s.unreadable[0], paths: s.unreadable[1] },
    listed: s.listed,
  };
}
