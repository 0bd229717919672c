/**
 * Whole files: the state a builder starts from, a new file from a template, a deletion.
 */
import type { z } from 'zod';
import { problemsFromZod } from '../lib/problems.ts';
import { RequestRefused, type FileContent, type FileDeletion, type RepoFile } from '../requests/types.ts';
import { toData } from './data.ts';
import { blockText } from './render.ts';
import { readBack, readBackProblem } from './splices.ts';
import { ChangeNotApplied, refuse } from './refusals.ts';
import type { FileState } from './yaml-file.ts';

/** The file at `path` as the base branch has it (read by the request type's `reads`), for a builder to start from. */
export function fileIn(files: ReadonlyMap<string, RepoFile>, path: string): FileState {
  const file = files.get(path);
  return { path, content: file?.content, previousSha: file?.sha };
}

/** A new YAML file: a value, checked against `schema` when one is given, under a comment. */
export interface YamlTemplate<S extends z.ZodType = z.ZodType> {
  value: z.input<S>;
  schema?: S | undefined;
  /** Text for comment lines at the top, one per line of the text. */
  comment?: string | undefined;
}

const isYamlPath = (path: string) => /\.ya?ml$/i.test(path);

/**
 * Comment lines: each line of the text after `# `. Every kind of line break starts a new comment
 * line (a YAML 1.1 reader ends a line at NEL, LS and PS too, and would read what follows as YAML);
 * other control characters become spaces.
 */
function commentLines(text: string): string {
  return text
    .split(/\r\n|[\n\r\u0085\u2028\u2029]/)
    .map((line) => line.replace(/[\u0000-\u001f\u007f-\u009f\ufeff]/g, ' ').trimEnd())
    .map((line) => (line === '' ? '#' : `# ${line}`))
    .join('\n');
}

/**
 * Adds a file that must not exist yet: `content` as it is, or a YAML template written by `yaml`
 * (`lineWidth: 0`: no folded lines), its comment at the top and a blank line before the value.
 * Refuses (RequestRefused, conflict) when the file exists; a template whose value fails its schema
 * is refused as unprocessable, with the schema's problems on the file.
 */
export function addFile<S extends z.ZodType>(file: FileState, content: string | YamlTemplate<S>): FileContent {
  if (typeof file.content === 'string') {
    throw refuse('conflict', file.path, [], `${file.path} already exists.`, 'the file exists on the base branch; change it instead of adding it');
  }
  const base = { path: file.path, ...(file.previousSha === undefined ? {} : { previousSha: file.previousSha }) };
  if (typeof content === 'string') {
    const read = isYamlPath(file.path) ? readBack(content) : undefined;
    if (read && 'problem' in read) throw new ChangeNotApplied(file.path, `the new file cannot be read: ${read.problem}; nothing was written`);
    return { ...base, content };
  }
  if (content.schema) {
    const parsed = content.schema.safeParse(content.value);
    if (!parsed.success) {
      const problems = problemsFromZod(parsed.error, { file: file.path, schema: content.schema });
      const first = problems[0]!;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
      throw new RequestRefused('unprocessable', `The new ${file.path} would not pass its schema: ${first.path ? `${first.path}: ` : ''}${first.message}${more}`, problems);
    }
  }
  const value = toData(content.value);
  const text = (quoteAll: boolean) => {
    const body = blockText(value, { step: 2, indentSeq: true }, quoteAll);
    return content.comment === undefined ? body : `${commentLines(content.comment)}\n\n${body}`;
  };
  // As yaml writes it; failing that (a block scalar it cannot take back), every string double-quoted.
  let problem: string | undefined;
  for (const quoteAll of [false, true]) {
    const written = text(quoteAll);
    problem = readBackProblem(written, value);
    if (problem === undefined) return { ...base, content: written };
  }
  throw new ChangeNotApplied(file.path, `the new file does not read back as its value: ${problem}; nothing was written`);
}

/** Deletes a file that exists on the base branch. Refuses (RequestRefused, not-found) one that does not. */
export function removeFile(file: FileState): FileDeletion {
  if (typeof file.content !== 'string' || file.previousSha === undefined) {
    throw refuse('not-found', file.path, [], `${file.path} does not exist.`, 'the file does not exist on the base branch; there is nothing to remove');
  }
  return { path: file.path, content: null, previousSha: file.previousSha };
}
