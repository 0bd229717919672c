/**
 * A tenant's owners update the tenant's state in a campaign: they plan a day, say they are done,
 * or ask for an exemption. The pull request changes exactly one state file,
 * content/campaigns/<campaign>/<tenant>.yaml; a plan or done asks the tenant's owners to review, an
 * exemption the platform team (`campaigns.approvers`).
 */
import { parse } from 'yaml';
import { z } from 'zod';
import { addFile } from '../changes/index.ts';
import { inScope } from '../lib/campaigns.ts';
import { code, escapeInline, inert, oneLine } from '../lib/markdown.ts';
import { CampaignIdSchema, campaignPath, CampaignSchema, CampaignStateSchema, campaignStatePath, type Campaign, type CampaignState, type CampaignStateInput } from '../schemas/campaign.ts';
import { GitHubLoginSchema } from '../schemas/github-login.ts';
import { SlugSchema } from '../schemas/slug.ts';
import { tenantPath } from '../schemas/tenant.ts';
import { plainText } from '../schemas/text.ts';
import { requestBody } from './pr-body.ts';
import { tenantReviewers } from './tenant-reviewers.ts';
import { RequestRefused, type BuildContext, type RepoFile, type RequestType } from './types.ts';
import { isoDay } from '../lib/dates.ts';

const Day = z.iso.date('Use a date like 2027-02-15.');

export const CampaignRequestSchema = z
  .object({
    campaign: CampaignIdSchema.meta({ title: 'Campaign', choices: 'campaigns' }),
    tenant: SlugSchema.meta({ title: 'Tenant', choices: 'tenants' }).describe('Slug of the tenant whose state changes.'),
    action: z
      .enum(['plan', 'done', 'exempt'])
      .meta({ title: 'What to record', labels: { plan: 'We plan a day', done: 'We are done', exempt: 'Ask for an exemption' } })
      .describe('plan: the day the tenant will be done; done: the day it was; exempt: why it need not, until when.'),
    date: Day.optional().meta({ title: 'Day' }).describe('For a plan, the day the tenant will be done; for done, the day it was.'),
    reason: plainText('reason').trim().max(2000).optional().meta({ title: 'Why an exemption' }).describe('Why the tenant need not do it; the platform team reads this first.'),
    until: Day.optional().meta({ title: 'Exempt until' }).describe('Last day of the exemption; after it, the work is to do again.'),
    approver: GitHubLoginSchema.optional().meta({ title: 'Approver', choices: 'approvers' }).describe('Who of the platform team approves the exemption.'),
    note: plainText('note').trim().max(500).optional().meta({ title: 'Note' }).describe('Anything the people who look at the campaign should know.'),
  })
  .strict()
  .superRefine((request, ctx) => {
    const need = (path: keyof typeof request, message: string) => {
      if (request[path] === undefined || request[path] === '') ctx.addIssue({ code: 'custom', path: [path], input: request[path], message });
    };
    if (request.action === 'plan') need('date', 'Give the day the tenant will be done.');
    if (request.action === 'done') need('date', 'Give the day the tenant was done.');
    if (request.action === 'exempt') {
      need('until', 'Give the last day of the exemption.');
      need('approver', 'Choose who of the platform team approves the exemption.');
      if ((request.reason ?? '').length < 20) ctx.addIssue({ code: 'custom', path: ['reason'], input: request.reason, message: 'Say why the tenant need not do it (20 characters at least).' });
    }
  });

export type CampaignRequest = z.output<typeof CampaignRequestSchema>;

const refuse = (kind: RequestRefused['kind'], field: string, title: string, message: string) => new RequestRefused(kind, title, [{ path: field, message }]);

/** A YAML file of the base branch through its schema: refused, naming `field`, when it is missing or not valid. */
function readFile<S extends z.ZodType>(files: ReadonlyMap<string, RepoFile>, path: string, schema: S, field: string, what: string): z.output<S> {
  const file = files.get(path);
  if (!file) throw refuse('not-found', field, `There is no ${what}.`, `${path} does not exist; pick one that does`);
  const parsed = schema.safeParse((() => {
    try {
      return parse(file.content) as unknown;
    } catch {
      return undefined;
    }
  })());
  if (!parsed.success) throw refuse('unprocessable', field, `${path} on the base branch is not valid; fix it first.`, `${path} is not valid; the build names what to fix`);
  return parsed.data;
}

const TenantFileSchema = z.object({ services: z.record(z.string(), z.unknown()), owners: z.array(z.string()).min(1) }).loose();

/** The state the request writes, checked against the campaign and the day. */
function nextState(request: CampaignRequest, campaign: Campaign, context: BuildContext): CampaignStateInput {
  const today = isoDay(context.now);
  const note = request.note ? { note: request.note } : {};
  if (request.action === 'plan') {
    if (request.date! < today) throw refuse('unprocessable', 'date', 'The planned day is in the past.', `${request.date} is in the past; plan today (${today}) or later, or say the tenant is done`);
    return { state: 'planned', date: request.date!, ...note };
  }
  if (request.action === 'done') {
    if (request.date! > today) throw refuse('unprocessable', 'date', 'The day is in the future.', `${request.date} has not come yet; say done once it is, or plan that day`);
    if (request.date! < isoDay(campaign.started)) throw refuse('unprocessable', 'date', 'The day is before the campaign.', `the campaign started on ${isoDay(campaign.started)}; give the day the tenant was done since`);
    return { state: 'done', date: request.date!, ...note };
  }
  if (!context.config.campaignApprovers.includes(request.approver!)) {
    const who = context.config.campaignApprovers.length > 0 ? `choose one of ${context.config.campaignApprovers.join(', ')}` : 'campaigns.approvers of portal.config.ts lists none; ask the platform team';
    throw refuse('unprocessable', 'approver', 'The approver may not approve exemptions.', `${request.approver} may not approve exemptions; ${who}`);
  }
  if (request.until! <= today) throw refuse('unprocessable', 'until', 'The exemption would be over already.', `pick a last day after today (${today})`);
  return { state: 'exempt', exemption: { reason: request.reason!, approver: request.approver!, expires: request.until! }, ...note };
}

const SAYS = { plan: (r: CampaignRequest) => `plans to be done on ${r.date}`, done: (r: CampaignRequest) => `is done since ${r.date}`, exempt: (r: CampaignRequest) => `asks for an exemption until ${r.until}` };

export const campaign: RequestType<typeof CampaignRequestSchema> = {
  type: 'campaign',
  title: 'Update a campaign',
  summary: 'Plan a day for an upgrade the platform asks of your tenant, say you are done, or ask for an exemption.',
  description: "Records a tenant's state in a campaign: a planned day, done, or an exemption the platform team approves.",
  schema: CampaignRequestSchema,
  example: { campaign: 'postgresql-14-upgrade', tenant: 'checkout', action: 'done', date: '2026-12-01', note: 'Both clusters run PostgreSQL 17.' },
  reads: (request) => [campaignPath(request.campaign), campaignStatePath(request.campaign, request.tenant), tenantPath(request.tenant)],
  build(request, files, context) {
    const found = readFile(files, campaignPath(request.campaign), CampaignSchema, 'campaign', `campaign "${request.campaign}"`);
    if (found.finished) throw refuse('conflict', 'campaign', 'The campaign is finished.', `${request.campaign} finished on ${isoDay(found.finished)}; its states no longer change`);
    const tenant = readFile(files, tenantPath(request.tenant), TenantFileSchema, 'tenant', `tenant "${request.tenant}"`);
    const path = campaignStatePath(request.campaign, request.tenant);
    const current = files.get(path) && (readFile(files, path, CampaignStateSchema, 'tenant', `state of ${request.tenant}`) as CampaignState);
    // A tenant with a state stays in: it may have moved off the scope's value before saying done.
    const member = inScope(found.scope, tenant, current) || (current !== undefined && inScope(found.scope, tenant, { state: 'done' }));
    if (!member) {
      throw refuse('unprocessable', 'tenant', 'The tenant is not in the campaign.', `tenant ${request.tenant} is not in the scope of ${request.campaign}; nothing to record`);
    }
    if (current?.state === 'done') throw refuse('conflict', 'action', 'The tenant is done already.', `${path} says done since ${isoDay(current.date)}`);
    const state = nextState(request, found, context);
    // A state file is the requests' own, small and written whole each time: the one file this changes.
    const written = { ...addFile({ path }, { value: state, schema: CampaignStateSchema }), ...(current ? { previousSha: files.get(path)!.sha } : {}) };
    const exempt = request.action === 'exempt';
    const owners = tenantReviewers(tenant);
    const title = oneLine(found.title).trim();
    return {
      branch: `${context.config.branchPrefix}/campaign/${request.campaign}/${request.tenant}`,
      title: inert(`${title.slice(0, 120)}: ${request.tenant} ${SAYS[request.action](request)}`),
      labels: ['portal-request', 'campaign', ...context.config.labels],
      mode: 'single',
      // A plan or done is the tenant's to approve; an exemption the platform team's.
      reviewers: exempt ? { users: [request.approver!, ...context.config.campaignApprovers.filter((login) => login !== request.approver)], teams: [] } : owners,
      owners: owners.users,
      commitMessage: inert(`Campaign ${request.campaign}: ${request.tenant} ${SAYS[request.action](request)}\n\nPortal-Request: ${context.requestId}`),
      files: [written],
      body: requestBody({
        type: 'campaign',
        context,
        intro: `Records that tenant ${code(request.tenant)} ${SAYS[request.action](request)} in the campaign **${escapeInline(title)}** (${code(request.campaign)}), in ${code(path)}.`,
        rows: [
          ['Campaign', `${escapeInline(title)} (${code(request.campaign)}), deadline ${isoDay(found.deadline)}`],
          ['Tenant', code(request.tenant)],
          ['Before', current ? code(current.state) : 'to do'],
          ['After', code(state.state)],
          ...(exempt ? [['Approver', code(`@${request.approver}`)] as [string, string]] : []),
        ],
        justification: exempt ? request.reason : request.note,
        justificationTitle: exempt ? 'Why an exemption' : 'Note',
      }),
    };
  },
};
