/**
 * The directory of people (content/people/<github-login>.yaml): each file is named by a GitHub
 * login, and each email names one person, so that an email leads to one login.
 */
import { GitHubLoginSchema } from '../schemas/github-login.ts';
import type { Person } from '../schemas/person.ts';
import type { Problem } from './problems.ts';

interface PersonEntry {
  id: string;
  file: string;
  data: Person;
}

export function peopleProblems(people: readonly PersonEntry[]): Problem[] {
  const problems: Problem[] = [];
  const byEmail = new Map<string, string>();
  for (const { id, file, data } of people) {
    if (!GitHubLoginSchema.safeParse(id).success || id.endsWith('[bot]')) {
      problems.push({ file, path: '(file name)', message: `"${id}" is not a GitHub login; name the file after the person's login, e.g. content/people/octocat.yaml` });
    }
    const email = data.email.toLowerCase();
    const other = byEmail.get(email);
    if (other) problems.push({ file, path: 'email', message: `content/people/${other}.yaml has the email ${data.email} too; an email belongs to one person` });
    else byEmail.set(email, id);
  }
  return problems;
}

/**
 * The key of a sign-in email in /people.json: the hex SHA-256 of the lower-cased address. The file
 * is served to whoever may open the site; it then tells who a known email is, not everyone's email.
 */
export async function emailKey(email: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.trim().toLowerCase()));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** GitHub logins by the key of their sign-in email. */
export async function loginsByEmail(people: readonly { id: string; data: Person }[]): Promise<Record<string, string>> {
  return Object.fromEntries(await Promise.all(people.map(async (person) => [await emailKey(person.data.email), person.id] as const)));
}
