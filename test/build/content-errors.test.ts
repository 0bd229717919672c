import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('a runbook with bad frontmatter fails the build', () => {
  it('names the file and the field when severity is not one of sev1–sev4', async () => {
    await site.write('content/docs/runbooks/broker-disk-full.md', runbook({ ...VALID, severity: 'critical' }));
    const { code, output } = await site.run(['build']);
    expect(code).not.toBe(0);
    expect(output).toContain('runbooks/broker-disk-full');
    expect(output).toMatch(/severity/);
  });

  it('names the file and the field when owner is missing', async () => {
    const { owner: _owner, ...withoutOwner } = VALID;
    await site.write('content/docs/runbooks/broker-disk-full.md', runbook(withoutOwner));
    const { code, output } = await site.run(['sync']);
    expect(code).not.toBe(0);
    expect(output).toContain('runbooks/broker-disk-full');
    expect(output).toMatch(/owner/);
  });

  it('accepts the same runbook once it is valid', async () => {
    await site.write('content/docs/runbooks/broker-disk-full.md', runbook(VALID));
    const { code, output } = await site.run(['sync']);
    expect(output).not.toMatch(/error/i);
    expect(code).toBe(0);
  });
});
