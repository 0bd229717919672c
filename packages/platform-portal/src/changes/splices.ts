/**
 * Edits as splices of the source text, and the check that the spliced text reads back as the
 * change meant: a builder never returns text it has not parsed again. Outside a splice, every byte
 * of the file is the one that was there.
 */
import { parseAllDocuments } from 'yaml';
import { sameData } from './data.ts';
import { ChangeNotApplied } from './refusals.ts';
import type { YamlFile } from './yaml-file.ts';

/** Replaces `source.slice(start, end)` with `text`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

export function applySplices(source: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let text = source;
  let limit = source.length;
  for (const s of sorted) {
    if (s.start < 0 || s.start > s.end || s.end > limit) throw new RangeError(`overlapping or out-of-range splice ${s.start}..${s.end}`);
    text = text.slice(0, s.start) + s.text + text.slice(s.end);
    limit = s.start;
  }
  return text;
}

/**
 * Lines (written with `\n`, each ending in one) inserted at `at`, in the file's line ending. At the
 * end of a file without a final line break, they go on a new line and the file still ends without one.
 */
export function insertLines(file: YamlFile, at: number, lines: string): Splice {
  const text = lines.replaceAll('\n', file.eol);
  const { source } = file;
  if (at === source.length && source.length > 0 && !source.endsWith('\n')) return { start: at, end: at, text: file.eol + text.slice(0, -file.eol.length) };
  return { start: at, end: at, text };
}

/** The data YAML text holds, or why it cannot be read: not valid, several documents, aliases without end. */
export function readBack(text: string): { data: unknown } | { problem: string } {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return { data: null };
  if (docs.length > 1) return { problem: 'it holds several YAML documents' };
  const doc = docs[0];
  if (doc === undefined) return { data: null };
  if (doc.errors.length > 0) return { problem: `it is not valid YAML (${doc.errors[0]!.message.split('\n')[0]})` };
  try {
    return { data: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (error) {
    return { problem: `it cannot be read (${(error as Error).message})` };
  }
}

/** Why text does not read back as `expected`, or undefined when it does. */
export function readBackProblem(text: string, expected: unknown): string | undefined {
  const read = readBack(text);
  if ('problem' in read) return read.problem;
  return sameData(read.data, expected) ? undefined : 'it reads back as other data than the change meant';
}

/**
 * The first attempt whose text reads back as `expected`: attempts go from the most faithful to the
 * file's style to the plainest (every string double-quoted). None: ChangeNotApplied.
 */
export function firstThatReadsBack(file: YamlFile, doing: string, expected: unknown, attempts: readonly (() => Splice[])[]): string {
  let problem = 'nothing was tried';
  for (const attempt of attempts) {
    const text = applySplices(file.source, attempt());
    const found = readBackProblem(text, expected);
    if (found === undefined) return text;
    problem = found;
  }
  throw new ChangeNotApplied(file.path, `${doing} gave text that does not read back: ${problem}; nothing was written`);
}
