import type { z } from 'zod';
import { formatProblems, problemsFromZod } from '../lib/problems.ts';
import { RequestTypeEntrySchema } from '../schemas/request-type-entry.ts';
import type { RequestType } from './types.ts';

/** Thrown by defineRequestType for a definition that cannot work; its message names each field. */
export class RequestTypeError extends Error {
  override name = 'RequestTypeError';
}

/**
 * A request type of the site's own, for `requests.types` in portal.config.ts: a zod schema of what
 * a person asks, the files of the base branch it reads, and a pure `build` that turns a request
 * into the pull request's files, title and body (with the change builders of
 * `platform-portal/requests`). Checked as it is defined: its shape, and its example against its
 * schema, so a mistake stops the build, the functions and `platform-portal check` alike.
 */
export function defineRequestType<S extends z.ZodType>(definition: RequestType<S>): RequestType<S> {
  const name = typeof definition?.type === 'string' ? `"${definition.type}"` : 'without a name';
  const shape = RequestTypeEntrySchema.safeParse(definition);
  if (!shape.success) {
    const problems = problemsFromZod(shape.error);
    throw new RequestTypeError(formatProblems(`The request type ${name} has ${problems.length} problem(s):`, problems));
  }
  const example = definition.schema.safeParse(definition.example);
  if (!example.success) {
    const problems = problemsFromZod(example.error, { file: 'example', schema: definition.schema });
    throw new RequestTypeError(formatProblems(`The example of the request type ${name} does not pass its own schema; fix the example or the schema:`, problems));
  }
  return definition;
}
