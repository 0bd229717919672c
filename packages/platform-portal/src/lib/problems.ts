import type { z } from 'zod';

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

/** `a, b or c`. */
function listOf(values: readonly unknown[]): string {
  const words = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words.at(-1)}` : (words[0] ?? '');
}

/**
 * One issue in words that say what to do. A schema's own messages already do; zod's defaults for a
 * missing field, a value outside a list and an unknown field are reworded, anything else kept.
 */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: remove or rename`;
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return 'is missing: add it';
  if (issue.code === 'invalid_value' && issue.message.startsWith('Invalid option')) return `must be one of ${listOf(issue.values)}`;
  // A key of a record that its key schema refused: that schema's own words, not "Invalid key in record".
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return issue.issues.map(issueMessage).join('; ');
  return issue.message;
}

/** zod issues as problems, one per field. */
export function problemsFromZod(error: z.ZodError, file?: string): Problem[] {
  return error.issues.map((issue) => ({ file, path: pathToString(issue.path), message: issueMessage(issue) }));
}

/** `content/tenants/acme.yaml → services.kafka.storage_gb: 900 is above the maximum 500`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.path].filter(Boolean).join(' → ');
  return where ? `${where}: ${p.message}` : p.message;
}

export function formatProblems(headline: string, problems: Problem[]): string {
  return [headline, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}
