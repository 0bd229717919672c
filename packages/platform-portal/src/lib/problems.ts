import type { z } from 'zod';
import { fieldMessages } from './field-messages.ts';

/** One thing wrong with one field of one file, worded for the person who will fix it. */
export interface Problem {
  /** File the value is in, from the repository root, e.g. content/tenants/acme.yaml. */
  file?: string | undefined;
  /** Dotted path of the field, e.g. services.kafka.storage_gb. */
  path: string;
  message: string;
  /** A warning is said but stops nothing: the value is ignored. Problems are errors unless they say so. */
  severity?: 'warning';
}

export const isWarning = (p: Problem): boolean => p.severity === 'warning';

export function pathToString(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** Where zod issues came from: the file named in each problem, the schema whose fields word the messages. */
export interface ProblemSource {
  /** File the value is in, from the repository root. */
  file?: string | undefined;
  /** The schema the value was parsed with: its fields' titles and descriptions name them (lib/field-words.ts). */
  schema?: z.core.$ZodType | undefined;
}

/**
 * zod issues as problems, one sentence each that says what to do, worded for the field. A
 * schema's own messages are kept; zod's defaults ("Invalid input: expected string, received
 * undefined", "Too small: expected string to have >=2 characters") are said again for the field
 * (lib/field-messages.ts). A string for `source` is the file.
 */
export function problemsFromZod(error: z.ZodError, source: ProblemSource | string = {}): Problem[] {
  const { file, schema } = typeof source === 'string' ? { file: source, schema: undefined } : source;
  // A value of the wrong type fails its other checks too ("Too small" of a number given for a
  // string): the first issue of a path that has the wrong type says all there is.
  const wrongType = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = pathToString(issue.path);
    if (wrongType.has(path)) continue;
    if (issue.code === 'invalid_type') wrongType.add(path);
    for (const said of fieldMessages(issue, schema)) problems.push({ file, path: pathToString(said.path), message: said.message });
  }
  return problems;
}

/** `content/tenants/acme.yaml → services.kafka.storage_gb: 900 is above the maximum 500`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.path].filter(Boolean).join(' → ');
  return where ? `${where}: ${p.message}` : p.message;
}

export function formatProblems(headline: string, problems: Problem[]): string {
  return [headline, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}
