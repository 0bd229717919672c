import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { UsageFileSchema, type UsageSeries } from '../../packages/platform-portal/src/schemas/usage.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { BASICS } from './fixtures.ts';

/**
 * A measured quota from the shipped usage files (content/usage/) that is in use and not at its
 * quota, so a test can ask for less and for more than is in use without hitting "nothing to change".
 */
export async function measuredSeries(
  /** Quotas other tests change (their pull request would hold the branch), as `tenant/service/unit`. */
  avoid: string[] = [],
): Promise<{ tenant: string; series: UsageSeries; inUse: number; asOf: string }> {
  const dir = path.join(BASICS, 'content/usage');
  for (const name of (await readdir(dir)).sort()) {
    const usage = UsageFileSchema.parse(JSON.parse(await readFile(path.join(dir, name), 'utf-8')));
    const tenant = TenantSchema.parse(parse(await readFile(path.join(BASICS, 'content/tenants', `${usage.tenant}.yaml`), 'utf-8')));
    for (const series of usage.series) {
      const [asOf, inUse] = series.points.at(-1) ?? ['', 0];
      const quota = tenant.services[series.service]?.[series.unit];
      if (avoid.includes(`${usage.tenant}/${series.service}/${series.unit}`)) continue;
      if (inUse >= 2 && quota !== undefined && ![Math.floor(inUse) - 1, Math.ceil(inUse) + 1].includes(quota)) return { tenant: usage.tenant, series, inUse, asOf };
    }
  }
  throw new Error('no usage file in content/usage/ has a series to test with');
}
