/**
 * Usage across tenants: one row per tenant × quota unit with its forecast, the fleet order (what
 * runs out first), and per service the quotas handed out against what the service can carry.
 * Pure: the pages pass in the content.
 */
import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import type { UsageFile, UsagePoint } from '../schemas/usage.ts';
import { suggestQuota, summarizeUsage, type InsightsConfig, type UsageSummary } from './usage-forecast.ts';
import { ownValue } from './records.ts';

export type Catalog = ReadonlyMap<string, Pick<Service, 'quotas'>>;

export interface UsageRow {
  tenant: string;
  service: string;
  unit: string;
  quota: number;
  /** Daily samples; empty when the usage file has no series for this unit. */
  points: UsagePoint[];
  /** Undefined without samples. */
  summary: UsageSummary | undefined;
  /** The quota to ask for, on flagged rows only; undefined when nothing above the quota fits the maximum. */
  suggestion: number | undefined;
}

/** One row per quota the tenant holds, in the order of its file, with usage where there is some. */
export function tenantUsageRows(
  tenant: { id: string; services: Tenant['services'] },
  catalog: Catalog,
  usage: Pick<UsageFile, 'series'> | undefined,
  config: InsightsConfig,
): UsageRow[] {
  return Object.entries(tenant.services).flatMap(([service, quotas]) =>
    Object.entries(quotas).map(([unit, quota]) => {
      const points = usage?.series.find((s) => s.service === service && s.unit === unit)?.points ?? [];
      const summary = summarizeUsage(points, quota, config);
      const maximum = ownValue(catalog.get(service)?.quotas, unit)?.maximum ?? quota;
      const suggestion = summary && summary.flags.length > 0 ? suggestQuota(summary, maximum, config) : undefined;
      return { tenant: tenant.id, service, unit, quota, points, summary, suggestion };
    }),
  );
}

/** A row with usage data: what the fleet view lists. */
export type FleetRow = UsageRow & { summary: UsageSummary };

/** Days until the quota runs out at the trend; Infinity when not within the horizon or unknown. */
export function daysToExhaustion(summary: UsageSummary): number {
  return summary.exhaustion.kind === 'on' ? summary.exhaustion.days : Infinity;
}

const ascending = (a: number, b: number) => (a === b ? 0 : a < b ? -1 : 1);

/** What runs out first comes first; among equals (and rows with no date), the fuller quota. */
export function compareByExhaustion(a: FleetRow, b: FleetRow): number {
  return (
    ascending(daysToExhaustion(a.summary), daysToExhaustion(b.summary)) ||
    // A quota of 0 has no percentage; with usage on it, it is the fullest there is.
    ascending(b.summary.percentUsed ?? Infinity, a.summary.percentUsed ?? Infinity) ||
    a.tenant.localeCompare(b.tenant) ||
    a.service.localeCompare(b.service) ||
    a.unit.localeCompare(b.unit)
  );
}

/** Every tenant × unit that has usage data, sorted by days to exhaustion, then percent used. */
export function fleetRows(
  tenants: readonly { id: string; services: Tenant['services'] }[],
  catalog: Catalog,
  usage: ReadonlyMap<string, Pick<UsageFile, 'series'>>,
  config: InsightsConfig,
): FleetRow[] {
  return tenants
    .flatMap((t) => tenantUsageRows(t, catalog, usage.get(t.id), config))
    .filter((row): row is FleetRow => row.summary !== undefined)
    .sort(compareByExhaustion);
}

/**
 * The earliest and latest day the rows' daily figures run up to (ISO days), undefined without
 * figures: each forecast counts from its own last figure, and usage files may end on different days.
 */
export function figuresEnd(rows: readonly UsageRow[]): { earliest: string; latest: string } | undefined {
  const days = rows.flatMap((r) => (r.summary ? [r.summary.asOf] : [])).sort();
  return days.length === 0 ? undefined : { earliest: days[0]!, latest: days.at(-1)! };
}

export interface Allocation {
  unit: string;
  /** Sum of the quotas every tenant holds in this unit. */
  allocated: number;
  /** Tenants holding a quota in this unit. */
  tenants: number;
  /** What the service can carry; undefined when the catalog does not say. */
  capacity: number | undefined;
  /** allocated ÷ capacity × 100. */
  percent: number | undefined;
  /** More is promised than the service can carry. */
  over: boolean;
}

/** Per quota unit of a service, in catalog order: the tenants' quotas added up against its capacity. */
export function allocation(serviceId: string, service: Pick<Service, 'quotas'>, tenants: readonly { services: Tenant['services'] }[]): Allocation[] {
  return Object.entries(service.quotas).map(([unit, { capacity }]) => {
    const held = tenants.map((t) => ownValue(ownValue(t.services, serviceId), unit)).filter((q) => q !== undefined);
    const allocated = held.reduce((sum, q) => sum + q, 0);
    return {
      unit,
      allocated,
      tenants: held.length,
      capacity,
      percent: capacity === undefined ? undefined : (allocated / capacity) * 100,
      over: capacity !== undefined && allocated > capacity,
    };
  });
}
