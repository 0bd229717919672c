/**
 * State on disk: seeding from a folder, surviving a restart, --reset, a corrupt metadata file,
 * and the CLI (start, print the URLs, stop on SIGTERM; --reset-only).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import { base64, call, FIXTURE, git, octokitFor, OWNER, REPO, startHarness, tickingClock, writeFixture, type Harness } from './helpers.ts';
import { PORTAL_CLI } from '../helpers/cli.ts';

const repo = { owner: OWNER, repo: REPO };
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('state on disk', () => {
  it('seeds one commit with the fixture files, with the clock as author date', async () => {
    expect((await git(h.server.repoPath, 'ls-tree', '-r', '--name-only', 'main')).trim().split('\n')).toEqual(Object.keys(FIXTURE).sort());
    expect(await git(h.server.repoPath, 'log', '--format=%an <%ae> %aI %s', 'main')).toBe(
      'Local GitHub <local-github@users.noreply.github.com> 2024-05-01T09:00:01+00:00 Initial content\n',
    );
  });

  it('keeps pull requests, labels and refs across a restart', async () => {
    const mainSha = (await git(h.server.repoPath, 'rev-parse', 'main')).trim();
    await h.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/keep', sha: mainSha });
    await h.octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'content/keep.yaml', branch: 'keep', message: 'keep', content: base64('k: 1\n') });
    const { data: pull } = await h.octokit.rest.pulls.create({ ...repo, title: 'Keep me', head: 'keep', base: 'main' });
    await h.octokit.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: ['sticky'] });
    await h.server.close();

    const again = octokitFor(await h.restart());
    const { data: kept } = await again.rest.pulls.get({ ...repo, pull_number: pull.number });
    expect(kept).toMatchObject({ title: 'Keep me', state: 'open', labels: [{ name: 'sticky' }], head: { ref: 'keep', sha: pull.head.sha } });
    await again.rest.git.createRef({ ...repo, ref: 'refs/heads/next', sha: pull.head.sha });
    await again.rest.repos.createOrUpdateFileContents({ ...repo, path: 'content/next.yaml', branch: 'next', message: 'next', content: base64('n: 1\n') });
    expect((await again.rest.pulls.create({ ...repo, title: 'Next', head: 'next', base: 'main' })).data.number).toBe(pull.number + 1);
  });

  it('recreates everything with reset', async () => {
    const fresh = await h.restart({ reset: true });
    expect((await octokitFor(fresh).rest.pulls.list({ ...repo, state: 'all' })).data).toEqual([]);
    expect(await git(fresh.repoPath, 'for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/tags')).toBe('refs/heads/main\n');
    expect((await git(fresh.repoPath, 'rev-list', '--count', 'main')).trim()).toBe('1');
  });

  it('refuses to start on a corrupt metadata file, pointing at --reset', async () => {
    const root = await mkdtemp(join(tmpdir(), 'local-github-corrupt-'));
    try {
      const options = { port: 0, repo: 'a/b', dataDir: join(root, 'data'), now: tickingClock() };
      await (await startLocalGitHub(options)).close();
      await writeFile(join(root, 'data', 'a', 'b.json'), '{"version": 99');
      await expect(startLocalGitHub(options)).rejects.toThrow(/start with --reset/);
      await expect(startLocalGitHub({ ...options, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(/loopback only/);
      await expect(startLocalGitHub({ ...options, repo: '../etc' })).rejects.toThrow(/owner\/name/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('cli', () => {

  function run(args: string[]): { stdout: Promise<string>; child: ReturnType<typeof spawn>; exit: Promise<number | null> } {
    const child = spawn(process.execPath, [PORTAL_CLI, 'local-github', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const stdout = new Promise<string>((resolveOut, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        if (out.includes('Admin token:') || out.includes('Removed')) resolveOut(out);
      });
      child.on('exit', () => resolveOut(out));
      child.on('error', reject);
    });
    const exit = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    return { stdout, child, exit };
  }

  it('starts, prints the API and web view URLs and the admin token, serves, and stops on SIGTERM; --reset-only removes the data', async () => {
    const root = await mkdtemp(join(tmpdir(), 'local-github-cli-'));
    try {
      const seed = await writeFixture(root);
      const data = join(root, 'data');
      const started = run(['--port', '0', '--repo', 'cli-owner/cli-repo', '--data', data, '--seed', seed, '--quiet', '--fault', 'kind=502,route=get-repo']);
      const out = await started.stdout;
      const url = /Local GitHub API: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect(out).toContain(`Web view: ${url}/`);
      const port = Number(new URL(url ?? '').port);
      const answer = await call({ port } as never, 'GET', '/repos/cli-owner/cli-repo/contents/content/tenants/acme.yaml');
      expect(answer.status).toBe(200);
      const adminToken = /Admin token: ([\w-]{43}) /.exec(out)?.[1];
      expect(adminToken, out).toBeDefined();
      expect((await call({ port } as never, 'GET', '/_admin/faults')).status).toBe(403);
      const armed = await call({ port } as never, 'GET', '/_admin/faults', { headers: { authorization: `Bearer ${adminToken}` } });
      expect([armed.status, armed.json]).toEqual([200, [expect.objectContaining({ route: 'get-repo', kind: '502' })]]);
      started.child.kill('SIGTERM');
      expect(await started.exit).toBe(0);

      const reset = run(['--reset-only', '--repo', 'cli-owner/cli-repo', '--data', data]);
      expect(await reset.stdout).toContain('Removed cli-owner/cli-repo');
      expect(await reset.exit).toBe(0);
      expect(existsSync(join(data, 'cli-owner', 'cli-repo.git'))).toBe(false);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
