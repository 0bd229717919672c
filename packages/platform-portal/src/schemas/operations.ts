/**
 * Operations in the open: incidents (content/incidents/<id>.yaml) and maintenance windows
 * (content/maintenance/<id>.yaml), each naming the services it affects and, where it is narrower,
 * the tenants and environments. The status page, the banners and the feeds are made from them.
 */
import { z } from 'zod';
import { ServiceIdSchema } from './docs-page.ts';
import { SlugSchema } from './slug.ts';
import { EnvironmentSchema } from './tenant.ts';
import { plainText, singleLine } from './text.ts';

/** How a service reads while an incident is open: down, or working worse than it should. */
export const ImpactSchema = z.enum(['outage', 'degraded']).describe('outage: the service does not work; degraded: it works, worse than it should.');

export const IncidentSeveritySchema = z.enum(['sev1', 'sev2', 'sev3', 'sev4']).describe('sev1 (a service down for many) to sev4 (minor).');

const Scope = {
  services: z.array(ServiceIdSchema).min(1).max(20).describe('Services it affects.'),
  tenants: z.array(SlugSchema).min(1).max(100).optional().describe('Only these tenants, when it is narrower than every tenant of the services.'),
  environments: z.array(EnvironmentSchema).min(1).max(3).optional().describe('Only these environments; all when absent.'),
};

export const IncidentUpdateSchema = z
  .object({
    at: z.coerce.date().describe('When the update was posted.'),
    status: z.enum(['investigating', 'identified', 'monitoring', 'resolved']).describe('Where the work stood.'),
    message: plainText('message').trim().min(1).max(2000).describe('What is known and what happens next.'),
  })
  .strict();

export const IncidentSchema = z
  .object({
    title: singleLine('title').min(1).max(120).describe('What people notice, in a few words.'),
    ...Scope,
    severity: IncidentSeveritySchema,
    impact: ImpactSchema,
    started: z.coerce.date().describe('When the impact started.'),
    resolved: z.coerce.date().optional().describe('When the impact ended; open while absent.'),
    updates: z.array(IncidentUpdateSchema).max(200).default([]).describe('The timeline, oldest first.'),
  })
  .strict()
  .refine((i) => i.resolved === undefined || i.resolved.getTime() >= i.started.getTime(), { message: 'The incident is resolved before it started; set resolved after started.', path: ['resolved'] })
  .refine((i) => i.updates.every((u, n) => n === 0 || u.at.getTime() >= i.updates[n - 1]!.at.getTime()), { message: 'List the updates oldest first.', path: ['updates'] });

export const MaintenanceSchema = z
  .object({
    title: singleLine('title').min(1).max(120).describe('What is done, in a few words.'),
    ...Scope,
    impact: z.enum(['none', 'degraded', 'outage']).describe('What tenants notice during the window: nothing, a degraded service, or an outage.'),
    starts: z.coerce.date().describe('When the window opens.'),
    ends: z.coerce.date().describe('When the window closes.'),
    description: plainText('description').trim().min(1).max(4000).describe('What is done, what tenants notice, and what they should do.'),
  })
  .strict()
  .refine((m) => m.ends.getTime() > m.starts.getTime(), { message: 'The window ends before it starts; set ends after starts.', path: ['ends'] });

export type Impact = z.output<typeof ImpactSchema>;
export type Incident = z.output<typeof IncidentSchema>;
export type IncidentInput = z.input<typeof IncidentSchema>;
export type Maintenance = z.output<typeof MaintenanceSchema>;
export type MaintenanceInput = z.input<typeof MaintenanceSchema>;

export const incidentPath = (id: string) => `content/incidents/${id}.yaml`;
export const maintenancePath = (id: string) => `content/maintenance/${id}.yaml`;
