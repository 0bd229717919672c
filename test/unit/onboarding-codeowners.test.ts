/**
 * An onboarding request's pull request carries the new tenant's owners into the repository's
 * CODEOWNERS block, so that `platform-portal check` passes on it and, once merged, the owners
 * approve the tenant's changes; a site with `requests.codeowners: false` gets the tenant file only.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { onboarding } from '../../packages/platform-portal/src/requests/onboarding.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import { RequestRefused, type BuildContext, type RepoFile } from '../../packages/platform-portal/src/requests/types.ts';
import { BLOCK_END } from '../../packages/platform-portal/src/lib/codeowners.ts';
import { tenantCodeowners } from '../../packages/platform-portal/src/requests/codeowners-change.ts';
import { BASICS } from '../helpers/fixtures.ts';
import portal from '../fixtures/basics/portal.config.ts';

const TEAM_LINES = '# The platform team reviews everything else.\n* @acme/platform-team\n\n';

const catalog = new Map(
  await Promise.all(
    ['kafka', 'postgresql'].map(async (id) => [id, ServiceSchema.parse(parse(await readFile(path.join(BASICS, `content/services/${id}.yaml`), 'utf-8')))] as const),
  ),
);

function context(codeowners: boolean): BuildContext {
  return {
    requestId: 'feedfacecafebeef0123456789abcdef',
    requesterHash: 'abcdef0123456789feedfacecafebeef',
    requester: { email: 'someone@example.com' },
    now: new Date('2026-12-04T10:00:00Z'),
    catalog,
    config: { ...requestConfig(portal, 'onboarding'), codeowners },
  };
}

async function baseFiles(at: string): Promise<Map<string, RepoFile>> {
  const block = await readFile(path.join(BASICS, '.github/CODEOWNERS'), 'utf-8');
  return new Map([[at, { content: TEAM_LINES + block, sha: 'codeowners-sha' }]]);
}

const request = onboarding.schema.parse(onboarding.example);

describe('an onboarding request and CODEOWNERS', () => {
  it.each(['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'])('adds the tenant’s owners to the block of %s, keeping every other line', async (at) => {
    const change = onboarding.build(request, await baseFiles(at), context(true));
    const codeowners = change.files.find((f) => f.path === at);
    expect(codeowners?.previousSha).toBe('codeowners-sha');
    const text = codeowners?.content ?? '';
    expect(text.startsWith(TEAM_LINES)).toBe(true);
    expect(text).toContain('/content/tenants/recommendations.yaml @alex-kim @sam-osei\n');
    expect(text).toContain('/content/tenants/checkout.yaml @amira-haddad @jonas-vogel @priya-raman\n');
    expect(text.trimEnd().endsWith(BLOCK_END)).toBe(true);
    expect(change.files.map((f) => f.path)).toEqual(['content/tenants/recommendations.yaml', at]);
  });

  it('leaves CODEOWNERS alone when the site turned the block off', async () => {
    const change = onboarding.build(request, await baseFiles('.github/CODEOWNERS'), context(false));
    expect(change.files.map((f) => f.path)).toEqual(['content/tenants/recommendations.yaml']);
  });

  it('refuses, naming the owners, a CODEOWNERS whose block it cannot read', async () => {
    const broken = new Map([['.github/CODEOWNERS', { content: `${TEAM_LINES}${BLOCK_END}\n`, sha: 'x' }]]);
    expect(() => onboarding.build(request, broken, context(true))).toThrow(RequestRefused);
  });
});

describe('tenantCodeowners, for a request that removes a tenant', () => {
  it("takes the tenant's lines out of the block and keeps every other line", async () => {
    const files = await baseFiles('.github/CODEOWNERS');
    const [change] = tenantCodeowners(files, context(true), { remove: 'checkout' });
    expect(change?.path).toBe('.github/CODEOWNERS');
    expect(change?.previousSha).toBe('codeowners-sha');
    const before = files.get('.github/CODEOWNERS')!.content.split('\n');
    expect(before.filter((line) => !(change?.content ?? '').split('\n').includes(line))).toEqual([
      '/content/tenants/checkout.yaml @amira-haddad @jonas-vogel @priya-raman',
      '/content/access/checkout.yaml @amira-haddad @jonas-vogel @priya-raman',
    ]);
  });

  it('changes nothing without a CODEOWNERS file, or when the site keeps no block', async () => {
    expect(tenantCodeowners(new Map(), context(true), { remove: 'checkout' })).toEqual([]);
    expect(tenantCodeowners(await baseFiles('.github/CODEOWNERS'), context(false), { remove: 'checkout' })).toEqual([]);
  });
});
