/**
 * The built-in campaign request: a tenant's owners plan a day, say they are done, or ask for an
 * exemption; the pull request changes exactly one state file and asks the right people.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { campaign } from '../../packages/platform-portal/src/requests/campaign.ts';
import { withOwnerNote } from '../../packages/platform-portal/src/requests/owner-note.ts';
import { type FileContent, type RepoFile } from '../../packages/platform-portal/src/requests/types.ts';
import { problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { refusal } from '../helpers/change-builders.ts';
import { buildContext } from '../helpers/build-context.ts';

const context = buildContext({
  requester: { email: 'amira@example.com', name: 'Amira', github: 'amira-haddad' },
  now: new Date('2027-01-15T12:00:00Z'),
  config: { campaignApprovers: ['ravi-menon', 'ewa-nowak'] },
});

const CAMPAIGN = `title: Upgrade PostgreSQL 14
why: Out of support.
release_note: pg14
run_by: databases
started: 2026-11-18
deadline: 2027-03-31
scope:
  service: postgresql
  where: { field: versions.postgresql, in: [14] }
`;
const tenant = (version: number) => `name: Orders
slug: orders
owners: ["@amira-haddad", "@jonas-vogel"]
contact: orders@example.com
cost_centre: CC-1042
onboarded: 2025-02-17
versions:
  postgresql: ${version}
services:
  postgresql: { storage_gb: 100 }
`;

const files = (entries: Record<string, string>): Map<string, RepoFile> => new Map(Object.entries(entries).map(([path, content]) => [path, { content, sha: `sha-of-${path}` }]));
const repo = (state?: string, version = 14) =>
  files({ 'content/campaigns/pg14.yaml': CAMPAIGN, 'content/tenants/orders.yaml': tenant(version), ...(state ? { 'content/campaigns/pg14/orders.yaml': state } : {}) });
const request = (fields: Record<string, unknown>) => campaign.schema.parse({ campaign: 'pg14', tenant: 'orders', ...fields });

describe('the campaign request', () => {
  it("writes a plan as the tenant's one state file and asks its owners", () => {
    const change = campaign.build(request({ action: 'plan', date: '2027-02-10', note: 'Slot booked.' }), repo(), context);
    expect(change.files).toEqual([{ path: 'content/campaigns/pg14/orders.yaml', content: 'state: planned\ndate: 2027-02-10\nnote: Slot booked.\n' }]);
    expect(change.reviewers).toEqual({ users: ['amira-haddad', 'jonas-vogel'], teams: [] });
    expect(change.branch).toBe('requests/campaign/pg14/orders');
    expect(change.title).toBe('Upgrade PostgreSQL 14: orders plans to be done on 2027-02-10');
  });

  it('replaces a plan with done, naming the blob it replaces', () => {
    const change = campaign.build(request({ action: 'done', date: '2027-01-14' }), repo('state: planned\ndate: 2027-02-10\n', 17), context);
    expect(change.files).toEqual([{ path: 'content/campaigns/pg14/orders.yaml', content: 'state: done\ndate: 2027-01-14\n', previousSha: 'sha-of-content/campaigns/pg14/orders.yaml' }]);
    expect(change.body).toContain('| Before | `planned` |');
  });

  it('asks the chosen approver and the rest of the platform team to review an exemption; the note checks the tenant owners', () => {
    const change = campaign.build(request({ action: 'exempt', reason: 'The cluster is retired in February with the old ledger.', until: '2027-04-30', approver: 'ewa-nowak' }), repo(), context);
    expect(parse((change.files[0] as FileContent).content)).toEqual({ state: 'exempt', exemption: { reason: 'The cluster is retired in February with the old ledger.', approver: 'ewa-nowak', expires: '2027-04-30' } });
    expect(change.reviewers).toEqual({ users: ['ewa-nowak', 'ravi-menon'], teams: [] });
    expect(withOwnerNote(change, context.requester).body).not.toContain('Not asked by an owner');
    expect(withOwnerNote(change, { email: 'x@example.com', github: 'ravi-menon' }).body).toContain('is not among the owners (`@amira-haddad`, `@jonas-vogel`)');
  });

  it('asks for what each action needs, naming the field', () => {
    const paths = (fields: Record<string, unknown>) => {
      const parsed = campaign.schema.safeParse({ campaign: 'pg14', tenant: 'orders', ...fields });
      return parsed.success ? [] : problemsFromZod(parsed.error, { schema: campaign.schema }).map((p) => p.path).sort();
    };
    expect(paths({ action: 'plan' })).toEqual(['date']);
    expect(paths({ action: 'exempt' })).toEqual(['approver', 'reason', 'until']);
    expect(paths({ action: 'done', date: '2027-01-14' })).toEqual([]);
  });

  it('refuses a tenant outside the scope, a finished campaign, a plan in the past, an approver outside the team, and done twice', () => {
    const field = (fields: Record<string, unknown>, base = repo()) => refusal(() => campaign.build(request(fields), base, context)).problems.map((p) => p.path);
    expect(field({ action: 'plan', date: '2027-02-10' }, repo(undefined, 17))).toEqual(['tenant']);
    expect(field({ action: 'plan', date: '2027-01-14' })).toEqual(['date']);
    expect(field({ action: 'exempt', reason: 'Retired with the old ledger next month.', until: '2027-04-30', approver: 'mallory' })).toEqual(['approver']);
    expect(field({ action: 'plan', date: '2027-02-10' }, repo('state: done\ndate: 2027-01-02\n', 17))).toEqual(['action']);
    const finished = files({ 'content/campaigns/pg14.yaml': `${CAMPAIGN}finished: 2027-01-10\n`, 'content/tenants/orders.yaml': tenant(14) });
    expect(refusal(() => campaign.build(request({ action: 'plan', date: '2027-02-10' }), finished, context)).kind).toBe('conflict');
  });
});
