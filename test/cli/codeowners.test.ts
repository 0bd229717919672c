/**
 * `platform-portal codeowners` writes the tenant owners' block of the site's CODEOWNERS, `--check`
 * only says whether it is up to date, and `platform-portal check` fails while it is not, naming the
 * file and the command that fixes it. Fixture: a copy of test/fixtures/basics/.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PORTAL_CLI } from '../helpers/cli.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';

let site: SiteCopy;
let original: { codeowners: string; checkout: string; config: string };

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [PORTAL_CLI, ...args], { cwd: site.dir }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

const read = (file: string) => readFile(path.join(site.dir, file), 'utf-8');

beforeAll(async () => {
  site = await copySite('codeowners');
  const [codeowners, checkout, config] = await Promise.all(['.github/CODEOWNERS', 'content/tenants/checkout.yaml', 'portal.config.ts'].map((f) => readFile(path.join(BASICS, f), 'utf-8')));
  original = { codeowners: codeowners!, checkout: checkout!, config: config! };
});
afterAll(() => site?.dispose());

// Each test starts from the fixture's files.
beforeEach(async () => {
  await Promise.all([site.remove('CODEOWNERS'), site.remove('docs/CODEOWNERS')]);
  await site.write('.github/CODEOWNERS', original.codeowners);
  await site.write('content/tenants/checkout.yaml', original.checkout);
  await site.write('portal.config.ts', original.config);
});

/** The fixture's checkout tenant with other owners. */
const newOwners = () => site.write('content/tenants/checkout.yaml', original.checkout.replace('  - "@jonas-vogel"\n', '').replace('"@priya-raman"', '"@kai-berg"'));

describe('platform-portal codeowners', () => {
  it('finds the fixture up to date, with --check and without, and writes nothing', async () => {
    for (const args of [['codeowners', '--check'], ['codeowners']]) {
      const result = await cli(...args);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim()).toBe('.github/CODEOWNERS is up to date: it names the owners of 6 tenant(s).');
    }
    expect(await read('.github/CODEOWNERS')).toBe(original.codeowners);
  });

  it('with --check, fails on changed owners naming the file, what differs and the command, and writes nothing', async () => {
    await newOwners();
    const result = await cli('codeowners', '--check');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      '.github/CODEOWNERS: is out of date with content/tenants/ (owners changed: checkout); run "npx platform-portal codeowners" to update it, and commit it',
    );
    expect(await read('.github/CODEOWNERS')).toBe(original.codeowners);
  });

  it("rewrites only the block, keeping the team's lines byte for byte and the block after them", async () => {
    const team = '# Ours, with CODEOWNERS syntax GitHub reads as it is:\n*   @nimbus-platform/platform-team \n/docs/ @nimbus-platform/writers\n\n';
    await site.write('.github/CODEOWNERS', team + original.codeowners);
    await newOwners();
    const result = await cli('codeowners');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('Updated .github/CODEOWNERS: owners changed: checkout.');
    const text = await read('.github/CODEOWNERS');
    expect(text.startsWith(team)).toBe(true);
    expect(text).toContain('\n/content/tenants/checkout.yaml @amira-haddad @kai-berg\n');
    expect(text.slice(team.length)).toBe(original.codeowners.replaceAll('@amira-haddad @jonas-vogel @priya-raman', '@amira-haddad @kai-berg'));
    expect((await cli('check')).code).toBe(0);
  });

  it('updates the CODEOWNERS GitHub would read, at the root or in docs/, and writes .github/CODEOWNERS only when there is none', async () => {
    await site.remove('.github/CODEOWNERS');
    await site.write('docs/CODEOWNERS', '* @nimbus-platform/platform-team\n');
    const result = await cli('codeowners');
    expect(result.stdout.trim()).toBe("Updated docs/CODEOWNERS: no tenant owners' block yet; 6 tenant(s) to add.");
    expect(existsSync(path.join(site.dir, '.github/CODEOWNERS'))).toBe(false);
    expect(await read('docs/CODEOWNERS')).toBe(`* @nimbus-platform/platform-team\n\n${original.codeowners}`);
    await site.remove('docs/CODEOWNERS');
    const written = await cli('codeowners');
    expect(written.stdout.trim()).toBe('Wrote .github/CODEOWNERS with the owners of 6 tenant(s).');
    expect(await read('.github/CODEOWNERS')).toBe(original.codeowners);
  });

  it('refuses a file whose markers do not make one block, naming it, and leaves it as it is', async () => {
    const broken = original.codeowners.replace('# END platform-portal\n', '');
    await site.write('.github/CODEOWNERS', broken);
    const result = await cli('codeowners');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      '.github/CODEOWNERS has 1 "# BEGIN platform-portal" and 0 "# END platform-portal" line(s) where one block needs one of each, in that order; delete the generated lines and the markers, then run "npx platform-portal codeowners".',
    );
    expect(await read('.github/CODEOWNERS')).toBe(broken);
  });
});

describe('platform-portal check and CODEOWNERS', () => {
  it('fails while the block is out of date, naming the file and the command that fixes it', async () => {
    await newOwners();
    const result = await cli('check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '  - .github/CODEOWNERS: is out of date with content/tenants/ (owners changed: checkout); run "npx platform-portal codeowners" to update it, and commit it\n',
    );
  });

  it('fails on a new tenant without its line, and on a site without CODEOWNERS', async () => {
    await site.write('content/tenants/ledger-two.yaml', original.checkout.replace('slug: checkout', 'slug: ledger-two'));
    try {
      expect((await cli('check')).stderr).toContain('.github/CODEOWNERS: is out of date with content/tenants/ (new tenant(s): ledger-two); run "npx platform-portal codeowners"');
    } finally {
      await site.remove('content/tenants/ledger-two.yaml');
    }
    await site.remove('.github/CODEOWNERS');
    const result = await cli('check');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '.github/CODEOWNERS: is missing; run "npx platform-portal codeowners" to write it with each tenant\'s owners, and commit it (or set requests.codeowners: false in portal.config.ts)',
    );
  });

  it('leaves CODEOWNERS alone when portal.config.ts sets requests.codeowners: false', async () => {
    await site.write('portal.config.ts', original.config.replace("feedbackPeriod: 'week',", "feedbackPeriod: 'week',\n    codeowners: false,"));
    await site.remove('.github/CODEOWNERS');
    expect((await cli('check')).code).toBe(0);
    const result = await cli('codeowners');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('requests.codeowners is false in portal.config.ts');
    expect(existsSync(path.join(site.dir, '.github/CODEOWNERS'))).toBe(false);
  });
});
