import { z } from 'zod';

/** Key of a quota unit, e.g. `storage_gb`. */
export const QuotaUnitIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lowercase letters, digits and underscores, e.g. storage_gb.')
  .describe('Identifier of a quota unit of a service, e.g. storage_gb.');

export const QuotaUnitSchema = z
  .object({
    label: z.string().min(1).describe('Name people read, e.g. "Storage".'),
    unit: z.string().min(1).describe('What one is counted in, e.g. GB, partitions, vCPU.'),
    description: z.string().min(1).describe('What the quota limits, in one sentence.'),
    default: z.number().nonnegative().describe('Value a new tenant gets when it asks for nothing else.'),
    maximum: z.number().positive().describe('Largest value a tenant can ask for through the portal.'),
  })
  .strict()
  .refine((q) => q.default <= q.maximum, { message: 'default must not be above maximum', path: ['default'] });

export const SloSchema = z
  .object({
    name: z.string().min(1).describe('What is measured, e.g. "Produce availability".'),
    objective: z.string().min(1).describe('The target, e.g. "99.95%" or "p99 < 50 ms".'),
    window: z.string().min(1).default('30 days').describe('Period over which the objective is measured.'),
  })
  .strict();

export const ServiceSchema = z
  .object({
    name: z.string().min(1).describe('Display name, e.g. "Kafka".'),
    summary: z.string().min(1).max(160).describe('One line on what the service is for.'),
    description: z.string().min(1).describe('A paragraph for the service page.'),
    owner: z.string().min(1).describe('Team that runs the service.'),
    tier: z.enum(['gold', 'silver', 'bronze']).describe('Support tier: gold is 24/7, silver business hours, bronze best effort.'),
    lifecycle: z.enum(['ga', 'beta', 'deprecated']).default('ga').describe('Whether new tenants should adopt it.'),
    on_call: z
      .object({
        team: z.string().min(1).describe('Rotation that answers pages.'),
        contact: z.string().min(1).describe('Where to reach the rotation, e.g. a chat channel or pager alias.'),
      })
      .strict(),
    slos: z.array(SloSchema).default([]),
    quotas: z
      .record(QuotaUnitIdSchema, QuotaUnitSchema)
      .describe('Quota units a tenant can ask for, keyed by unit id (e.g. storage_gb).'),
    guides: z.array(z.string().min(1)).default([]).describe('Docs ids of the guides for this service, e.g. guides/kafka-quickstart.'),
    runbooks: z.array(z.string().min(1)).default([]).describe('Docs ids of the runbooks for this service.'),
  })
  .strict();

export type Service = z.output<typeof ServiceSchema>;
export type ServiceInput = z.input<typeof ServiceSchema>;
export type QuotaUnit = z.output<typeof QuotaUnitSchema>;

/** The catalog the site publishes at /catalog.json and the functions read. */
export const CatalogFileSchema = z.object({ services: z.record(z.string(), ServiceSchema) });
export type CatalogFile = z.input<typeof CatalogFileSchema>;
