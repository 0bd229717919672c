import { z } from 'zod';
import { ServiceAccessSchema } from './access.ts';
import { ConnectSchema } from './connect.ts';
import { keyedRecord, notInherited } from './keys.ts';
import { plainText, singleLine } from './text.ts';

/** Key of a quota unit, e.g. `storage_gb`. */
export const QuotaUnitIdSchema = notInherited(
  z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lowercase letters, digits and underscores, e.g. storage_gb.'),
).describe('Identifier of a quota unit of a service, e.g. storage_gb.');

/** Quota units a service has, and a tenant holds of one service. */
export const MAX_QUOTA_UNITS = 20;

/** Where the tenant's slug goes in a usage query: a whole label value of an equality matcher. */
export const TENANT_PLACEHOLDER = '{{tenant}}';

export const UsageQuerySchema = z
  .string()
  .min(1)
  .refine((q) => q.includes(TENANT_PLACEHOLDER), { message: `Put ${TENANT_PLACEHOLDER} where the tenant's slug goes, e.g. tenant="${TENANT_PLACEHOLDER}".` })
  .refine((q) => q.split(TENANT_PLACEHOLDER).length - 1 === (q.match(/!?="\{\{tenant\}\}"/g) ?? []).length, {
    message: `Use ${TENANT_PLACEHOLDER} only as a whole quoted label value of = or != (e.g. tenant="${TENANT_PLACEHOLDER}"), so the slug is escaped as a string and cannot change the query.`,
  })
  .describe('PromQL for one tenant\'s usage in this unit, e.g. sum(kafka_log_size_bytes{tenant="{{tenant}}"}) / 1e9.');

export const QuotaUnitSchema = z
  .object({
    label: singleLine('label').min(1).describe('Name people read, e.g. "Storage".'),
    unit: singleLine('unit').min(1).describe('What one is counted in, e.g. GB, partitions, vCPU.'),
    description: plainText('description').min(1).describe('What the quota limits, in one sentence.'),
    default: z.number().nonnegative().describe('Value a new tenant gets when it asks for nothing else.'),
    maximum: z.number().positive().describe('Largest value a tenant can ask for through the portal.'),
    capacity: z
      .number()
      .positive()
      .optional()
      .describe('What the service can give all tenants together in this unit; the fleet view sets the allocated quotas against it.'),
    usage_query: UsageQuerySchema.optional(),
  })
  .strict()
  .refine((q) => q.default <= q.maximum, { message: 'default must not be above maximum', path: ['default'] })
  .refine((q) => q.capacity === undefined || q.maximum <= q.capacity, { message: 'maximum must not be above capacity', path: ['maximum'] });

export const SloSchema = z
  .object({
    name: singleLine('name').min(1).describe('What is measured, e.g. "Produce availability".'),
    objective: singleLine('objective').min(1).describe('The target, e.g. "99.95%" or "p99 < 50 ms".'),
    window: singleLine('window').min(1).default('30 days').describe('Period over which the objective is measured.'),
  })
  .strict();

export const ServiceSchema = z
  .object({
    name: singleLine('name').min(1).describe('Display name, e.g. "Kafka".'),
    summary: singleLine('summary').min(1).max(160).describe('One line on what the service is for.'),
    description: plainText('description').min(1).describe('A paragraph for the service page.'),
    owner: singleLine('owner').min(1).describe('Team that runs the service.'),
    tier: z.enum(['gold', 'silver', 'bronze']).describe('Support tier: gold is 24/7, silver business hours, bronze best effort.'),
    lifecycle: z.enum(['ga', 'beta', 'deprecated']).default('ga').describe('Whether new tenants should adopt it.'),
    on_call: z
      .object({
        team: singleLine('on-call team').min(1).describe('Rotation that answers pages.'),
        contact: singleLine('on-call contact').min(1).describe('Where to reach the rotation, e.g. a chat channel or pager alias.'),
      })
      .strict(),
    slos: z.array(SloSchema).default([]),
    quotas: keyedRecord(QuotaUnitIdSchema, QuotaUnitSchema, { max: MAX_QUOTA_UNITS, entries: 'quota units' }).describe(
      'Quota units a tenant can ask for, keyed by unit id (e.g. storage_gb).',
    ),
    access: ServiceAccessSchema.optional().describe('Time-limited access people may be granted to a tenant’s resources of this service.'),
    connect: ConnectSchema.optional().describe('How a tenant connects: endpoints, authentication, where its credentials live, limits and client snippets, templates filled in per tenant and environment.'),
  })
  .strict();

export type Service = z.output<typeof ServiceSchema>;
export type ServiceInput = z.input<typeof ServiceSchema>;
export type QuotaUnit = z.output<typeof QuotaUnitSchema>;

/** The catalog the site publishes at /catalog.json and the functions read. */
export const CatalogFileSchema = z.object({ services: z.record(z.string(), ServiceSchema) });
export type CatalogFile = z.input<typeof CatalogFileSchema>;
