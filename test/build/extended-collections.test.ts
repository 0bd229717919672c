/**
 * A site adds fields of its own to the portal's content kinds (`portalCollections({ extend })` in
 * its src/content.config.ts): they are checked like the portal's, by `platform-portal check` and by
 * the build, and the build keeps them on the entries. Fixture: test/fixtures/extended/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PORTAL_CLI } from '../helpers/cli.ts';
import { fixture } from '../helpers/fixtures.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';

let site: SiteCopy;

function check(): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [PORTAL_CLI, 'check'], { cwd: site.dir }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
  });
}

beforeAll(async () => {
  site = await copySite('extended', fixture('extended'));
});
afterAll(() => site?.dispose());

describe("a site's own fields on the portal's content kinds", () => {
  it('pass the check and the build when every tenant has them', async () => {
    expect((await check()).code).toBe(0);
    const build = await site.run(['build']);
    expect(build.code, build.output.slice(-2000)).toBe(0);
    expect(await readFile(path.join(site.dir, 'dist/tenants/example-team/index.html'), 'utf-8')).toContain('Example Team');
  }, 120_000);

  it('stop the check and the build, naming the file and the field, when a tenant lacks one or breaks its rule', async () => {
    const file = path.join(site.dir, 'content/tenants/example-team.yaml');
    const tenant = await readFile(file, 'utf-8');
    await site.write('content/tenants/example-team.yaml', tenant.replace('chat_channel: "#example-team"\n', ''));
    await site.write('content/tenants/second-team.yaml', tenant.replace(/example-team/g, 'second-team').replace('"#second-team"', '"second team"'));
    const checked = await check();
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain('content/tenants/example-team.yaml → chat_channel: Give the chat channel.');
    expect(checked.stderr).toContain('content/tenants/second-team.yaml → chat_channel: Use a channel name such as #team-checkout.');
    const build = await site.run(['build']);
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('content/tenants/example-team.yaml → chat_channel: Give the chat channel.');
  }, 120_000);
});
