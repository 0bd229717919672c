import { z } from 'zod';
import { SlugSchema } from './slug.ts';
import { ServiceIdSchema } from './docs-page.ts';
import { QuotaUnitIdSchema } from './service.ts';

export const GitHubHandleSchema = z
  .string()
  .regex(/^@?[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'Use a GitHub user name, e.g. @octocat.')
  .transform((h) => h.replace(/^@/, ''))
  .describe('GitHub user name, with or without the leading @.');

export const EnvironmentSchema = z.enum(['dev', 'staging', 'prod']).describe('Environment the tenant runs in.');
export const DataClassificationSchema = z
  .enum(['public', 'internal', 'confidential', 'restricted'])
  .describe('Most sensitive class of data the tenant will store on the platform.');

/** Quota values per service and unit: `{ kafka: { storage_gb: 200 } }`. */
export const TenantQuotasSchema = z.record(ServiceIdSchema, z.record(QuotaUnitIdSchema, z.number().nonnegative()));

export const TenantSchema = z
  .object({
    name: z.string().min(1).max(80).describe('Team or product name as people say it.'),
    slug: SlugSchema.describe('Identifier of the tenant; also the file name, content/tenants/<slug>.yaml.'),
    description: z.string().max(500).optional().describe('What the team builds on the platform.'),
    owners: z.array(GitHubHandleSchema).min(1).max(20).describe('GitHub users who may approve changes for the tenant.'),
    contact: z.email().describe('Mailbox or list that reaches the team.'),
    cost_centre: z
      .string()
      .regex(/^[A-Z]{2,4}-\d{3,6}$/, 'Use the finance code form, e.g. CC-1042.')
      .describe('Cost centre usage is charged to.'),
    status: z.enum(['onboarding', 'active', 'offboarding']).default('active').describe('Where the tenant is in its life on the platform.'),
    onboarded: z.coerce.date().describe('Date the tenant was onboarded.'),
    environments: z.array(EnvironmentSchema).min(1).default(['dev', 'staging', 'prod']),
    data_classification: DataClassificationSchema.default('internal'),
    services: TenantQuotasSchema.describe('Quotas per service and unit; units come from the service catalog.'),
  })
  .strict();

export type Tenant = z.output<typeof TenantSchema>;
export type TenantInput = z.input<typeof TenantSchema>;

/** Where a tenant's file lives in the config repository. */
export const tenantPath = (slug: string) => `content/tenants/${slug}.yaml`;
