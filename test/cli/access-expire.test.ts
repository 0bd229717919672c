/**
 * `platform-portal access expire` removes the grants past their last day from content/access/,
 * keeping every other byte, in the files here or as one pull request on the local GitHub that
 * later runs update. Fixture: a copy of test/fixtures/basics/ with an access file of its own.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PORTAL_CLI } from '../helpers/cli.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { testOctokit } from '../helpers/octokit.ts';
import { startLocalGitHub, type LocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';

const FILE = 'content/access/checkout.yaml';
const GRANTS = `# Access to checkout's resources.
tenant: checkout
grants:
  - person: lena@example.com # refunds reconciliation
    service: postgresql
    role: read
    reason: Reconciling the November refunds.
    granted: 2026-11-01
    expires: 2026-11-30
  - group: fraud-oncall
    service: kafka
    role: consume
    reason: Replaying order events.
    granted: 2026-11-20
    expires: 2026-12-03
`;
const WITHOUT_FIRST = `# Access to checkout's resources.
tenant: checkout
grants:
  - group: fraud-oncall
    service: kafka
    role: consume
    reason: Replaying order events.
    granted: 2026-11-20
    expires: 2026-12-03
`;

let site: SiteCopy;

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [PORTAL_CLI, 'access', 'expire', ...args], { cwd: site.dir, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  site = await copySite('access-expire');
});
afterAll(() => site?.dispose());
beforeEach(() => site.write(FILE, GRANTS));

describe('platform-portal access expire', () => {
  it('removes the grants whose last day is before --today from the file here, and keeps the rest byte for byte', async () => {
    const result = await cli(['--today', '2026-12-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(`1 access grant(s) expired before 2026-12-01, in ${FILE}.`);
    expect(await readFile(path.join(site.dir, FILE), 'utf-8')).toBe(WITHOUT_FIRST);
  });

  it('changes nothing when no grant has expired', async () => {
    const result = await cli(['--today', '2026-11-30']);
    expect(result.stdout.trim()).toBe('No access grant expired before 2026-11-30.');
    expect(await readFile(path.join(site.dir, FILE), 'utf-8')).toBe(GRANTS);
  });

  it('refuses a --today that is not a date, with exit 2 and the usage', async () => {
    const result = await cli(['--today', 'tomorrow']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--today tomorrow is not a date; use a date like 2027-01-31\.\nUsage: platform-portal access expire/);
  });
});

describe('platform-portal access expire --open-pr', () => {
  let github: LocalGitHub;
  const repo = { owner: 'acme-platform', repo: 'portal-config' };
  beforeAll(async () => {
    await site.write(FILE, GRANTS);
    github = await startLocalGitHub({ port: 0, repo: `${repo.owner}/${repo.repo}`, dataDir: path.join(site.dir, '.github-data'), seedFrom: site.dir, seedPaths: ['content/access'] });
  });
  afterAll(() => github?.close());

  it('opens one pull request removing the expired grants, and a later run updates it instead of opening another', async () => {
    const env = { GITHUB_REPOSITORY: `${repo.owner}/${repo.repo}`, GITHUB_BASE_BRANCH: 'main', GITHUB_API_URL: github.apiUrl, GITHUB_TOKEN: 'test-token', GITHUB_WRITE_INTERVAL_MS: '0' };
    const first = await cli(['--today', '2026-12-01', '--open-pr'], env);
    expect(first.code, first.stderr).toBe(0);
    const number = Number(/Pull request #(\d+) opened/.exec(first.stdout)?.[1]);
    const later = await cli(['--today', '2026-12-05', '--open-pr'], env);
    expect(later.stdout).toContain(`Pull request #${number} updated`);

    const octokit = testOctokit({ auth: 'test-token', baseUrl: github.apiUrl });
    const open = (await octokit.rest.pulls.list({ ...repo, state: 'open' })).data;
    expect(open.map((pr) => [pr.number, pr.head.ref, pr.title])).toEqual([[number, 'access/expired', 'Remove 2 expired access grants']]);
    const { data: file } = await octokit.rest.repos.getContent({ ...repo, path: FILE, ref: 'access/expired' });
    expect(Buffer.from((file as { content: string }).content, 'base64').toString('utf8')).toBe("# Access to checkout's resources.\ntenant: checkout\ngrants: []\n");
    // The file here is left alone: the pull request is the change.
    expect(await readFile(path.join(site.dir, FILE), 'utf-8')).toBe(GRANTS);
  });
});
