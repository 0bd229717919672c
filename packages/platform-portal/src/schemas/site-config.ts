import { z } from 'zod';
import { GitHubLoginSchema } from './github-login.ts';
import { singleLine } from './text.ts';
import { MailingListUrlSchema, WebUrlSchema } from './url.ts';
import { RequestTypesSchema } from './request-type-entry.ts';
import { RequestFormsSchema } from './request-forms.ts';

/** `owner/name`, as GitHub spells a repository. */
export const RepositorySchema = z
  .string()
  .regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'Use the form owner/name, e.g. acme/platform-portal.')
  .describe('GitHub repository that holds this site and its content, as owner/name.');

const LinkSchema = z.object({
  label: singleLine('label').min(1).describe('Text of the link.'),
  url: WebUrlSchema.describe('Where the link goes.'),
  description: z.string().optional().describe('One line on what people use it for.'),
});

const MailingListSchema = LinkSchema.extend({ url: MailingListUrlSchema.describe('The list\'s page, or mailto: and its address.') });

export const PortalConfigSchema = z
  .object({
    title: singleLine('title').min(1).describe('Site title, shown in the header and in <title>.'),
    description: z.string().min(1).describe('One sentence on what the site is, for <meta name="description">.'),
    site: WebUrlSchema.describe('Public URL the site is deployed at; used for absolute links in feeds and the sitemap.'),
    team: singleLine('team').min(1).describe('Name of the platform team that runs the site.'),
    github: z
      .object({
        repository: RepositorySchema,
        baseBranch: z.string().min(1).default('main').describe('Branch the site is built from and pull requests target.'),
        webUrl: WebUrlSchema.default('https://github.com').describe('Base URL of the GitHub web UI, for edit links.'),
      })
      .describe('Where the content lives.'),
    themes: z
      .array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/))
      .default([])
      .describe('Roadmap and changelog areas that are not services, e.g. security or developer-experience.'),
    runbooks: z
      .object({
        reviewAgeDays: z
          .number()
          .int()
          .positive()
          .default(180)
          .describe('A runbook whose last_reviewed is older than this many days is flagged as stale.'),
      })
      .prefault({}),
    requests: z
      .object({
        branchPrefix: z
          .string()
          .regex(/^[a-z0-9][a-z0-9/-]*[a-z0-9]$/, 'Use lowercase letters, digits, hyphens and slashes, e.g. requests.')
          .default('requests')
          .describe('Branches of request pull requests start with this, e.g. requests/onboarding/acme.'),
        labels: z
          .record(z.string(), z.array(z.string().min(1).max(50)))
          .default({})
          .describe('Labels per request type, e.g. { capacity: ["capacity", "needs-review"] }; every request also gets "portal-request".'),
        reviewers: z.array(z.string().min(1)).default([]).describe('GitHub users asked to review every request.'),
        teamReviewers: z.array(z.string().min(1)).default([]).describe('GitHub team slugs asked to review every request.'),
        codeowners: z
          .boolean()
          .default(true)
          .describe("Keep a block in the repository's CODEOWNERS that makes each tenant's owners the code owners of its files; `platform-portal check` fails when it is out of date."),
        types: RequestTypesSchema.optional(),
        forms: RequestFormsSchema,
        feedbackPeriod: z
          .enum(['week', 'month'])
          .default('week')
          .describe('Feedback collects into one rolling pull request per ISO week or per month.'),
      })
      .prefault({}),
    insights: z
      .object({
        trendDays: z.number().int().min(2).max(365).default(30).describe('Days of usage the growth trend (least-squares fit) is computed from.'),
        horizonDays: z.number().int().positive().max(3650).default(180).describe('How far ahead a quota running out is forecast; later reads "not within N days".'),
        warnPercent: z.number().min(1).max(100).default(80).describe('Usage at or above this share of the quota is flagged.'),
        warnDays: z.number().int().nonnegative().default(30).describe('A quota forecast to run out within this many days is flagged.'),
        suggestMonths: z.number().int().min(1).max(60).default(6).describe('Months of growth a suggested quota covers.'),
        headroomPercent: z.number().min(0).max(1000).default(25).describe('Headroom added on top of a suggested quota.'),
      })
      .prefault({})
      .describe('Usage against quota: trend, forecast and when to flag.'),
    campaigns: z
      .object({
        approvers: z
          .array(GitHubLoginSchema)
          .max(50)
          .default([])
          .describe('GitHub logins of the platform team who may approve a tenant’s exemption from a campaign; they are asked to review each request for one.'),
      })
      .prefault({})
      .describe('Upgrades and removals run across tenants (content/campaigns/).'),
    community: z
      .object({
        channels: z.array(LinkSchema).default([]).describe('Chat channels where the team answers questions.'),
        mailingList: MailingListSchema.optional().describe('Announcement list for changes and incidents.'),
        officeHours: z
          .object({
            when: z.string().min(1).describe('e.g. "Tuesdays 15:00–16:00 CET".'),
            where: LinkSchema,
          })
          .optional(),
        onCall: z.string().optional().describe('How to page the platform on-call in an emergency.'),
      })
      .prefault({}),
  })
  .strict();

export type PortalConfig = z.output<typeof PortalConfigSchema>;
export type PortalConfigInput = z.input<typeof PortalConfigSchema>;
