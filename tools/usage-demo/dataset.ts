/**
 * The starter tenants' usage as Prometheus would hold it: one growth shape per tenant × quota unit,
 * turned into the metrics the catalog's usage queries read (content/services/*.yaml), and the
 * series the exporter must make of them. Shapes are chosen against the quotas in
 * content/tenants/*.yaml so that the site has something to say: some units nearly full, some
 * running out within a month, some within half a year, most not.
 */
import type { UsageSeries } from '../../packages/platform-portal/src/schemas/usage.ts';
import type { Family, Series } from './openmetrics.ts';

export const DEMO_END = '2026-11-24';
export const DEMO_DAYS = 90;

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A growth shape: the value on day `i` of `n` days with data. */
type Shape = (i: number, n: number) => number;
const progress = (i: number, n: number) => i / Math.max(n - 1, 1);
const linear = (from: number, to: number): Shape => (i, n) => from + (to - from) * progress(i, n);
const flat = (level: number): Shape => () => level;
const accelerating = (from: number, to: number): Shape => (i, n) => from + (to - from) * progress(i, n) ** 2.5;
const step = (from: number, to: number, day: number): Shape => (i) => (i < day ? from : to);
const shrinking = (from: number, to: number): Shape => (i, n) => from * (to / from) ** progress(i, n);

interface UnitPlan {
  shape: Shape;
  /** Random wobble, as a fraction of the value (0.05: up to ±5 %). */
  noise?: number;
  /** Weekly swing, as a fraction of the value (busy weekdays, quiet weekends). */
  weekly?: number;
}

interface TenantPlan {
  /** First day with data (a tenant onboarded inside the window); by default the window's first day. */
  from?: string;
  /** By `service.unit`. */
  units: Record<string, UnitPlan>;
}

export const STARTER_PLANS: Record<string, TenantPlan> = {
  checkout: {
    units: {
      'postgresql.storage_gb': { shape: accelerating(180, 372), noise: 0.003 }, // 93 % of 400, full within days
      'postgresql.connections': { shape: flat(410), noise: 0.06, weekly: 0.1 },
      'kafka.partitions': { shape: step(72, 84, 40) }, // 88 % of 96, but flat since
      'kafka.storage_gb': { shape: linear(150, 210), noise: 0.01 }, // full in about four months
      'kafka.throughput_mbps': { shape: flat(22), noise: 0.05, weekly: 0.2 },
      'object-storage.storage_gb': { shape: linear(220, 262), noise: 0.005 },
      'object-storage.buckets': { shape: step(4, 5, 50) },
    },
  },
  'fraud-detection': {
    units: {
      'kafka.partitions': { shape: flat(90) },
      'kafka.storage_gb': { shape: step(300, 495, 45), noise: 0.005 }, // retention raised: 83 % of 600
      'kafka.throughput_mbps': { shape: linear(30, 38), noise: 0.03, weekly: 0.1 },
      'postgresql.storage_gb': { shape: linear(125, 170), noise: 0.005 },
      'postgresql.connections': { shape: flat(180), noise: 0.05 },
      'clickhouse.storage_gb': { shape: linear(380, 560), noise: 0.005 },
    },
  },
  'growth-analytics': {
    units: {
      'clickhouse.storage_gb': { shape: linear(1900, 2350), noise: 0.005 },
      'object-storage.storage_gb': { shape: step(4000, 7000, 30), noise: 0.002 }, // a backfill of old exports
      'object-storage.buckets': { shape: step(8, 10, 30) },
    },
  },
  'ml-features': {
    units: {
      'kafka.partitions': { shape: step(32, 48, 20) },
      'kafka.storage_gb': { shape: accelerating(40, 128), noise: 0.004 }, // 85 % of 150, full within weeks
      'kafka.throughput_mbps': { shape: linear(6, 11), noise: 0.04, weekly: 0.1 },
      'postgresql.storage_gb': { shape: linear(12, 21), noise: 0.01 },
      'postgresql.connections': { shape: flat(60), noise: 0.08 },
      'object-storage.storage_gb': { shape: shrinking(26000, 17500), noise: 0.003 }, // lifecycle rule expiring old tables
      'object-storage.buckets': { shape: flat(14) },
    },
  },
  'payments-ledger': {
    from: '2026-11-10', // onboarded that day
    units: {
      'postgresql.storage_gb': { shape: linear(0.5, 6), noise: 0.02 },
      'postgresql.connections': { shape: step(10, 24, 7) },
      'kafka.partitions': { shape: flat(9) },
      'kafka.storage_gb': { shape: linear(0.1, 2.4), noise: 0.02 },
      'kafka.throughput_mbps': { shape: flat(0.4), noise: 0.1 },
    },
  },
  'search-ranking': {
    units: {
      'kafka.partitions': { shape: flat(36) },
      'kafka.storage_gb': { shape: flat(120), noise: 0.03 },
      'kafka.throughput_mbps': { shape: flat(14), noise: 0.05, weekly: 0.25 },
      'clickhouse.storage_gb': { shape: linear(980, 1190), noise: 0.005 },
      'object-storage.storage_gb': { shape: linear(5200, 4700), noise: 0.005 },
      'object-storage.buckets': { shape: flat(7) },
    },
  },
};

/**
 * How a unit's value becomes samples: the metric its usage query sums, the factor from the unit to
 * the metric (GB → bytes), how finely values are kept (steps per unit: 1000 for thousandths, as
 * the exporter rounds), and the label its value is spread over. Object storage is special: one
 * series per bucket, so the bucket count is the number of series and the storage is their sum.
 */
interface MetricSpec {
  metric: string;
  scale: number;
  stepsPerUnit: number;
  label: string;
  parts: string[] | 'buckets';
}

const METRICS: Record<string, MetricSpec | 'bucket count'> = {
  'kafka.partitions': { metric: 'kafka_topic_partitions', scale: 1, stepsPerUnit: 1, label: 'topic', parts: ['orders', 'events', 'dlq'] },
  'kafka.storage_gb': { metric: 'kafka_log_size_bytes', scale: 1e9, stepsPerUnit: 1000, label: 'topic', parts: ['orders', 'events', 'dlq'] },
  'kafka.throughput_mbps': { metric: 'tenant:kafka_produce_bytes:rate1h', scale: 1e6, stepsPerUnit: 1000, label: 'cluster', parts: ['main'] },
  'postgresql.storage_gb': { metric: 'pg_database_size_bytes', scale: 1e9, stepsPerUnit: 1000, label: 'datname', parts: ['app', 'audit'] },
  'postgresql.connections': { metric: 'pgbouncer_pools_server_active_connections', scale: 1, stepsPerUnit: 1, label: 'database', parts: ['app', 'audit'] },
  'clickhouse.storage_gb': { metric: 'clickhouse_tenant_disk_bytes', scale: 1e9, stepsPerUnit: 1000, label: 'disk', parts: ['hot', 'cold'] },
  'object-storage.storage_gb': { metric: 's3_bucket_size_bytes', scale: 1e9, stepsPerUnit: 1000, label: 'bucket', parts: 'buckets' },
  'object-storage.buckets': 'bucket count',
};

/** A small seeded generator (mulberry32), so the demo data is the same on every run. */
function random(seedText: string): () => number {
  let seed = [...seedText].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 1779033703);
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The dates with data for a tenant, oldest first. */
function datesOf(plan: TenantPlan, end: string, days: number): string[] {
  const first = Math.max(dayOf(end) - (days - 1) * DAY_MS, plan.from ? dayOf(plan.from) : -Infinity);
  return Array.from({ length: Math.round((dayOf(end) - first) / DAY_MS) + 1 }, (_, i) => dateOf(first + i * DAY_MS));
}

/** A unit's value per day, in whole steps (thousandths of a GB, whole partitions). */
function stepsOf(tenant: string, key: string, unit: UnitPlan, dates: string[]): number[] {
  const spec = METRICS[key];
  if (!spec) throw new Error(`No metric is known for ${key}; add it to METRICS in tools/usage-demo/dataset.ts.`);
  const stepsPerUnit = spec === 'bucket count' ? 1 : spec.stepsPerUnit;
  const next = random(`${tenant}.${key}`);
  return dates.map((date, i) => {
    const weekly = 1 + (unit.weekly ?? 0) * Math.sin((2 * Math.PI * dayOf(date)) / (7 * DAY_MS));
    const wobble = 1 + (unit.noise ?? 0) * (2 * next() - 1);
    return Math.max(0, Math.round(unit.shape(i, dates.length) * weekly * wobble * stepsPerUnit));
  });
}

/** `total` steps spread over `count` parts, the first ones larger; the parts add up exactly. */
function split(total: number, count: number): number[] {
  const weights = Array.from({ length: count }, (_, k) => count - k);
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

/** The exporter's order: by service id, then unit id. */
function byServiceThenUnit(a: string, b: string): number {
  const [serviceA, unitA] = a.split('.') as [string, string];
  const [serviceB, unitB] = b.split('.') as [string, string];
  if (serviceA !== serviceB) return serviceA < serviceB ? -1 : 1;
  return unitA < unitB ? -1 : unitA > unitB ? 1 : 0;
}

export interface DemoData {
  families: Family[];
  /** What the exporter must write for each tenant: series by service, then unit. */
  expected: Map<string, UsageSeries[]>;
}

/** The metrics and the expected usage series of the given plans, for the window ending `end`. */
export function demoData(plans: Record<string, TenantPlan> = STARTER_PLANS, end = DEMO_END, days = DEMO_DAYS): DemoData {
  const families = new Map<string, Series[]>();
  const add = (metric: string, series: Series) => families.set(metric, [...(families.get(metric) ?? []), series]);
  const expected = new Map<string, UsageSeries[]>();

  for (const [tenant, plan] of Object.entries(plans)) {
    const dates = datesOf(plan, end, days);
    const times = dates.map((date) => dayOf(date) / 1000);
    const steps = new Map(Object.entries(plan.units).map(([key, unit]) => [key, stepsOf(tenant, key, unit, dates)]));
    const series: UsageSeries[] = [];
    for (const key of [...steps.keys()].sort(byServiceThenUnit)) {
      const [service, unit] = key.split('.') as [string, string];
      const values = steps.get(key)!;
      const spec = METRICS[key]!;
      const stepsPerUnit = spec === 'bucket count' ? 1 : spec.stepsPerUnit;
      series.push({ service, unit, points: values.map((v, i) => [dates[i]!, v / stepsPerUnit]) });
      if (spec === 'bucket count') continue;

      const sample = spec.scale / spec.stepsPerUnit;
      const buckets = spec.parts === 'buckets' ? steps.get('object-storage.buckets') : undefined;
      if (spec.parts === 'buckets' && !buckets) throw new Error(`${tenant} needs object-storage.buckets to spread its object storage over buckets.`);
      const names = buckets ? Array.from({ length: Math.max(...buckets) }, (_, k) => `${tenant}-bucket-${k + 1}`) : (spec.parts as string[]);
      names.forEach((name, k) => {
        // A bucket exists on the days the bucket count reaches it; other parts exist every day.
        const samples = values.flatMap((v, i): [number, number][] => {
          const count = buckets ? buckets[i]! : names.length;
          return k < count ? [[times[i]!, split(v, count)[k]! * sample]] : [];
        });
        add(spec.metric, { labels: { tenant, [spec.label]: name }, samples });
      });
    }
    expected.set(tenant, series);
  }
  return { families: [...families].map(([name, series]) => ({ name, series })), expected };
}
