import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';

const runbook = (fields: Record<string, string>) =>
  ['---', ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`), '---', '', '## Symptoms', '', 'Something is slow.', ''].join('\n');

const VALID = {
  title: 'Disk full on a broker',
  description: 'What to do when a broker disk fills.',
  service: 'kafka',
  owner: 'data-streaming',
  severity: 'sev2',
  alerts: '[KafkaBrokerDiskFull]',
  last_reviewed: '2026-10-01',
};

let site: SiteCopy;
beforeAll(async () => {
  site = await copySite();
});
afterAll(() => site.dispose());

// Each test is a build of the copy; with another build beside it on two cores one can take a minute.
const BUILD = { timeout: 120_000 };

describe('a runbook with bad frontmatter fails the build', BUILD, () => {
  it('names the file, the field and the values it takes when severity is not one of sev1–sev4, without a stack trace', async () => {
    await site.write('content/docs/runbooks/broker-disk-full.md', runbook({ ...VALID, severity: 'critical' }));
    const { code, output } = await site.run(['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('content/docs/runbooks/broker-disk-full.md → severity: Choose the severity: sev1, sev2, sev3 or sev4.');
    expect(output).not.toContain('Stack trace');
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('names the file and the field when owner is missing', async () => {
    const { owner: _owner, ...withoutOwner } = VALID;
    await site.write('content/docs/runbooks/broker-disk-full.md', runbook(withoutOwner));
    const { code, output } = await site.run(['sync']);
    expect(code).not.toBe(0);
    expect(output).toContain('content/docs/runbooks/broker-disk-full.md → owner: Give the team that owns the runbook and answers for it, e.g. data-streaming.');
  });

  it('accepts the same runbook once it is valid', async () => {
    await site.write('content/docs/runbooks/broker-disk-full.md', runbook(VALID));
    const { code, output } = await site.run(['sync']);
    expect(output).not.toMatch(/error/i);
    expect(code).toBe(0);
  });
});

describe('catalog, tenants, roadmap and changelog files are checked across files', BUILD, () => {
  it('fails the build naming file and field for a quota over the maximum, an unknown unit, broken references and a value cut short by a comment', async () => {
    const site2 = await copySite();
    try {
      const checkout = await readFile(`${site2.dir}/content/tenants/checkout.yaml`, 'utf-8');
      await site2.write(
        'content/tenants/checkout.yaml',
        checkout.replace(/^(\s+)partitions: \d+/m, '$1partitions: 999999').replace(/^(\s+)buckets: (\d+)/m, '$1bucketz: $2'),
      );
      await site2.write(
        'content/roadmap/ghost.md',
        ['---', 'title: Ghost', 'summary: Shipped nowhere, ask in #data-streaming.', 'status: shipped', 'area: kafka', 'shipped_in: 2020-01-01-nothing', '---', ''].join('\n'),
      );
      const { code, output } = await site2.run(['build']);
      expect(code).not.toBe(0);
      expect(output).toMatch(/content\/tenants\/checkout\.yaml → services\.kafka\.partitions: 999999 is above the maximum \d+/);
      expect(output).toMatch(/content\/tenants\/checkout\.yaml → services\.object-storage\.bucketz: Object Storage has no quota unit "bucketz"/i);
      expect(output).toContain('content/roadmap/ghost.md → shipped_in: no release note "2020-01-01-nothing"');
      expect(output).toContain('content/roadmap/ghost.md → summary: "#data-streaming." was read as a YAML comment and left out, so the value ends at "Shipped nowhere, ask in"');
    } finally {
      await site2.dispose();
    }
  });

  it('fails on a tenant file whose fields break the schema, naming the file and the field', async () => {
    await site.write(
      'content/tenants/bad-tenant.yaml',
      ['name: Bad', 'slug: bad-tenant', 'owners: ["@someone"]', 'contact: not-an-email', 'cost_centre: CC-1', 'onboarded: 2026-01-01', 'services: {}', ''].join('\n'),
    );
    const { code, output } = await site.run(['sync']);
    await site.remove('content/tenants/bad-tenant.yaml');
    expect(code).not.toBe(0);
    expect(output).toContain('bad-tenant');
    expect(output).toMatch(/contact/);
    expect(output).toMatch(/cost_centre/);
  });
});

describe('a portal.config.ts that does not fit its schema', BUILD, () => {
  it('stops the build naming the field and the fix, without a stack trace', async () => {
    const config = await readFile(`${site.dir}/portal.config.ts`, 'utf-8');
    await site.write('portal.config.ts', config.replace("site: 'https://portal.example.com'", "site: 'portal.example.com'"));
    const { code, output } = await site.run(['build']);
    await site.write('portal.config.ts', config);
    expect(code).not.toBe(0);
    expect(output).toContain('portal.config.ts has 1 problem(s):');
    expect(output).toContain('portal.config.ts → site:');
    expect(output).not.toContain('Stack trace');
  });
});

