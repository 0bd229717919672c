/**
 * The check of a form that carries its request type's zod schema (onboarding, capacity, feedback):
 * the parsed request, or its problems worded for each field as the server words them. A module of
 * its own, so that a form made from a JSON Schema (SchemaForm) loads neither zod nor its wording.
 */
import type { z } from 'zod';
import { problemsFromZod } from '../lib/problems.ts';
import type { Checked } from './use-request-form.ts';

export function zodCheck(schema: z.ZodType): (request: unknown) => Checked {
  return (request) => {
    const result = schema.safeParse(request);
    // Worded for each field from the schema: "Give the team or product name as people say it."
    return result.success ? { success: true, data: result.data } : { success: false, problems: problemsFromZod(result.error, { schema }) };
  };
}
