/**
 * A request about something its requester does not own says so at the top of its pull request:
 * the owners (the change's `owners`, else its reviewers) read first that the approval is theirs to give.
 */
import { code, escapeInline } from '../lib/markdown.ts';
import type { Change, Requester } from './types.ts';

const sameLogin = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The change with the note on top when the requester is not among its owners; as it was otherwise. */
export function withOwnerNote(change: Change, requester: Requester): Change {
  const owners = change.owners ?? change.reviewers?.users ?? [];
  if (owners.length === 0) return change;
  const login = requester.github;
  if (login !== undefined && owners.some((owner) => sameLogin(owner, login))) return change;
  const named = owners.map((owner) => code(`@${owner}`)).join(', ');
  const person = requester.name ? `${escapeInline(requester.name)} (${code(requester.email)})` : code(requester.email);
  const why =
    login === undefined
      ? `${person} has no entry in ${code('content/people/')}, so the portal cannot tell whether they are among the owners (${named}).`
      : `${person}, ${code(`@${login}`)} on GitHub, is not among the owners (${named}).`;
  const note = ['> [!IMPORTANT]', `> **Not asked by an owner.** ${why} One of the owners approves this change before it is merged.`].join('\n');
  return { ...change, body: `${note}\n\n${change.body}` };
}
