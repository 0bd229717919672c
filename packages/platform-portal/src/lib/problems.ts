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

/** zod issues as problems, one per field; zod's own wording, except for unknown fields. */
export function problemsFromZod(error: z.ZodError, file?: string): Problem[] {
  return error.issues.map((issue) => ({
    file,
    path: pathToString(issue.path),
    message:
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}: remove or rename`
        : issue.message,
  }));
}

/** `content/tenants/acme.yaml → services.kafka.storage_gb: 900 is above the maximum 500`. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.path].filter(Boolean).join(' → ');
  return where ? `${where}: ${p.message}` : p.message;
}

export function formatProblems(headline: string, problems: Problem[]): string {
  return [headline, ...problems.map((p) => `  - ${formatProblem(p)}`)].join('\n');
}
