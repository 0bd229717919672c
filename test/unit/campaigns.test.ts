/**
 * Campaigns: which tenants are in scope, where each stands, the progress every page and the
 * scorecard take, and the rules across files the build holds them to.
 */
import { describe, expect, it } from 'vitest';
import { campaignProgress, inScope } from '../../packages/platform-portal/src/lib/campaigns.ts';
import { campaignProblems, type CampaignContent } from '../../packages/platform-portal/src/lib/campaign-rules.ts';
import { CampaignSchema, CampaignStateSchema, type CampaignState } from '../../packages/platform-portal/src/schemas/campaign.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { formatProblem, problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { kafkaService } from '../helpers/services.ts';
import { PG14_CAMPAIGN } from '../helpers/campaigns.ts';

const campaign = CampaignSchema.parse(PG14_CAMPAIGN);
const state = (input: unknown): CampaignState => CampaignStateSchema.parse(input);
const tenant = (slug: string, services: Record<string, Record<string, number>>, extra: Record<string, unknown> = {}) => ({
  ...TenantSchema.parse({ name: slug, slug, owners: ['@a'], contact: 'a@example.com', cost_centre: 'CC-1000', onboarded: '2026-01-01', services }),
  ...extra,
});

describe("a campaign's scope", () => {
  it('takes the tenants that use the service and whose field holds a value of the rule, and keeps the ones that are done', () => {
    const on14 = tenant('aa', { postgresql: { storage_gb: 1 } }, { versions: { postgresql: 14 } });
    const on17 = tenant('bb', { postgresql: { storage_gb: 1 } }, { versions: { postgresql: 17 } });
    const noField = tenant('cc', { postgresql: { storage_gb: 1 } });
    const noService = tenant('dd', { kafka: { partitions: 1 } }, { versions: { postgresql: 14 } });
    expect([on14, on17, noField, noService].map((t) => inScope(campaign.scope, t))).toEqual([true, false, false, false]);
    expect(inScope(campaign.scope, on17, { state: 'done' })).toBe(true);
    expect(inScope(campaign.scope, noService, { state: 'done' })).toBe(false);
    expect(inScope({ service: 'postgresql' }, noField)).toBe(true);
  });
});

describe("a campaign's progress", () => {
  const states = new Map([
    ['done-early', state({ state: 'done', date: '2027-01-10' })],
    ['done-late', state({ state: 'done', date: '2027-04-02' })],
    ['planned', state({ state: 'planned', date: '2027-02-01' })],
    ['exempt', state({ state: 'exempt', exemption: { reason: 'Retired in January.', approver: 'ravi', expires: '2027-05-31' } })],
    ['exemption-over', state({ state: 'exempt', exemption: { reason: 'Waited for a vendor.', approver: 'ravi', expires: '2027-01-31' } })],
  ]);
  const tenants = ['done-early', 'done-late', 'planned', 'exempt', 'exemption-over', 'nothing'];

  it('counts done, planned, exempt and to do, an expired exemption as to do again', () => {
    const progress = campaignProgress(campaign, tenants, states, '2027-02-15');
    expect(progress.counts).toEqual({ done: 2, planned: 1, exempt: 1, todo: 2, overdue: 0 });
    expect(progress.total).toBe(6);
    expect(progress.completion).toBe(3 / 6);
    expect(progress.tenants.find((t) => t.tenant === 'exemption-over')).toMatchObject({ status: 'todo', exemptionExpired: true });
  });

  it('calls the work overdue from the day after the deadline, and rates the tenants done by it', () => {
    expect(campaignProgress(campaign, tenants, states, '2027-03-31').counts.overdue).toBe(0);
    const late = campaignProgress(campaign, tenants, states, '2027-04-01');
    expect(late.counts.overdue).toBe(3);
    expect(late.tenants.filter((t) => t.overdue).map((t) => t.tenant)).toEqual(['exemption-over', 'nothing', 'planned']);
    expect(late.onTimeRate).toBe(1 / 2);
  });

  it('is complete with no tenant in scope, and has no on-time rate before anyone is done', () => {
    expect(campaignProgress(campaign, [], new Map(), '2027-01-01')).toMatchObject({ total: 0, completion: 1, onTimeRate: undefined });
  });
});

describe('the rules campaigns keep across files', () => {
  const postgresql = ServiceSchema.parse({ ...kafkaService(20), name: 'PostgreSQL' });
  const content = (overrides: Partial<CampaignContent> = {}): CampaignContent => ({
    campaigns: [{ id: 'pg14', file: 'content/campaigns/pg14.yaml', data: campaign }],
    states: [],
    tenants: new Map([['orders', tenant('orders', { postgresql: { partitions: 1 } }, { versions: { postgresql: 14 } })]]),
    catalog: new Map([['postgresql', postgresql]]),
    releaseNotes: new Set(['pg14-deprecation']),
    roadmap: new Set(),
    tenantHasField: (path) => path === 'versions.postgresql',
    approvers: ['ravi'],
    ...overrides,
  });
  const messages = (c: CampaignContent) => campaignProblems(c).map(formatProblem);

  it('accept a campaign and the states of tenants in its scope', () => {
    expect(messages(content({ states: [{ id: 'pg14/orders', file: 'content/campaigns/pg14/orders.yaml', data: state({ state: 'planned', date: '2027-02-01' }) }] }))).toEqual([]);
  });

  it('name the file and field of an unknown service, field or release note, and leave its states alone', () => {
    const wrong = CampaignSchema.parse({ ...campaign, release_note: 'nope', scope: { service: 'mysql', where: { field: 'versions.mysql', in: [8] } } });
    expect(messages(content({ campaigns: [{ id: 'pg14', file: 'content/campaigns/pg14.yaml', data: wrong }], states: [{ id: 'pg14/nobody', file: 'content/campaigns/pg14/nobody.yaml', data: state({ state: 'done', date: '2027-01-01' }) }] }))).toEqual([
      'content/campaigns/pg14.yaml → release_note: no release note "nope" in content/changelog/; name the note that announced the campaign',
      'content/campaigns/pg14.yaml → scope.service: unknown service "mysql"; use a service id of content/services/ (postgresql)',
      'content/campaigns/pg14.yaml → scope.where.field: the tenant files have no field "versions.mysql"; name a field of the tenant schema, or add it to the site\'s tenants in src/content.config.ts',
    ]);
  });

  it('refuse a state of a tenant outside the scope, and an exemption approved by someone outside the platform team', () => {
    const outside = tenant('web', { postgresql: { partitions: 1 } }, { versions: { postgresql: 17 } });
    expect(
      messages(
        content({
          tenants: new Map([...content().tenants, ['web', outside]]),
          states: [
            { id: 'pg14/web', file: 'content/campaigns/pg14/web.yaml', data: state({ state: 'planned', date: '2027-02-01' }) },
            { id: 'pg14/orders', file: 'content/campaigns/pg14/orders.yaml', data: state({ state: 'exempt', exemption: { reason: 'R.', approver: 'mallory', expires: '2027-05-01' } }) },
          ],
        }),
      ),
    ).toEqual([
      'content/campaigns/pg14/web.yaml → (file name): tenant web is not in the scope of the campaign pg14; record it as done, or delete the file',
      'content/campaigns/pg14/orders.yaml → exemption.approver: mallory may not approve exemptions; the approver is one of ravi',
    ]);
  });

  it('refuse an exemption without an approver or an expiry, naming the field', () => {
    const parsed = CampaignStateSchema.safeParse({ state: 'exempt', exemption: { reason: 'Because.' } });
    expect(parsed.success).toBe(false);
    expect(problemsFromZod(parsed.error!, { schema: CampaignStateSchema }).map((p) => p.path).sort()).toEqual(['exemption.approver', 'exemption.expires']);
  });
});
