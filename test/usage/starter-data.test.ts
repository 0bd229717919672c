/**
 * The starter usage files give the insights something to show against the starter tenants'
 * quotas: a unit nearly full, one running out within a month, one within half a year, and
 * several with no end in sight. (That they are the exporter's output is in export.test.ts.)
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import portal from '../../portal.config.ts';
import { summarizeUsage } from '../../packages/platform-portal/src/lib/usage-forecast.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { UsageFileSchema } from '../../packages/platform-portal/src/schemas/usage.ts';

async function summaries() {
  const names = (await readdir('content/usage')).filter((name) => name.endsWith('.json'));
  const rows = [];
  for (const name of names) {
    const usage = UsageFileSchema.parse(JSON.parse(await readFile(`content/usage/${name}`, 'utf8')));
    const tenant = TenantSchema.parse(parse(await readFile(`content/tenants/${usage.tenant}.yaml`, 'utf8')));
    for (const { service, unit, points } of usage.series) {
      const summary = summarizeUsage(points, tenant.services[service]![unit]!, portal.insights)!;
      rows.push({ key: `${usage.tenant} ${service}.${unit}`, ...summary });
    }
  }
  return rows;
}

describe('starter usage data', () => {
  it('has units nearly full, running out soon, later, and not at all', async () => {
    const rows = await summaries();
    const days = (row: (typeof rows)[number]) => (row.exhaustion.kind === 'on' ? row.exhaustion.days : Infinity);
    expect(rows.filter((r) => r.percentUsed! >= portal.insights.warnPercent).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => days(r) <= 30).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => days(r) > 30 && days(r) <= 180).length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.exhaustion.kind === 'not-within').length).toBeGreaterThanOrEqual(3);
  });
});
