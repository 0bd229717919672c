/**
 * Access grants (content/access/<tenant>.yaml): the rules they keep across files, the warning for a
 * grant past its last day, and the change that removes expired grants and keeps every other byte.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { accessProblems, grantDays } from '../../packages/platform-portal/src/lib/access-grants.ts';
import { expireGrants, expiryChange } from '../../packages/platform-portal/src/access/expire.ts';
import { AccessFileSchema } from '../../packages/platform-portal/src/schemas/access.ts';
import { ServiceSchema } from '../../packages/platform-portal/src/schemas/service.ts';
import { TenantSchema } from '../../packages/platform-portal/src/schemas/tenant.ts';
import { formatProblem, isWarning, problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { kafkaService } from '../helpers/services.ts';

const kafka = ServiceSchema.parse({ ...kafkaService(600), access: { max_days: 30, roles: { consume: 'Read the tenant’s topics.', produce: 'Write to them.' } } });
const catalog = new Map([['kafka', kafka], ['clickhouse', ServiceSchema.parse({ ...kafkaService(20), name: 'ClickHouse' })]]);
const tenant = TenantSchema.parse({
  name: 'Acme', slug: 'acme', owners: ['@a'], contact: 'a@example.com', cost_centre: 'CC-1000', onboarded: '2026-01-01',
  services: { kafka: { partitions: 24 }, clickhouse: { partitions: 1 } },
});
const tenants = new Map([['acme', tenant]]);

const grant = (fields: Record<string, unknown> = {}) => ({
  person: 'dana@example.com', service: 'kafka', role: 'consume', reason: 'Debugging consumer lag.', granted: '2026-11-20', expires: '2026-12-10', ...fields,
});
const file = (grants: Record<string, unknown>[], tenantId = 'acme') => ({ id: tenantId, file: `content/access/${tenantId}.yaml`, data: AccessFileSchema.parse({ tenant: tenantId, grants }) });
const problems = (grants: Record<string, unknown>[], today = '2026-12-01', tenantId = 'acme') => accessProblems([file(grants, tenantId)], tenants, catalog, today);

describe('access grants across files', () => {
  it('accept a grant within the service’s longest access, to a service the tenant uses', () => {
    expect(problems([grant(), grant({ person: undefined, group: 'data-science', role: 'produce', expires: '2026-12-19' })])).toEqual([]);
  });

  it('refuse a grant longer than the service allows, naming the days and the fix', () => {
    expect(grantDays({ granted: new Date('2026-11-20'), expires: new Date('2026-12-19') })).toBe(30);
    expect(problems([grant({ expires: '2026-12-20' })]).map(formatProblem)).toEqual([
      'content/access/acme.yaml → grants[0].expires: the grant lasts 31 days, longer than the 30 Kafka allows; set expires at most 30 days after granted',
    ]);
  });

  it('refuse an unknown role, a service without access, and a tenant that is not there', () => {
    expect(problems([grant({ role: 'admin' })]).map(formatProblem)).toEqual(['content/access/acme.yaml → grants[0].role: Kafka has no access role "admin"; use one of consume, produce']);
    expect(problems([grant({ service: 'clickhouse' })])[0]!.message).toMatch(/^ClickHouse grants no access on request: its catalog file has no access section/);
    expect(problems([grant()], '2026-12-01', 'ghost').map((p) => p.message)).toEqual(['no tenant "ghost" in content/tenants/; delete the file, or onboard the tenant first']);
  });

  it('flag a grant past its last day as a warning, from the day after it', () => {
    expect(problems([grant()], '2026-12-10')).toEqual([]);
    const late = problems([grant()], '2026-12-11');
    expect(late.every(isWarning)).toBe(true);
    expect(late.map(formatProblem)).toEqual([
      "content/access/acme.yaml → grants[0].expires: the access of dana@example.com expired on 2026-12-10; the access workflow's pull request removes it, or delete the grant",
    ]);
  });

  it('refuse a grant for both a person and a group, or one that ends before it starts', () => {
    const parsed = AccessFileSchema.safeParse({ tenant: 'acme', grants: [grant({ group: 'ops' }), grant({ expires: '2026-11-01' })] });
    expect(parsed.success).toBe(false);
    expect(problemsFromZod(parsed.error!, { schema: AccessFileSchema }).map(formatProblem)).toEqual([
      'grants[0].person: Name either a person (an email) or a group, not both and not neither.',
      'grants[1].expires: The grant expires before it starts; set expires on or after granted.',
    ]);
  });
});

const SOURCE = `# Access to acme's resources; the portal's "Request access" adds grants here.
tenant: acme
grants:
  - person: dana@example.com # on call for the migration
    service: kafka
    role: consume
    reason: Debugging consumer lag.
    granted: 2026-11-20
    expires: 2026-11-30

  - group: data-science
    service: kafka
    role: consume
    reason: "Quarterly churn model: reads order events."
    granted: 2026-11-20
    expires: 2026-12-19
  - person: sam@example.com
    service: kafka
    role: produce
    reason: Backfill.
    granted: 2026-11-01
    expires: 2026-11-02
`;

describe('removing expired grants', () => {
  const files = new Map([['content/access/acme.yaml', { content: SOURCE, sha: 'blob-1' }]]);

  it('drops the expired grants and keeps every other byte, comments and blank lines included', () => {
    const expiry = expireGrants(files, '2026-12-01');
    expect(expiry.expired.map((e) => e.grant.person)).toEqual(['dana@example.com', 'sam@example.com']);
    expect(expiry.files).toHaveLength(1);
    const [edited] = expiry.files;
    expect(edited!.previousSha).toBe('blob-1');
    expect(edited!.content).toBe(`# Access to acme's resources; the portal's "Request access" adds grants here.
tenant: acme
grants:

  - group: data-science
    service: kafka
    role: consume
    reason: "Quarterly churn model: reads order events."
    granted: 2026-11-20
    expires: 2026-12-19
`);
    expect((parse(edited!.content) as { grants: unknown[] }).grants).toHaveLength(1);
  });

  it('opens one pull request naming each grant it removes', () => {
    const change = expiryChange(expireGrants(files, '2026-12-01'), '2026-12-01')!;
    expect(change).toMatchObject({ branch: 'access/expired', mode: 'refresh', title: 'Remove 2 expired access grants' });
    expect(change.body).toContain('| `acme` | `dana@example.com` | `kafka` `consume` | 2026-11-30 |');
    expect(change.body).toContain('| `acme` | `sam@example.com` | `kafka` `produce` | 2026-11-02 |');
  });

  it('changes nothing when no grant has expired, and says which files it cannot read', () => {
    const unchanged = expireGrants(files, '2026-11-02');
    expect(unchanged.files).toEqual([]);
    expect(expiryChange(unchanged, '2026-11-02')).toBeUndefined();
    const broken = expireGrants(new Map([['content/access/x.yaml', { content: 'tenant: x\ngrants: [\n', sha: 's' }]]), '2026-12-01');
    expect(broken.unreadable).toEqual([expect.stringMatching(/^content\/access\/x\.yaml: not valid YAML/)]);
  });
});
