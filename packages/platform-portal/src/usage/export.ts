/**
 * Asks Prometheus for every tenant × quota unit that has both a quota and a usage query, and turns
 * the answers into usage files. Nothing is written here: the caller writes only once everything
 * has been fetched, so one failed query leaves every existing file as it was.
 */
import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import { UsageFileSchema, type UsageFile, type UsagePoint } from '../schemas/usage.ts';
import { fillQuery } from './promql.ts';
import { ownValue } from '../lib/records.ts';
import { PrometheusError, queryRange, type PrometheusTarget } from './prometheus.ts';

const DAY_MS = 86_400_000;
/** Queries in flight at once: enough to hide latency, few enough not to load a busy Prometheus. */
const CONCURRENCY = 4;

export interface UsageJob {
  tenant: string;
  service: string;
  unit: string;
  query: string;
}

export interface ExportRange {
  /** Last day asked for, YYYY-MM-DD (UTC). */
  end: string;
  days: number;
}

/** A query failed; the message is one paragraph naming the tenant, the unit and the query. */
export class UsageExportError extends Error {
  constructor(job: UsageJob, what: string, options?: { cause: unknown }) {
    const where = `${job.tenant} ${job.service}.${job.unit} (the usage_query of quotas.${job.unit} in content/services/${job.service}.yaml)`;
    super(`Exporting usage stopped at ${where}: ${what}. No usage file was written; the existing ones are unchanged.`, options);
    this.name = 'UsageExportError';
  }
}

/** Every tenant × unit pair to fetch, in a stable order: tenant, then service, then unit. */
export function usageJobs(catalog: ReadonlyMap<string, Service>, tenants: readonly Tenant[]): UsageJob[] {
  const jobs: UsageJob[] = [];
  for (const tenant of [...tenants].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    for (const serviceId of Object.keys(tenant.services).sort()) {
      const quotas = catalog.get(serviceId)?.quotas ?? {};
      for (const unitId of Object.keys(tenant.services[serviceId]!).sort()) {
        const template = ownValue(quotas, unitId)?.usage_query;
        if (template) jobs.push({ tenant: tenant.slug, service: serviceId, unit: unitId, query: fillQuery(template, tenant.slug) });
      }
    }
  }
  return jobs;
}

/** Usage values to a thousandth of the unit (MB of a GB quota): finer is noise in a diff. */
export const roundUsage = (value: number) => Math.round(value * 1000) / 1000 || 0;

/** The days asked for: midnight UTC of the first and of the last day. */
export function rangeDates({ end, days }: ExportRange): { start: Date; end: Date } {
  const last = new Date(`${end}T00:00:00Z`);
  return { start: new Date(last.getTime() - (days - 1) * DAY_MS), end: last };
}

async function fetchPoints(job: UsageJob, target: PrometheusTarget, range: ExportRange, signal: AbortSignal): Promise<UsagePoint[]> {
  const series = await queryRange(target, { query: job.query, ...rangeDates(range), stepSeconds: DAY_MS / 1000 }, signal).catch((error: unknown) => {
    throw new UsageExportError(job, error instanceof PrometheusError ? error.message : String(error), { cause: error });
  });
  if (series.length > 1) {
    const labels = series.slice(0, 3).map((s) => JSON.stringify(s.metric));
    throw new UsageExportError(job, `the query ${job.query} returned ${series.length} series (${labels.join(', ')}), where one is needed; aggregate them, e.g. with sum(...)`);
  }
  return (series[0]?.values ?? []).map(([time, text]): UsagePoint => {
    const date = new Date(time * 1000).toISOString().slice(0, 10);
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0) {
      throw new UsageExportError(job, `the query ${job.query} returned ${text} on ${date}, where usage must be a number of 0 or more; fix the query or the metric`);
    }
    return [date, roundUsage(value)];
  });
}

/**
 * Fetches every job, a few at a time; the first failure cancels the rest and is thrown. Returns
 * one usage file per tenant with at least one job, series in job order.
 */
export async function fetchUsage(jobs: readonly UsageJob[], target: PrometheusTarget, range: ExportRange, now: Date): Promise<UsageFile[]> {
  const results: UsagePoint[][] = new Array(jobs.length);
  const cancel = new AbortController();
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && !cancel.signal.aborted) {
      const index = next++;
      results[index] = await fetchPoints(jobs[index]!, target, range, cancel.signal);
    }
  };
  let failure: unknown;
  const workers = Array.from({ length: Math.min(CONCURRENCY, jobs.length) }, () =>
    worker().catch((error: unknown) => {
      // The first failure is the story; the queries it cancels fail after it.
      failure ??= error;
      cancel.abort();
    }),
  );
  await Promise.all(workers);
  if (failure !== undefined) throw failure;

  const fetchedAt = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const files = new Map<string, UsageFile>();
  jobs.forEach((job, i) => {
    const file = files.get(job.tenant) ?? { tenant: job.tenant, fetched_at: fetchedAt, series: [] };
    file.series.push({ service: job.service, unit: job.unit, points: results[i]! });
    files.set(job.tenant, file);
  });
  return [...files.values()].map((file) => UsageFileSchema.parse(file));
}
