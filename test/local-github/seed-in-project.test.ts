import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startLocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { commitFiles } from '../helpers/git-commit.ts';
import { siteBuildEnv } from '../../packages/platform-portal/src/dev/dev-stack.ts';

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

describe('the commit `npm start` builds the site from', () => {
  it('is the newest commit of the base branch holding content/ as it is, and none once content/ differs from every commit', async () => {
    const project = await mkdtemp(path.join(tmpdir(), 'portal-project-'));
    await mkdir(path.join(project, 'content/tenants'), { recursive: true });
    await writeFile(path.join(project, 'content/tenants/acme.yaml'), 'name: Acme\n');
    const github = await startLocalGitHub({ port: 0, repo: 'acme/portal', dataDir: path.join(dataDir, 'build-commit'), seedFrom: project, seedPaths: ['content'] });
    const tip = () => execFileSync('git', ['rev-parse', 'refs/heads/main'], { cwd: github.repoPath, encoding: 'utf-8' }).trim();
    const buildCommit = async () => (await siteBuildEnv(github, project, { github: { repository: 'acme/portal', baseBranch: 'main' } })).PORTAL_BUILD_COMMIT;
    try {
      const seedCommit = tip();
      expect(await buildCommit()).toBe(seedCommit);

      // A request merged on the base branch: the site, built from the unchanged content/, does not hold it.
      commitFiles(github.repoPath, 'main', [['content/tenants/globex.yaml', 'name: Globex\n']], 'Onboard Globex');
      expect(tip()).not.toBe(seedCommit);
      expect(await buildCommit()).toBe(seedCommit);

      // The same change in the project's content/: now the build holds it.
      await writeFile(path.join(project, 'content/tenants/globex.yaml'), 'name: Globex\n');
      expect(await buildCommit()).toBe(tip());

      // An edit no commit holds: no commit is named, and "live" stays unknown.
      await writeFile(path.join(project, 'content/tenants/acme.yaml'), 'name: Acme Corp\n');
      expect(await siteBuildEnv(github, project, { github: { repository: 'acme/portal', baseBranch: 'main' } })).not.toHaveProperty('PORTAL_BUILD_COMMIT');
    } finally {
      await github.close();
      await rm(project, { recursive: true, force: true });
    }
  });
});
