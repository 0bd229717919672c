/**
 * Request bodies are checked with zod and refused with the words GitHub's JSON-schema validator
 * uses ("Invalid request.\n\n\"sha\" wasn't supplied.", "For 'properties/content', 5 is not a
 * string."), so clients see the same 422 answers as from api.github.com.
 */
import type { z } from 'zod';
import { GitHubError, problems } from './errors.ts';

const ARTICLE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses `body` (undefined when the request had none) or throws GitHub's 422 answer. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const input = body === undefined ? {} : body;
  if (!isPlainObject(input)) throw problems.notAnObject(input);
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const missing = issues
    .filter((issue) => issue.code === 'invalid_type' && issue.path.length === 1 && issue.input === undefined)
    .map((issue) => String(issue.path[0]));
  if (missing.length === 1) throw problems.notSupplied(missing[0] ?? '');
  if (missing.length > 1) {
    throw new GitHubError(422, `Invalid request.\n\n${missing.map((name) => `"${name}"`).join(', ')} weren't supplied.`);
  }
  const first = issues[0];
  const field = first?.path.join('/') ?? '';
  if (first?.code === 'invalid_type') {
    throw problems.wrongType(field, first.input, ARTICLE[first.expected] ?? first.expected);
  }
  if (first?.code === 'invalid_value') throw problems.invalidValue(field, first.input);
  throw new GitHubError(422, `Invalid request.\n\nFor 'properties/${field}', ${first?.message ?? 'the value is invalid'}.`);
}
