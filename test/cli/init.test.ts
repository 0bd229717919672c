/**
 * `platform-portal init`: the files of a new site, from the flags given, with nothing written when
 * an answer is wrong. (The new site installed, tested and started: test/package/adopt.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { experimental_readRawConfig } from 'wrangler';
import { parse } from 'yaml';
import { PORTAL_CLI } from '../helpers/cli.ts';

let work: string;

function init(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [PORTAL_CLI, 'init', ...args], { cwd: work }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'portal-init-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('platform-portal init', () => {
  it('writes the answers into portal.config.ts, package.json, the workflows and the README, whatever characters they hold', async () => {
    const team = `O'Brien "Platform" Team \`$(whoami)\` <b>#1</b>`;
    const result = await init(['hostile', '--team', team, '--title', 'Ops ${x} \\ Portal', '--repository', 'acme-co/portal.config', '--base', 'release/v1', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const site = path.join(work, 'hostile');
    // Each answer is a JSON string in the TypeScript source: no quote or backtick ends it early.
    const source = await readFile(path.join(site, 'portal.config.ts'), 'utf-8');
    expect(source).toContain(`team: ${JSON.stringify(team)},`);
    expect(source).toContain(`title: ${JSON.stringify('Ops ${x} \\ Portal')},`);
    const workflow = parse(await readFile(path.join(site, '.github/workflows/site.yml'), 'utf-8'));
    expect(workflow.on.push.branches).toEqual(['release/v1']);
    expect(await readFile(path.join(site, '.dev.vars.example'), 'utf-8')).toMatch(/^GITHUB_REPOSITORY=acme-co\/portal\.config$/m);
    const readme = await readFile(path.join(site, 'README.md'), 'utf-8');
    expect(readme.split('\n')[0]).toBe('# Ops ${x} \\\\ Portal');
    expect(readme).not.toContain('<b>');
    const manifest = JSON.parse(await readFile(path.join(site, 'package.json'), 'utf-8'));
    expect(manifest.name).toBe('hostile');
    expect(manifest.scripts).toMatchObject({ start: 'platform-portal start', test: 'platform-portal check && astro build' });
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@astrojs/starlight', 'astro', 'platform-portal']);
    expect(manifest.devDependencies.node).toMatch(/^\^26\./);
  });

  it("writes the rate limits Worker's config, named after the site, and binds it in wrangler.toml", async () => {
    const result = await init(['Acme Portal', '--team', 'Acme', '--repository', 'acme/portal', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const read = (file: string) => experimental_readRawConfig({ config: path.join(work, 'Acme Portal', file) }).rawConfig;
    const site = read('wrangler.toml');
    const limits = read('rate-limits.wrangler.toml');
    expect(site).toMatchObject({ name: 'acme-portal', services: [{ binding: 'PORTAL_RATE_LIMITS', service: 'acme-portal-rate-limits' }] });
    expect(limits).toMatchObject({
      name: 'acme-portal-rate-limits',
      main: 'node_modules/platform-portal/dist/rate-limits/worker.js',
      workers_dev: false,
      ratelimits: [
        { name: 'WRITES', simple: { limit: 6, period: 60 } },
        { name: 'READS', simple: { limit: 10, period: 60 } },
      ],
    });
  });

  it('gives a tarball path as an absolute file: dependency', async () => {
    await writeFile(path.join(work, 'platform-portal-9.9.9.tgz'), '');
    const result = await init(['from-tarball', '--team', 'Acme', '--repository', 'acme/portal', '--package', 'platform-portal-9.9.9.tgz', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(work, 'from-tarball/package.json'), 'utf-8'));
    expect(manifest.dependencies['platform-portal']).toBe(`file:${path.join(work, 'platform-portal-9.9.9.tgz')}`);
  });

  it('refuses a folder that is not empty, and writes nothing into it', async () => {
    await mkdir(path.join(work, 'taken'));
    await writeFile(path.join(work, 'taken/notes.md'), 'mine\n');
    const result = await init(['taken', '--team', 'Acme', '--repository', 'acme/portal', '--yes']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('taken is not empty');
    expect(await readdir(path.join(work, 'taken'))).toEqual(['notes.md']);
  });

  it('names the answer to fix, and writes nothing, for a bad repository, a control character or a missing answer', async () => {
    const bad = await init(['bad-repo', '--team', 'Acme', '--repository', 'acme/portal/extra', '--yes']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('repository: Use the form owner/name');
    const hidden = await init(['bad-team', '--team', 'Acme\u202eTeam', '--repository', 'acme/portal', '--yes']);
    expect(hidden.code).toBe(2);
    expect(hidden.stderr).toContain('team: use printable characters only');
    const missing = await init(['no-repo', '--team', 'Acme', '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Give --repository');
    const written = await readdir(work);
    for (const dir of ['bad-repo', 'bad-team', 'no-repo']) expect(written).not.toContain(dir);
  });
});
