import { emailKey } from '../lib/people.ts';
import { PeopleFileSchema } from '../schemas/person.ts';
import type { PagesContext } from './pages.ts';

/**
 * The GitHub login of the person asking, from the directory deployed with the site
 * (/people.json, made from content/people/); undefined when the directory does not know their email.
 */
export async function loginOf({ request, env }: PagesContext, email: string): Promise<string | undefined> {
  const response = await env.ASSETS.fetch(new URL('/people.json', request.url));
  // A site built before the directory existed has no file: nobody is known, and the note says so.
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`/people.json answered ${response.status}; build the site before starting the functions`);
  const { logins } = PeopleFileSchema.parse(await response.json());
  const key = await emailKey(email);
  return Object.hasOwn(logins, key) ? logins[key] : undefined;
}
