import { describe, expect, it } from 'vitest';
import { allocation, figuresEnd, fleetRows, tenantUsageRows, type Catalog } from '../../packages/platform-portal/src/lib/fleet.ts';
import type { InsightsConfig } from '../../packages/platform-portal/src/lib/usage-forecast.ts';
import type { UsagePoint } from '../../packages/platform-portal/src/schemas/usage.ts';
import type { Tenant } from '../../packages/platform-portal/src/schemas/tenant.ts';
import type { Service } from '../../packages/platform-portal/src/schemas/service.ts';

const config: InsightsConfig = { trendDays: 30, horizonDays: 180, warnPercent: 80, warnDays: 30, suggestMonths: 6, headroomPercent: 25 };

const unit = (maximum: number, capacity?: number) => ({ label: 'U', unit: 'GB', description: 'd', default: 1, maximum, capacity });
const catalog: Catalog = new Map<string, Pick<Service, 'quotas'>>([
  ['kafka', { quotas: { storage_gb: unit(2000, 3000), partitions: unit(600) } }],
  ['clickhouse', { quotas: { storage_gb: unit(1000, 1000) } }],
]);

/** Ten daily samples up to 24 Nov 2026, growing by `perDay` to `current`. */
const series = (current: number, perDay: number): UsagePoint[] =>
  Array.from({ length: 10 }, (_, i) => [`2026-11-${String(15 + i).padStart(2, '0')}`, current - perDay * (9 - i)] as UsagePoint);

const tenants: { id: string; services: Tenant['services'] }[] = [
  { id: 'alpha', services: { kafka: { storage_gb: 400, partitions: 100 }, clickhouse: { storage_gb: 500 } } },
  { id: 'beta', services: { kafka: { storage_gb: 1000 } } },
  { id: 'gamma', services: { kafka: { storage_gb: 2000 } } },
];
const usage = new Map([
  // alpha: kafka storage 300/400 GB at +5 a day → 20 days; partitions flat at 90/100; clickhouse 510/500 → used up.
  [
    'alpha',
    {
      series: [
        { service: 'kafka', unit: 'storage_gb', points: series(300, 5) },
        { service: 'kafka', unit: 'partitions', points: series(90, 0) },
        { service: 'clickhouse', unit: 'storage_gb', points: series(510, 0) },
      ],
    },
  ],
  // beta: 500/1000 GB at +10 a day → 50 days.
  ['beta', { series: [{ service: 'kafka', unit: 'storage_gb', points: series(500, 10) }] }],
  // gamma: flat at 100/2000 GB → not within the horizon, 5 % used.
  ['gamma', { series: [{ service: 'kafka', unit: 'storage_gb', points: series(100, 0) }] }],
]);

describe('tenantUsageRows', () => {
  it('gives a row per quota the tenant holds, without a summary where there is no series', () => {
    const rows = tenantUsageRows(tenants[0]!, catalog, { series: usage.get('alpha')!.series.slice(0, 1) }, config);
    expect(rows.map((r) => [r.service, r.unit, r.summary?.current])).toEqual([
      ['kafka', 'storage_gb', 300],
      ['kafka', 'partitions', undefined],
      ['clickhouse', 'storage_gb', undefined],
    ]);
    expect(tenantUsageRows(tenants[1]!, catalog, undefined, config).map((r) => r.summary)).toEqual([undefined]);
  });

  it('suggests a quota on flagged rows only, within the unit’s maximum', () => {
    const rows = tenantUsageRows(tenants[0]!, catalog, usage.get('alpha'), config);
    const [storage, partitions] = rows;
    expect(storage!.summary!.flags.length).toBeGreaterThan(0);
    expect(storage!.suggestion).toBeGreaterThan(400);
    expect(storage!.suggestion).toBeLessThanOrEqual(2000);
    // 90 % used, flat: 90 × 1.25 = 112.5, rounded up.
    expect(partitions!.suggestion).toBe(113);
    expect(tenantUsageRows(tenants[2]!, catalog, usage.get('gamma'), config)[0]!.suggestion).toBeUndefined();
  });
});

describe('fleetRows', () => {
  it('lists every tenant × unit with data, what runs out first on top, then the fuller quota', () => {
    const rows = fleetRows(tenants, catalog, usage, config);
    expect(rows.map((r) => `${r.tenant}/${r.service}/${r.unit}`)).toEqual([
      'alpha/clickhouse/storage_gb', // used up: 0 days
      'alpha/kafka/storage_gb', // 20 days
      'beta/kafka/storage_gb', // 50 days
      'alpha/kafka/partitions', // no date, 90 %
      'gamma/kafka/storage_gb', // no date, 5 %
    ]);
  });

  it('leaves out tenants without usage', () => {
    expect(fleetRows(tenants, catalog, new Map([['beta', usage.get('beta')!]]), config).map((r) => r.tenant)).toEqual(['beta']);
  });
});

describe('figuresEnd', () => {
  it('gives the earliest and latest last figure of the rows', () => {
    expect(figuresEnd(fleetRows(tenants, catalog, usage, config))).toEqual({ earliest: '2026-11-24', latest: '2026-11-24' });
    // beta's file stops two days earlier.
    const late = new Map(usage).set('beta', { series: [{ service: 'kafka', unit: 'storage_gb', points: series(500, 10).slice(0, -2) }] });
    expect(figuresEnd(fleetRows(tenants, catalog, late, config))).toEqual({ earliest: '2026-11-22', latest: '2026-11-24' });
    expect(figuresEnd([])).toBeUndefined();
  });
});

describe('allocation', () => {
  it('adds up the tenants’ quotas per unit against the capacity and marks over-allocation', () => {
    expect(allocation('kafka', catalog.get('kafka')!, tenants)).toEqual([
      { unit: 'storage_gb', allocated: 3400, tenants: 3, capacity: 3000, percent: (3400 / 3000) * 100, over: true },
      { unit: 'partitions', allocated: 100, tenants: 1, capacity: undefined, percent: undefined, over: false },
    ]);
    expect(allocation('clickhouse', catalog.get('clickhouse')!, tenants)).toEqual([
      { unit: 'storage_gb', allocated: 500, tenants: 1, capacity: 1000, percent: 50, over: false },
    ]);
  });
});
