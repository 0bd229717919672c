import type { APIRoute } from 'astro';
import { getSiteData } from '../data/site-data.ts';
import { loginsByEmail } from '../lib/people.ts';
import type { PeopleFile } from '../schemas/person.ts';

/** Who is who for the requests API: the GitHub login of each sign-in email of content/people/, keyed by its hash. */
export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const file: PeopleFile = { logins: await loginsByEmail(data.people) };
  return new Response(JSON.stringify(file), { headers: { 'content-type': 'application/json' } });
};
