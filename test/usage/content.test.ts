/**
 * The usage export reads the catalog and the tenants for the portal's fields only: a site's own
 * fields (portalCollections({ extend }), e.g. a tenant's Kafka topics added by a request type of
 * the site's) do not stop it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUsageContent } from '../../packages/platform-portal/src/usage/content.ts';
import { BASICS } from '../helpers/fixtures.ts';

let content: string;
beforeAll(async () => {
  content = await mkdtemp(path.join(os.tmpdir(), 'usage-content-'));
  for (const folder of ['services', 'tenants']) await cp(path.join(BASICS, 'content', folder), path.join(content, folder), { recursive: true });
  const tenant = path.join(content, 'tenants/checkout.yaml');
  await writeFile(tenant, `${await readFile(tenant, 'utf-8')}\nkafka_topics:\n  - name: checkout.orders.v1\n    partitions: 12\n`);
});
afterAll(() => rm(content, { recursive: true, force: true }));

describe('the content the usage export reads', () => {
  it("takes a tenant with a field of the site's own", async () => {
    const { tenants } = await loadUsageContent(content);
    expect(tenants.map((t) => t.slug)).toContain('checkout');
  });
});
