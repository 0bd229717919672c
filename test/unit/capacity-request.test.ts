import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { capacity } from '../../packages/platform-portal/src/requests/capacity.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import { RequestRefused, type RepoFile } from '../../packages/platform-portal/src/requests/types.ts';
import { previewContext } from '../../packages/platform-portal/src/lib/preview.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import portal from '../fixtures/basics/portal.config.ts';
import { BASICS } from '../helpers/fixtures.ts';

const now = new Date('2026-11-25T09:00:00Z');

/** 30 daily samples of checkout's PostgreSQL storage: 300 GB on 26 Oct, +2 GB a day, 358 GB on 24 Nov. */
const points = Array.from({ length: 30 }, (_, i) => [new Date(Date.UTC(2026, 9, 26 + i)).toISOString().slice(0, 10), 300 + 2 * i] as [string, number]);

async function setup(usage: unknown, { siteField = '' } = {}) {
  const tenantFile = 'content/tenants/checkout.yaml';
  const files = new Map<string, RepoFile>([
    [tenantFile, { content: (await readFile(path.join(BASICS, tenantFile), 'utf-8')) + siteField, sha: 'base' }],
    ['content/usage/checkout.json', usage === undefined ? undefined : { content: JSON.stringify(usage), sha: 'u' }],
  ]);
  const postgresql = ServiceSchema.parse(parse(await readFile(path.join(BASICS, 'content/services/postgresql.yaml'), 'utf-8')));
  const context = previewContext({ catalog: new Map([['postgresql', postgresql]]), config: requestConfig(portal, 'capacity'), now });
  const build = (value: number) =>
    capacity.build(
      capacity.schema.parse({ tenant: 'checkout', service: 'postgresql', unit: 'storage_gb', value, needed_by: '2026-12-31', justification: 'Order history grows faster since the loyalty launch.' }),
      files,
      context,
    );
  return { build };
}

const usageFile = { tenant: 'checkout', fetched_at: '2026-11-25T06:00:00Z', series: [{ service: 'postgresql', unit: 'storage_gb', points }] };

describe('capacity request against measured usage', () => {
  it('refuses a quota below what is in use, on the value field, saying how much is in use', async () => {
    const { build } = await setup(usageFile);
    let refused: unknown;
    try {
      build(350);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(RequestRefused);
    expect((refused as RequestRefused).kind).toBe('unprocessable');
    expect((refused as RequestRefused).problems).toEqual([
      { path: 'value', message: '350 GB is below the 358 GB in use on 24 Nov 2026; ask for at least 358 GB' },
    ]);
  });

  it('puts the usage snapshot in the pull request body as evidence', async () => {
    const { build } = await setup(usageFile);
    const { body } = build(500);
    // The quota is 400 GB: 358 / 400 = 89.5 %; the fit of a straight line is exact, +2 GB a day, +60 GB in 30 days.
    expect(body).toContain('| Usage | 358 GB on 24 Nov 2026 (89.5% of the current quota) |');
    expect(body).toContain('| Growth, last 30 days | +60 GB (least-squares trend) |');
    // (400 − 358) / 2 = 21 days after 24 Nov; (500 − 358) / 2 = 71 days.
    expect(body).toContain('| Runs out at the current quota | 15 Dec 2026 (in 21 days) |');
    expect(body).toContain('| Runs out at the requested quota | 3 Feb 2027 (in 71 days) |');
  });

  it("writes the table's numbers and date as the site does", async () => {
    const { build } = await setup(usageFile);
    const { body } = build(1500);
    expect(body).toContain('| Current | 400 GB |');
    expect(body).toContain('| Requested | 1,500 GB |');
    expect(body).toContain('| Change | +1,100 (+275%) |');
    expect(body).toContain('| Maximum | 2,000 GB |');
    expect(body).toContain('| Needed by | 31 Dec 2026 |');
  });

  it("changes the quota of a tenant whose file carries a field of the site's own (portalCollections extend)", async () => {
    const { build } = await setup(undefined, { siteField: 'kafka_topics:\n  - name: checkout.orders.created\n' });
    expect(build(500).files[0]!.content).toContain('kafka_topics:\n  - name: checkout.orders.created\n');
  });

  it('says so when the tenant has no usage data, and does not refuse', async () => {
    const { build } = await setup(undefined);
    expect(build(100).body).toContain('| Usage | no usage data yet |');
  });
});
