/**
 * Campaigns: an upgrade or a removal the platform team runs across tenants it does not control.
 * A campaign is a file, content/campaigns/<id>.yaml (why, deadline, who runs it, and a scope rule
 * over the tenant files); each tenant in scope has a state, content/campaigns/<id>/<tenant>.yaml,
 * which the tenant's owners change through requests. A tenant in scope without a state file has
 * its work to do.
 */
import { z } from 'zod';
import { ServiceIdSchema } from './docs-page.ts';
import { GitHubLoginSchema } from './github-login.ts';
import { SlugSchema } from './slug.ts';
import { plainText, singleLine } from './text.ts';

/** A value a scope rule compares a tenant's field with: what YAML scalars hold. */
const ScopeValueSchema = z.union([z.string().max(200), z.number(), z.boolean()]);

/**
 * Which tenants a campaign concerns: those that use `service`, and of those, when `where` is
 * given, the ones whose field (a dotted path in the tenant file, e.g. `postgresql.major_version`)
 * holds one of `in`. A tenant without the field is out of scope.
 */
export const CampaignScopeSchema = z
  .object({
    service: ServiceIdSchema.describe('Service the campaign is about: tenants that use it are in scope.'),
    where: z
      .object({
        field: z
          .string()
          .regex(/^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_-]*)*$/, 'Name a field of the tenant file as a dotted path, e.g. postgresql.major_version.')
          .describe('Field of the tenant file, as a dotted path.'),
        in: z.array(ScopeValueSchema).min(1).max(50).describe('Values that put a tenant in scope.'),
      })
      .strict()
      .optional()
      .describe('Narrows the scope to tenants whose field holds one of the values.'),
  })
  .strict();

export const CampaignSchema = z
  .object({
    title: singleLine('title').min(1).max(120).describe('What the tenants do, in a few words, e.g. Upgrade PostgreSQL 14 clusters.'),
    why: plainText('why').trim().min(1).max(2000).describe('Why the platform asks it of the tenants.'),
    release_note: z.string().min(1).max(200).describe('Id of the release note that announced it (its file name without extension).'),
    roadmap: z.string().min(1).max(200).optional().describe('Id of the roadmap item it belongs to, if any.'),
    run_by: singleLine('run_by').min(1).max(80).describe('Team that runs the campaign and answers questions about it.'),
    started: z.coerce.date().describe('Day the campaign started.'),
    deadline: z.coerce.date().describe('Last day for the tenants to be done.'),
    finished: z.coerce.date().optional().describe('Day the platform team closed the campaign; it is open until then.'),
    scope: CampaignScopeSchema,
  })
  .strict()
  .refine((c) => c.deadline.getTime() >= c.started.getTime(), { message: 'The deadline is before the start; set deadline on or after started.', path: ['deadline'] })
  .refine((c) => c.finished === undefined || c.finished.getTime() >= c.started.getTime(), { message: 'The campaign finished before it started; set finished on or after started.', path: ['finished'] });

export const ExemptionSchema = z
  .object({
    reason: plainText('reason').trim().min(1).max(2000).describe('Why the tenant is exempt.'),
    approver: GitHubLoginSchema.describe('GitHub login of the platform team member who approved the exemption.'),
    expires: z.coerce.date().describe('Last day of the exemption; after it, the tenant has its work to do again.'),
  })
  .strict();

/** A tenant's state in one campaign; `planned` carries the day it plans, `done` the day it finished. */
export const CampaignStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('planned'), date: z.coerce.date().describe('Day the tenant plans to be done.'), note: plainText('note').max(500).optional() }).strict(),
  z.object({ state: z.literal('done'), date: z.coerce.date().describe('Day the tenant was done.'), note: plainText('note').max(500).optional() }).strict(),
  z.object({ state: z.literal('exempt'), exemption: ExemptionSchema, note: plainText('note').max(500).optional() }).strict(),
]);

export type CampaignScope = z.output<typeof CampaignScopeSchema>;
export type Campaign = z.output<typeof CampaignSchema>;
export type CampaignState = z.output<typeof CampaignStateSchema>;
export type CampaignStateInput = z.input<typeof CampaignStateSchema>;

/** Where a campaign and a tenant's state in it live in the config repository. */
export const campaignPath = (campaign: string) => `content/campaigns/${campaign}.yaml`;
export const campaignStatePath = (campaign: string, tenant: string) => `content/campaigns/${campaign}/${tenant}.yaml`;

export const CampaignIdSchema = SlugSchema.describe('Id of the campaign: its file name, content/campaigns/<id>.yaml.');
