import { z } from 'zod';
import { SlugSchema } from './slug.ts';
import { EmailSchema } from './email.ts';
import { ServiceIdSchema } from './docs-page.ts';
import { MAX_QUOTA_UNITS, QuotaUnitIdSchema } from './service.ts';
import { keyedRecord } from './keys.ts';
import { plainText, singleLine } from './text.ts';

export const GitHubHandleSchema = z
  .string()
  .regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'Use a GitHub user name, e.g. @octocat.')
  .transform((h) => h.replace(/^@/, ''))
  .describe('GitHub user name, with or without the leading @.');

export const EnvironmentSchema = z.enum(['dev', 'staging', 'prod']).describe('Environment the tenant runs in.');
export type Environment = z.output<typeof EnvironmentSchema>;
export const DataClassificationSchema = z
  .enum(['public', 'internal', 'confidential', 'restricted'])
  .describe('Most sensitive class of data the tenant will store on the platform.');

/** Every environment at most once: as many as there are. */
export const EnvironmentsSchema = z
  .array(EnvironmentSchema)
  .min(1)
  .max(EnvironmentSchema.options.length, `List each environment once: ${EnvironmentSchema.options.join(', ')}.`)
  .superRefine((list, ctx) => {
    // A list longer than the enum is already refused as a whole; one problem says so.
    if (list.length > EnvironmentSchema.options.length) return;
    list.forEach((environment, i) => {
      if (list.indexOf(environment) !== i) ctx.addIssue({ code: 'custom', path: [i], input: environment, message: `${environment} is listed twice; list each environment once.` });
    });
  })
  .describe('Environments the tenant runs in, each once.');

/** Services one tenant may hold quotas of: a bound well above a catalog's size, checked before any key is read; the catalog itself refuses a service it does not have. */
export const MAX_TENANT_SERVICES = 20;

/** Quota values per service and unit: `{ kafka: { storage_gb: 200 } }`. */
export const TenantQuotasSchema = keyedRecord(
  ServiceIdSchema,
  keyedRecord(QuotaUnitIdSchema, z.number().nonnegative(), { max: MAX_QUOTA_UNITS, entries: 'quota units of one service' }),
  { max: MAX_TENANT_SERVICES, entries: 'services' },
);

export const TenantSchema = z
  .object({
    name: singleLine('name').min(1).max(80).describe('Team or product name as people say it.'),
    slug: SlugSchema.describe('Identifier of the tenant; also the file name, content/tenants/<slug>.yaml.'),
    description: plainText('description').max(500).optional().describe('What the team builds on the platform.'),
    owners: z.array(GitHubHandleSchema).min(1).max(20).describe('GitHub users who may approve changes for the tenant.'),
    contact: EmailSchema.describe('Mailbox or list that reaches the team.'),
    cost_centre: z
      .string()
      .regex(/^[A-Z]{2,4}-\d{3,6}$/, 'Use the finance code form, e.g. CC-1042.')
      .describe('Cost centre usage is charged to.'),
    status: z.enum(['onboarding', 'active', 'offboarding']).default('active').describe('Where the tenant is in its life on the platform.'),
    onboarded: z.coerce.date().describe('Date the tenant was onboarded.'),
    environments: EnvironmentsSchema.default(['dev', 'staging', 'prod']),
    data_classification: DataClassificationSchema.default('internal'),
    services: TenantQuotasSchema.describe('Quotas per service and unit; units come from the service catalog.'),
  })
  .strict();

export type Tenant = z.output<typeof TenantSchema>;
export type TenantInput = z.input<typeof TenantSchema>;

export { tenantPath } from './content-paths.ts';
