/**
 * `platform-portal check`: a site's configuration and content checked as a build checks them,
 * without the build, for a team's pull request check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PORTAL_CLI } from '../helpers/cli.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';

let site: SiteCopy;

function check(): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [PORTAL_CLI, 'check'], { cwd: site.dir }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  site = await copySite('check');
});
afterAll(() => site?.dispose());

describe('platform-portal check', () => {
  it('says how many files it checked and that there is no problem, with exit 0', async () => {
    const result = await check();
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Checked portal\.config\.ts and \d{2,} content files in [\d.]+ s: no problems\.$/m);
  });

  it('lists every problem by file, field and fix, without a stack trace, and exits 1', async () => {
    const checkout = await readFile(path.join(site.dir, 'content/tenants/checkout.yaml'), 'utf-8');
    await site.write('content/tenants/checkout.yaml', checkout.replace(/^contact: .*$/m, 'contact: not-an-email').replace(/^status: .*$/m, 'status: retired'));
    await site.write('content/docs/runbooks/no-owner.md', '---\ntitle: No owner\nservice: kafka\nseverity: sev3\nalerts: [X]\nlast_reviewed: 2026-11-01\n---\n\nText.\n');
    try {
      const result = await check();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('The content has 3 problem(s):');
      expect(result.stderr).toContain('content/tenants/checkout.yaml → contact:');
      expect(result.stderr).toContain('content/tenants/checkout.yaml → status: Choose the status: onboarding, active or offboarding.');
      expect(result.stderr).toContain('content/docs/runbooks/no-owner.md → owner: Give the team that owns the runbook and answers for it, e.g. data-streaming.');
      expect(result.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await site.write('content/tenants/checkout.yaml', checkout);
      await site.remove('content/docs/runbooks/no-owner.md');
    }
  });

  it('refuses hidden characters, keys every object has, script links and repeated environments, naming file and field', async () => {
    const tenant = 'content/tenants/checkout.yaml';
    const item = 'content/roadmap/cost-showback.md';
    const [checkout, roadmap] = await Promise.all([tenant, item].map((file) => readFile(path.join(site.dir, file), 'utf-8')));
    await site.write(
      tenant,
      checkout!
        .replace(/^name: .*$/m, 'name: "Check\u202Eout"')
        .replace(/^environments: .*$/m, 'environments: [dev, prod, dev]')
        .replace(/^ {4}vcpu: 16$/m, '    vcpu: 16\n    constructor: 1'),
    );
    await site.write(item, roadmap!.replace(/^issue: .*$/m, 'issue: "javascript:alert(document.cookie)"'));
    try {
      const result = await check();
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('content/tenants/checkout.yaml → name: The name has an invisible or direction-changing character');
      expect(result.stderr).toContain('content/tenants/checkout.yaml → environments[2]: ');
      expect(result.stderr).toContain('content/tenants/checkout.yaml → services.postgresql.constructor: ');
      expect(result.stderr).toContain('content/roadmap/cost-showback.md → issue: ');
    } finally {
      await site.write(tenant, checkout!);
      await site.write(item, roadmap!);
    }
  });

  it('names the community link of portal.config.ts that is not a web link', async () => {
    const config = await readFile(path.join(site.dir, 'portal.config.ts'), 'utf-8');
    await site.write('portal.config.ts', config.replace("url: 'https://chat.example.com/channels/platform-help'", "url: 'javascript:alert(1)'"));
    const result = await check();
    await site.write('portal.config.ts', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('portal.config.ts → community.channels[0].url: ');
  });

  it('places a runbook whose service is named only in its own frontmatter, and refuses an unknown service', async () => {
    await site.write('content/docs/runbooks/kafka-disk.md', '---\ntitle: Kafka disk\nservice: kafka\nowner: data-streaming\nseverity: sev3\nalerts: [KafkaDiskFull]\nlast_reviewed: 2026-11-01\n---\n\nText.\n');
    expect((await check()).code).toBe(0);
    await site.write('content/docs/runbooks/kafka-disk.md', '---\ntitle: Kafka disk\nservice: kafak\nowner: data-streaming\nseverity: sev3\nalerts: [KafkaDiskFull]\nlast_reviewed: 2026-11-01\n---\n\nText.\n');
    const result = await check();
    await site.remove('content/docs/runbooks/kafka-disk.md');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/docs/runbooks/kafka-disk.md → service: unknown service "kafak"; use a service id of content/services/');
  });

  it('warns, with exit 0, for the usage of a tenant that was offboarded', async () => {
    await site.remove('content/tenants/growth-analytics.yaml');
    // The tenant's line goes from CODEOWNERS with it (test/cli/codeowners.test.ts).
    await new Promise((resolve) => execFile(process.execPath, [PORTAL_CLI, 'codeowners'], { cwd: site.dir }, resolve));
    const result = await check();
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('content/usage/growth-analytics.json → tenant: no tenant "growth-analytics" in content/tenants/, so this usage is not shown');
  });

  it('names the field of a portal.config.ts that does not fit its schema', async () => {
    const config = await readFile(path.join(site.dir, 'portal.config.ts'), 'utf-8');
    await site.write('portal.config.ts', config.replace("repository: 'nimbus-platform/platform-portal'", "repository: 'not a repository'"));
    const result = await check();
    await site.write('portal.config.ts', config);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('portal.config.ts → github.repository: Use the form owner/name, e.g. acme/platform-portal.');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
