import { z } from 'zod';
import { QuarterSchema } from './roadmap-item.ts';
import { RepositorySchema } from './site-config.ts';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe('A day, YYYY-MM-DD (UTC).');
const CountSchema = z.number().int().nonnegative();
const HrefSchema = z.string().min(1).describe('Where the figure leads: a path on this site or a GitHub URL listing what it counts.');
const DefinitionSchema = z.string().min(1).describe('What the figure counts, in words; shown next to it on the page.');

/** A figure and the link to what it counts. */
const LinkedCountSchema = z.object({ count: CountSchema, href: HrefSchema });

export const ScorecardTenantSchema = z.object({
  slug: z.string(),
  name: z.string(),
  onboarded: DaySchema,
  href: HrefSchema.describe("The tenant's page."),
});

export const TenantsFiguresSchema = z.object({
  definition: DefinitionSchema,
  total: LinkedCountSchema.describe('Every tenant file.'),
  by_quarter: z
    .array(
      z.object({
        quarter: QuarterSchema,
        onboarded: CountSchema,
        cumulative: CountSchema.describe('Tenants onboarded up to the end of this quarter.'),
        tenants: z.array(ScorecardTenantSchema),
      }),
    )
    .describe('Every quarter from the first onboarding to the build, empty ones included.'),
});

/** A request pull request as the build read it from GitHub. */
export const RequestPullSchema = z.object({
  number: z.number().int().positive(),
  title: z.string(),
  type: z.string().describe('Request type, from the hidden portal-request marker in the body.'),
  state: z.enum(['open', 'closed', 'merged']),
  created_at: z.iso.datetime(),
  merged_at: z.iso.datetime().nullable(),
  url: z.url().describe('The pull request on GitHub.'),
});
export type RequestPull = z.output<typeof RequestPullSchema>;

export const RequestTypeFiguresSchema = z.object({
  type: z.string(),
  opened: LinkedCountSchema.describe('Pull requests of this type created in the window.'),
  merged: LinkedCountSchema.describe('Of those, the merged ones.'),
  open: LinkedCountSchema.describe('Of those, the ones still open.'),
  median_hours_to_merge: z.number().nonnegative().nullable().describe('Median hours from creation to merge of the merged ones; null when none merged.'),
});

const RequestsCommon = { definition: DefinitionSchema, window_days: z.number().int().positive(), since: DaySchema.describe('First day of the window.') };

export const RequestsFiguresSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('not-configured'),
    source: z.literal('none'),
    ...RequestsCommon,
    how_to_configure: z.string().min(1),
  }),
  z.object({
    status: z.literal('unavailable'),
    source: z.literal('github'),
    ...RequestsCommon,
    repository: RepositorySchema,
    error: z.string().min(1).describe('What failed when the build read the pull requests.'),
  }),
  z.object({
    status: z.literal('ok'),
    source: z.literal('github'),
    ...RequestsCommon,
    repository: RepositorySchema,
    total: z.object({ opened: LinkedCountSchema, merged: LinkedCountSchema, median_hours_to_merge: z.number().nonnegative().nullable() }),
    by_type: z.array(RequestTypeFiguresSchema),
    pull_requests: z.array(RequestPullSchema).describe('Every pull request counted, newest first.'),
  }),
]);

export const FeedbackAreaFiguresSchema = z.object({
  area: z.string().nullable().describe('Service or theme id; null for feedback tied to neither.'),
  label: z.string(),
  count: CountSchema,
  average_rating: z.number().min(1).max(5).describe('Mean rating, 1 to 5, to two decimals.'),
});

export const FeedbackFiguresSchema = z.object({
  definition: DefinitionSchema,
  href: HrefSchema,
  count: CountSchema,
  average_rating: z.number().min(1).max(5).nullable().describe('Mean of every rating, to two decimals; null without feedback.'),
  by_area: z.array(FeedbackAreaFiguresSchema).describe('Most feedback first.'),
});

export const ScorecardRunbookSchema = z.object({
  id: z.string(),
  title: z.string(),
  href: HrefSchema,
  last_reviewed: DaySchema,
  age_days: CountSchema,
  stale: z.boolean(),
});

export const DocsHealthFiguresSchema = z.object({
  definition: DefinitionSchema,
  review_age_days: z.number().int().positive(),
  runbooks: LinkedCountSchema,
  reviewed: CountSchema.describe('Runbooks reviewed within review_age_days.'),
  reviewed_percent: z.number().int().min(0).max(100).nullable().describe('reviewed / runbooks, as a whole percentage; null without runbooks.'),
  stale: LinkedCountSchema,
  by_review_age: z
    .array(
      z.object({
        label: z.string(),
        min_days: CountSchema,
        max_days: CountSchema.nullable().describe('null for the last, open-ended range: the stale runbooks.'),
        stale: z.boolean(),
        count: CountSchema,
        runbooks: z.array(ScorecardRunbookSchema.pick({ id: true, title: true, href: true })),
      }),
    )
    .describe('Runbooks by days since review, in up to six ranges up to review_age_days, then the stale ones.'),
  by_age: z.array(ScorecardRunbookSchema).describe('Every runbook, longest since review first.'),
});

export const ShippedItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  href: HrefSchema,
  release: z.object({ id: z.string(), title: z.string(), date: DaySchema, href: HrefSchema }),
});

export const GoalDeliverySchema = z.object({
  goal: z.string().describe('Goal id (content/direction/goals/<id>.md), or maintenance for upkeep that serves no goal.'),
  title: z.string(),
  href: HrefSchema.describe('The goal on the direction page.'),
  shipped: CountSchema.describe('Items serving the goal that have shipped, ever.'),
  shipped_in_window: CountSchema.describe('Of those, the ones whose release note is dated in the window.'),
  items: z.array(ShippedItemSchema).describe('The shipped items, newest release first.'),
});

export const RoadmapFiguresSchema = z.object({
  definition: DefinitionSchema,
  shipped: LinkedCountSchema,
  by_quarter: z
    .array(z.object({ quarter: QuarterSchema, shipped: CountSchema, items: z.array(ShippedItemSchema) }))
    .describe('Every quarter from the first shipment to the build, empty ones included.'),
  by_goal: z
    .object({
      definition: DefinitionSchema,
      window_days: z.number().int().positive(),
      since: DaySchema.describe('First day of the window.'),
      goals: z.array(GoalDeliverySchema).describe('Every goal in the order of the direction page, then maintenance when an item names it.'),
    })
    .optional()
    .describe('Absent when the site has no goals (content/direction/goals/).'),
});

const PercentSchema = z.number().int().min(0).max(100);

export const CampaignFiguresSchema = z.object({
  id: z.string(),
  title: z.string(),
  href: HrefSchema.describe("The campaign's page."),
  open: z.boolean(),
  deadline: DaySchema,
  tenants: LinkedCountSchema.describe('Tenants in scope.'),
  done: LinkedCountSchema,
  planned: LinkedCountSchema,
  exempt: LinkedCountSchema.describe('Exempt, with an exemption that has not expired.'),
  todo: LinkedCountSchema.describe('Neither done, planned nor exempt, an expired exemption included.'),
  overdue: LinkedCountSchema.describe('To do or planned, past the deadline.'),
  completion_percent: PercentSchema.describe('Done or exempt, of the tenants in scope; 100 without any.'),
  on_time_percent: PercentSchema.nullable().describe('Done by the deadline, of those done; null while none is done.'),
});

export const CampaignsFiguresSchema = z.object({
  definition: DefinitionSchema,
  campaigns: LinkedCountSchema,
  open: CountSchema,
  completion_percent: PercentSchema.nullable().describe('Done or exempt, of every tenant of every campaign; null without any.'),
  on_time_percent: PercentSchema.nullable().describe('Done by the deadline, of every tenant done in any campaign; null while none is done.'),
  by_campaign: z.array(CampaignFiguresSchema).describe('By deadline.'),
});

/** /insights/scorecard.json: what the scorecard page shows, as data. */
export const ScorecardSchema = z.object({
  generated_at: z.iso.datetime().describe('When the site was built; every age and window is as of then.'),
  tenants: TenantsFiguresSchema,
  requests: RequestsFiguresSchema,
  feedback: FeedbackFiguresSchema.optional().describe('Absent when the site takes no feedback (its requests.types leaves the type out) and has none merged.'),
  docs_health: DocsHealthFiguresSchema,
  roadmap: RoadmapFiguresSchema,
  campaigns: CampaignsFiguresSchema,
});

export type Scorecard = z.output<typeof ScorecardSchema>;
export type TenantsFigures = z.output<typeof TenantsFiguresSchema>;
export type RequestsFigures = z.output<typeof RequestsFiguresSchema>;
export type FeedbackFigures = z.output<typeof FeedbackFiguresSchema>;
export type DocsHealthFigures = z.output<typeof DocsHealthFiguresSchema>;
export type RoadmapFigures = z.output<typeof RoadmapFiguresSchema>;
export type CampaignsFigures = z.output<typeof CampaignsFiguresSchema>;
export type GoalDelivery = z.output<typeof GoalDeliverySchema>;
