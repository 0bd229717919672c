import { AstroError } from 'astro/errors';

/**
 * An error Astro prints as our words alone: its CLI adds a stack trace to any error that has one,
 * and a stack into the portal's code tells a person fixing a YAML file or a config field nothing.
 */
export function userError(name: string, message: string, hint?: string): AstroError {
  const error = new AstroError(message, hint);
  error.name = name;
  error.stack = '';
  return error;
}
