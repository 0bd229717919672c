import { z } from 'zod';

/** Lowercase letters, digits and single hyphens: safe in a path, a URL and a branch name. */
export const SlugSchema = z
  .string()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens, e.g. checkout-api.');
