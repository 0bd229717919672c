/**
 * Offboarding, the reverse of onboarding: removes the tenant's file, its usage and its access grants. The body
 * lists everything that goes (files, quotas per service, Kafka topics), and the person types the
 * tenant's slug to confirm.
 */
import { z } from 'zod';
import { accessPath, CODEOWNERS_FILES, code, defineRequestType, escapeInline, fileIn, inert, oneLine, removeFile, requestBody, RequestRefused, tenantCodeowners, tenantPath, tenantReviewers, usagePath, type FileChange } from 'platform-portal/requests';
import { freeText, TenantSlugSchema } from './fields.ts';
import { readTenant } from './tenant-file.ts';

export const OffboardingRequestSchema = z
  .object({
    tenant: TenantSlugSchema.describe('Slug of the tenant that leaves the platform.'),
    reason: freeText('reason', { min: 20, max: 2000 }).describe('Why the tenant leaves, and where its workloads and data went; the reviewer reads this first.'),
    last_day: z.iso.date('Use a date like 2027-03-31.').describe('Last day the tenant runs on the platform.'),
    confirm: z.string().max(100).describe("The tenant's slug, typed again to confirm that everything listed is removed."),
  })
  .strict()
  .superRefine((request, ctx) => {
    // Only against a valid slug: the message quotes it, and an invalid one is refused already.
    if (TenantSlugSchema.safeParse(request.tenant).success && request.confirm !== request.tenant) {
      ctx.addIssue({ code: 'custom', path: ['confirm'], input: request.confirm, message: `Type the tenant's slug, ${request.tenant}, to confirm.` });
    }
  });

export type OffboardingRequest = z.output<typeof OffboardingRequestSchema>;

export const offboarding = defineRequestType({
  type: 'offboarding',
  title: 'Offboard a tenant',
  description: "Removes the tenant's file and its usage data: the reverse of onboarding. The preview lists everything that goes.",
  schema: OffboardingRequestSchema,
  example: {
    tenant: 'growth-analytics',
    reason: 'Growth analytics moved to the data warehouse team; its dashboards and jobs were retired in November.',
    last_day: '2027-03-31',
    confirm: 'growth-analytics',
  },
  reads: (request) => [tenantPath(request.tenant), usagePath(request.tenant), accessPath(request.tenant), ...CODEOWNERS_FILES],
  build(request, files, context) {
    const { path, tenant } = readTenant(files, request.tenant);
    // A past day is fine: a tenant that already left is offboarded after the fact. Not before it came.
    const onboarded = tenant.onboarded === undefined ? undefined : new Date(tenant.onboarded).toISOString().slice(0, 10);
    if (onboarded !== undefined && request.last_day < onboarded) {
      throw new RequestRefused('unprocessable', 'The last day is before the tenant came.', [{ path: 'last_day', message: `${request.tenant} was onboarded on ${onboarded}; pick a day since` }]);
    }
    // The tenant's file, and its usage and access grants where it has them.
    const others = [usagePath(request.tenant), accessPath(request.tenant)].filter((file) => files.get(file));
    const removed: FileChange[] = [removeFile(fileIn(files, path)), ...others.map((file) => removeFile(fileIn(files, file)))];

    const quotaRows: [string, string][] = Object.entries(tenant.services).map(([service, units]) => [
      `Quota: ${escapeInline(context.catalog.get(service)?.name ?? service)}`,
      Object.entries(units).map(([unit, value]) => `${code(unit)}: ${value}`).join(', ') || 'none',
    ]);
    const topics = tenant.kafka_topics ?? [];
    const name = oneLine(tenant.name).trim();
    return {
      branch: `${context.config.branchPrefix}/offboarding/${request.tenant}`,
      title: inert(`Offboard ${name.slice(0, 80)} (${request.tenant})`),
      labels: ['portal-request', ...context.config.labels],
      mode: 'single',
      reviewers: tenantReviewers(tenant),
      commitMessage: inert(`Offboard tenant ${request.tenant}\n\nPortal-Request: ${context.requestId}`),
      // The tenant's line leaves the CODEOWNERS block in the same pull request, so its check stays green.
      files: [...removed, ...tenantCodeowners(files, context, { remove: request.tenant })],
      body: requestBody({
        type: 'offboarding',
        context,
        intro: `Offboards **${escapeInline(name)}** (tenant ${code(request.tenant)}): removes ${new Intl.ListFormat('en').format(removed.map((file) => code(file.path)))}, with every quota and topic below.`,
        rows: [
          ['Tenant', `${escapeInline(name)} (${code(request.tenant)})`],
          ['Owners', tenant.owners.map((owner) => code(`@${owner.replace(/^@/, '')}`)).join(', ')],
          ['Last day', request.last_day],
          ['Files removed', removed.map((file) => code(file.path)).join(', ')],
          ...quotaRows,
          ['Kafka topics', topics.length === 0 ? 'none' : topics.map((topic) => `${code(topic.name)} (${topic.partitions} partitions)`).join(', ')],
        ],
        justification: request.reason,
        justificationTitle: 'Reason',
      }),
    };
  },
});

export default offboarding;
