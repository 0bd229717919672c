import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { startLocalGitHub } from '../../tools/local-github/server.ts';
import { ROOT } from '../helpers/site-copy.ts';

// `npm start` keeps the repository in the project's own .local/, inside the project's git tree.
const dataDir = path.join(ROOT, '.local', `test-seed-${randomUUID()}`);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('seeding from the project into its own .local/', () => {
  it('commits the project content/ at the same paths', async () => {
    const github = await startLocalGitHub({ port: 0, repo: 'acme/portal', dataDir, seedFrom: ROOT, seedPaths: ['content'] });
    try {
      const files = execFileSync('git', ['ls-tree', '-r', '--name-only', 'main'], { cwd: github.repoPath, encoding: 'utf-8' }).split('\n');
      expect(files).toContain('content/tenants/checkout.yaml');
      expect(files.every((f) => f === '' || f.startsWith('content/'))).toBe(true);
    } finally {
      await github.close();
    }
  });
});
