/**
 * A person of the portal's directory, content/people/<github-login>.yaml: the email they sign in
 * with, so that the portal knows the GitHub login of whoever asks (a request by someone who is not
 * among the owners of what it changes says so at the top of its pull request).
 */
import { z } from 'zod';
import { EmailSchema } from './email.ts';
import { singleLine } from './text.ts';

export const PersonSchema = z
  .object({
    name: singleLine('name').min(1).max(100).describe('Name as colleagues say it.'),
    email: EmailSchema.describe('Email the person signs in to the portal with (the identity provider’s).'),
  })
  .strict();

export type Person = z.output<typeof PersonSchema>;

/** GitHub logins by the SHA-256 of the sign-in email (lib/people.ts emailKey): what the functions read from /people.json. */
export const PeopleFileSchema = z.object({ logins: z.record(z.string(), z.string()) });
export type PeopleFile = z.output<typeof PeopleFileSchema>;
