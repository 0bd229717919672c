/**
 * The check of a form that has its request type's zod schema (onboarding, capacity, feedback):
 * the parsed request, or its problems worded for each field as the server words them. A module of
 * its own, loaded with the schema when the person starts on the form (catalog.ts `loadCheck`), so
 * that no form page loads zod or its wording up front.
 */
import type { z } from 'zod';
import { problemsFromZod } from '../lib/problems.ts';
import type { Check } from './use-request-form.ts';

export function zodCheck(schema: z.ZodType): Check {
  return (request) => {
    const result = schema.safeParse(request);
    // Worded for each field from the schema: "Give the team or product name as people say it."
    return result.success ? { success: true, data: result.data } : { success: false, problems: problemsFromZod(result.error, { schema }) };
  };
}
