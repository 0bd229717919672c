/**
 * Availability follows from the incident files alone: minutes of outage and degradation per day
 * and over the window, overlaps counted once and an outage before a degradation, checked here
 * against minutes worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { availability, stateAt, type ImpactSpan } from '../../packages/platform-portal/src/lib/availability.ts';
import { concernsTenant, operationsProblems } from '../../packages/platform-portal/src/lib/operations.ts';
import { IncidentSchema, MaintenanceSchema } from '../../packages/platform-portal/src/schemas/operations.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { formatProblem, problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { kafkaService } from '../helpers/services.ts';

const at = (iso: string) => new Date(`${iso}Z`);
const span = (id: string, impact: ImpactSpan['impact'], started: string, resolved?: string): ImpactSpan => ({ id, impact, started: at(started), resolved: resolved === undefined ? undefined : at(resolved) });

const NOW = at('2026-12-04T12:00');
const INCIDENTS = [
  span('a', 'outage', '2026-12-02T10:00', '2026-12-02T10:30'), // 30 min of outage
  span('b', 'degraded', '2026-12-02T10:15', '2026-12-02T11:00'), // 45 min, 15 of them under a's outage: 30 degraded
  span('c', 'outage', '2026-12-03T23:50', '2026-12-04T00:20'), // 10 min on the 3rd, 20 on the 4th
  span('d', 'degraded', '2026-12-04T11:00'), // open: 60 min up to noon
  span('e', 'outage', '2026-11-30T08:00', '2026-11-30T09:00'), // before the window
  span('f', 'outage', '2026-12-01T23:00', '2026-12-02T00:30'), // 30 min inside the window
];

describe('availability over the last days', () => {
  const result = availability(INCIDENTS, NOW, 3);

  it('counts the minutes of each day, an outage before a degradation, an open incident up to now', () => {
    expect(result.from).toBe('2026-12-02');
    expect(result.days).toEqual([
      { date: '2026-12-02', outage: 60, degraded: 30, incidents: ['a', 'b', 'f'] },
      { date: '2026-12-03', outage: 10, degraded: 0, incidents: ['c'] },
      { date: '2026-12-04', outage: 20, degraded: 60, incidents: ['c', 'd'] },
    ]);
  });

  it('gives the availability from the outage minutes of the whole window: 1 − 90 / 3,600', () => {
    expect(result).toMatchObject({ total: 3600, outage: 90, degraded: 90 });
    expect(result.availability).toBeCloseTo(0.975, 10);
  });

  it('is 100% without incidents, over 90 days by default', () => {
    const none = availability([], NOW);
    expect(none.days).toHaveLength(90);
    expect(none.availability).toBe(1);
  });
});

describe("a service's state", () => {
  const window = { starts: at('2026-12-04T11:30'), ends: at('2026-12-04T13:00') };
  it('is an open outage, else an open degradation, else an open window, else operational', () => {
    expect(stateAt(INCIDENTS, [], NOW)).toBe('degraded');
    expect(stateAt([...INCIDENTS, span('g', 'outage', '2026-12-04T11:59')], [], NOW)).toBe('outage');
    expect(stateAt(INCIDENTS.slice(0, 3), [window], NOW)).toBe('maintenance');
    expect(stateAt(INCIDENTS.slice(0, 3), [window], at('2026-12-04T13:00'))).toBe('operational');
  });
});

describe('incident and maintenance files', () => {
  const tenant = TenantSchema.parse({ name: 'Orders', slug: 'orders', owners: ['@a'], contact: 'a@example.com', cost_centre: 'CC-1000', onboarded: '2026-01-01', environments: ['prod'], services: { kafka: { partitions: 1 } } });

  it('concern a tenant that uses a service, is named when tenants are, and runs in an environment named', () => {
    expect(concernsTenant({ services: ['kafka'] }, tenant)).toBe(true);
    expect(concernsTenant({ services: ['postgresql'] }, tenant)).toBe(false);
    expect(concernsTenant({ services: ['kafka'], tenants: ['other'] }, tenant)).toBe(false);
    expect(concernsTenant({ services: ['kafka'], environments: ['staging'] }, tenant)).toBe(false);
  });

  it('refuse a window that ends before it starts, naming the field', () => {
    const parsed = MaintenanceSchema.safeParse({ title: 'T', services: ['kafka'], impact: 'none', starts: '2026-12-12T22:00:00Z', ends: '2026-12-12T21:00:00Z', description: 'D.' });
    expect(problemsFromZod(parsed.error!, { file: 'content/maintenance/x.yaml', schema: MaintenanceSchema }).map(formatProblem)).toEqual([
      'content/maintenance/x.yaml → ends: The window ends before it starts; set ends after starts.',
    ]);
  });

  it('name the file and field of an unknown service or tenant', () => {
    const incident = IncidentSchema.parse({ title: 'T', services: ['kafka', 'mysql'], tenants: ['orders', 'ghost'], severity: 'sev3', impact: 'degraded', started: '2026-12-01T10:00:00Z' });
    const catalog = new Map([['kafka', ServiceSchema.parse(kafkaService(20))]]);
    expect(operationsProblems([{ id: 'x', file: 'content/incidents/x.yaml', data: incident }], [], new Map([['orders', tenant]]), catalog).map(formatProblem)).toEqual([
      'content/incidents/x.yaml → services[1]: unknown service "mysql"; use a service id of content/services/ (kafka)',
      'content/incidents/x.yaml → tenants[1]: no tenant "ghost" in content/tenants/',
    ]);
  });
});
