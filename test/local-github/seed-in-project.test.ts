import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { commitFiles } from '../helpers/git-commit.ts';
import { syncWorkingTree } from '../../packages/platform-portal/src/dev/local-github/working-tree-sync.ts';

// `npm start` keeps the repository in the project's own .local/, inside the project's git tree.
const dataDir = path.join(BASICS, '.local', `test-seed-${randomUUID()}`);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('seeding from the project into its own .local/', () => {
  it('commits the project content/ at the same paths', async () => {
    const github = await startLocalGitHub({ port: 0, repo: 'acme/portal', dataDir, seedFrom: BASICS, seedPaths: ['content'] });
    try {
      const files = execFileSync('git', ['ls-tree', '-r', '--name-only', 'main'], { cwd: github.repoPath, encoding: 'utf-8' }).split('\n');
      expect(files).toContain('content/tenants/checkout.yaml');
      expect(files.every((f) => f === '' || f.startsWith('content/'))).toBe(true);
    } finally {
      await github.close();
    }
  });
});

const IDENTITY = { name: 'Local GitHub', email: 'local-github@users.noreply.github.com' };

describe('edits to content/ between two `npm start`s', () => {
  async function project(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'portal-project-'));
    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    return dir;
  }
  const show = (repo: string, spec: string) => execFileSync('git', ['show', spec], { cwd: repo, encoding: 'utf-8' });
  const tip = (repo: string) => execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: repo, encoding: 'utf-8' }).trim();

  it('reach the base branch, alongside a request merged there, and nothing happens when there are none', async () => {
    const site = await project({ 'content/tenants/acme.yaml': 'name: Acme\n', 'content/tenants/initech.yaml': 'name: Initech\n' });
    const github = await startLocalGitHub({ port: 0, repo: 'acme/portal', dataDir: path.join(dataDir, 'sync'), seedFrom: site, seedPaths: ['content'] });
    const sync = () => syncWorkingTree({ repoPath: github.repoPath, baseBranch: 'main', seedFrom: site, seedPaths: ['content'], identity: IDENTITY });
    try {
      const seeded = tip(github.repoPath);
      expect(await sync()).toEqual({ kind: 'unchanged', base: seeded });

      await writeFile(path.join(site, 'content/tenants/acme.yaml'), 'name: Acme Corp\n');
      expect((await sync()).kind).toBe('fast-forward');
      expect(show(github.repoPath, 'main:content/tenants/acme.yaml')).toBe('name: Acme Corp\n');

      // A request merged in the local GitHub, then another edit in the working tree: both stay.
      commitFiles(github.repoPath, 'main', [['content/tenants/globex.yaml', 'name: Globex\n']], 'Onboard Globex');
      await writeFile(path.join(site, 'content/tenants/initech.yaml'), 'name: Initech Ltd\n');
      const merged = await sync();
      expect(merged.kind).toBe('merged');
      expect(show(github.repoPath, 'main:content/tenants/globex.yaml')).toBe('name: Globex\n');
      expect(show(github.repoPath, 'main:content/tenants/initech.yaml')).toBe('name: Initech Ltd\n');
      expect(show(github.repoPath, 'main:content/tenants/acme.yaml')).toBe('name: Acme Corp\n');
      expect(await sync()).toEqual({ kind: 'unchanged', base: merged.base });
    } finally {
      await github.close();
      await rm(site, { recursive: true, force: true });
    }
  });

  it('that conflict with a merged request leave the base branch as it was and name the file', async () => {
    const site = await project({ 'content/tenants/acme.yaml': 'name: Acme\n' });
    const github = await startLocalGitHub({ port: 0, repo: 'acme/portal', dataDir: path.join(dataDir, 'conflict'), seedFrom: site, seedPaths: ['content'] });
    try {
      commitFiles(github.repoPath, 'main', [['content/tenants/acme.yaml', 'name: Acme from a request\n']], 'Rename Acme');
      const before = tip(github.repoPath);
      await writeFile(path.join(site, 'content/tenants/acme.yaml'), 'name: Acme by hand\n');
      const result = await syncWorkingTree({ repoPath: github.repoPath, baseBranch: 'main', seedFrom: site, seedPaths: ['content'], identity: IDENTITY });
      expect(result).toEqual({ kind: 'conflict', base: before, files: ['content/tenants/acme.yaml'] });
      expect(tip(github.repoPath)).toBe(before);
    } finally {
      await github.close();
      await rm(site, { recursive: true, force: true });
    }
  });
});
