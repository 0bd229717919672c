/**
 * A request by someone who is not among the owners of what it changes says so at the top of its
 * pull request; the directory of people (content/people/) is how the portal knows a login.
 */
import { describe, expect, it } from 'vitest';
import { withOwnerNote } from '../../packages/platform-portal/src/requests/owner-note.ts';
import { emailKey, peopleProblems } from '../../packages/platform-portal/src/lib/people.ts';
import { formatProblem } from '../../packages/platform-portal/src/lib/problems.ts';
import type { Change } from '../../packages/platform-portal/src/requests/types.ts';

const change = (users: string[]): Change => ({
  branch: 'requests/x',
  title: 'T',
  body: 'Raises the quota.',
  labels: [],
  files: [],
  commitMessage: 'c',
  mode: 'single',
  reviewers: { users, teams: [] },
});

describe("the owners' note", () => {
  it('is absent when the requester is an owner, whatever the case of the login', () => {
    expect(withOwnerNote(change(['amira-haddad', 'Jonas-Vogel']), { email: 'j@example.com', github: 'jonas-vogel' }).body).toBe('Raises the quota.');
  });

  it('is absent when the change names no owners', () => {
    expect(withOwnerNote(change([]), { email: 'j@example.com' }).body).toBe('Raises the quota.');
  });

  it("names the requester's login and the owners when the requester is not one", () => {
    const { body } = withOwnerNote(change(['amira-haddad']), { email: 'sam@example.com', name: 'Sam', github: 'sam-osei' });
    expect(body).toBe(
      '> [!IMPORTANT]\n> **Not asked by an owner.** Sam (`sam@example.com`), `@sam-osei` on GitHub, is not among the owners (`@amira-haddad`). One of the owners approves this change before it is merged.\n\nRaises the quota.',
    );
  });

  it('says the portal cannot tell when the directory does not know the email, and mentions nobody', () => {
    const { body } = withOwnerNote(change(['amira-haddad']), { email: 'sam@example.com', name: '@octocat #12' });
    expect(body).toContain('has no entry in `content/people/`, so the portal cannot tell whether they are among the owners (`@amira-haddad`).');
    expect(body).not.toMatch(/(^|[^\u2060`])@octocat|(^|[^\u2060&])#12/);
  });
});

describe('the directory of people', () => {
  const person = (id: string, email: string) => ({ id, file: `content/people/${id}.yaml`, data: { name: id, email } });

  it('refuses an email of two people, whatever its case, and a file not named by a login', () => {
    expect(peopleProblems([person('amira', 'a@example.com'), person('bo', 'A@Example.com'), person('not a login', 'c@example.com')]).map(formatProblem)).toEqual([
      'content/people/bo.yaml → email: content/people/amira.yaml has the email A@Example.com too; an email belongs to one person',
      'content/people/not a login.yaml → (file name): "not a login" is not a GitHub login; name the file after the person\'s login, e.g. content/people/octocat.yaml',
    ]);
  });

  it('keys an email by its SHA-256, lower-cased, so /people.json lists no address', async () => {
    expect(await emailKey(' Sam@Example.com')).toBe(await emailKey('sam@example.com'));
    expect(await emailKey('sam@example.com')).toMatch(/^[0-9a-f]{64}$/);
  });
});
