/**
 * A request's whole life on "My requests": opened through the function, reviewed (changes
 * requested, then approved), checked (failing, then passing), merged in the local GitHub, and
 * live once a build of the site at the merge commit is deployed. The deployed site is a copy built
 * with PORTAL_BUILD_COMMIT, served by its own wrangler against the same local GitHub: first a
 * build from before the merge, then one at the merge commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { startWranglerDev, type WranglerDev } from '../../tools/wrangler-dev.ts';
import { freePort } from '../../tools/ports.ts';
import { RequestListSchema, type RequestSummary } from '../../src/schemas/request-summary.ts';
import portal from '../../portal.config.ts';

const repo = { owner: OWNER, repo: REPO };
let stack: TestStack;
let site: SiteCopy;
let state: string;
let firstBuild: Promise<void>;
let deployed: WranglerDev | undefined;
let number: number;
let headSha: string;
let mergeSha: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: stack.github.repoPath, encoding: 'utf-8' }).trim();

async function build(commit: string): Promise<void> {
  const { code, output } = await site.run(['build'], { PORTAL_BUILD_COMMIT: commit, PORTAL_BUILD_BRANCH: 'main' });
  if (code !== 0) throw new Error(`building the site copy at ${commit} failed:\n${output.slice(-2000)}`);
}

/** The copy's dist/ in wrangler, with the variables tools/dev-stack.ts gives the project's own. */
async function deploy(): Promise<WranglerDev> {
  await deployed?.stop();
  deployed = await startWranglerDev({
    root: site.dir,
    port: await freePort(),
    persistTo: path.join(state, 'wrangler'),
    bindings: {
      GITHUB_API_URL: stack.github.apiUrl,
      GITHUB_TOKEN: 'local-dev-token',
      GITHUB_REPOSITORY: portal.github.repository,
      GITHUB_BASE_BRANCH: portal.github.baseBranch,
      GITHUB_WRITE_INTERVAL_MS: '0',
      GITHUB_RETRY_BASE_MS: '100',
      AUTH_MODE: 'dev',
      DEV_USER_EMAIL: 'developer@example.com',
      DEV_USER_NAME: 'Local Developer',
    },
  });
  return deployed;
}

/** The one request, as GET /api/requests (what the island calls) lists it on `siteUrl`. */
async function myRequest(siteUrl = stack.siteUrl): Promise<RequestSummary> {
  const response = await fetch(`${siteUrl}/api/requests`);
  expect(response.status).toBe(200);
  const list = RequestListSchema.parse(await response.json());
  const found = list.requests.find((r) => r.pullRequest.number === number);
  if (!found) throw new Error(`request #${number} is not listed: ${JSON.stringify(list)}`);
  return found;
}

beforeAll(async () => {
  [stack, site, state] = await Promise.all([startTestStack(), copySite('portal-lifecycle-'), mkdtemp(path.join(os.tmpdir(), 'portal-lifecycle-state-'))]);
  // The site deployed before the request: built from main as it is now. Built meanwhile.
  firstBuild = build(git('rev-parse', 'main'));
  firstBuild.catch(() => undefined);
});
afterAll(async () => {
  await deployed?.stop();
  await stack?.stop();
  await Promise.all([site?.dispose(), rm(state, { recursive: true, force: true })]);
});

describe('a request from opened to live', () => {
  it('is open once the function opened its pull request, waiting for review and without checks', async () => {
    const { example } = await (await fetch(`${stack.siteUrl}/api/requests/onboarding/schema`)).json();
    const response = await stack.post('onboarding', example, { 'idempotency-key': 'lifecycle-0001' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    number = response.body.pullRequest.number;
    headSha = (await stack.octokit.rest.pulls.get({ ...repo, pull_number: number })).data.head.sha;
    expect(await myRequest()).toMatchObject({ state: 'open', stage: 'open', review: 'none', checks: 'none', live: null, timeToMerge: null });
  });

  it('shows changes requested, then approved', async () => {
    await stack.octokit.rest.pulls.createReview({ ...repo, pull_number: number, event: 'REQUEST_CHANGES', body: 'Name a second owner.' });
    expect((await myRequest()).review).toBe('changes-requested');
    await stack.octokit.rest.pulls.createReview({ ...repo, pull_number: number, event: 'APPROVE' });
    expect((await myRequest()).review).toBe('approved');
  });

  it('shows checks failing, then passing', async () => {
    await stack.octokit.rest.repos.createCommitStatus({ ...repo, sha: headSha, state: 'failure', context: 'site build' });
    expect((await myRequest()).checks).toBe('failing');
    await stack.octokit.rest.repos.createCommitStatus({ ...repo, sha: headSha, state: 'success', context: 'site build' });
    expect(await myRequest()).toMatchObject({ stage: 'open', review: 'approved', checks: 'passing' });
  });

  it('is merged, not live, while the deployed site was built before the merge', async () => {
    mergeSha = (await stack.octokit.rest.pulls.merge({ ...repo, pull_number: number })).data.sha;
    await firstBuild;
    const before = await myRequest((await deploy()).url);
    expect(before).toMatchObject({ state: 'merged', stage: 'merged', live: false, timeToLive: null, review: null, checks: null });
    expect(before.timeToMerge).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('is live once the site is rebuilt at the merge commit, with its time to live', async () => {
    await deployed?.stop();
    await build(mergeSha);
    const siteUrl = (await deploy()).url;
    const built = await (await fetch(`${siteUrl}/build.json`)).json();
    expect(built).toMatchObject({ commit: mergeSha, branch: 'main' });
    const after = await myRequest(siteUrl);
    expect(after).toMatchObject({ state: 'merged', stage: 'live', live: true });
    const mergedAt = Date.parse(after.mergedAt!);
    expect(after.timeToLive).toBe(Math.max(0, Math.round((Date.parse(built.builtAt) - mergedAt) / 1000)));
  }, 90_000);

  it('shows it live on the "My requests" page, readable in both themes', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.browser.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${deployed!.url}/requests/`);
      const item = page.locator('.request-item').filter({ hasText: `#${number}` });
      await item.getByText('Live', { exact: true }).waitFor();
      const progress = item.getByRole('list', { name: `Progress of request #${number}` });
      expect(await progress.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(/^✓Opened: /),
        '✓Review: finished',
        '✓Checks: finished',
        expect.stringMatching(/^✓Merged: /),
        expect.stringMatching(/^✓Live: in the site you are on, \d+ (s|min)/),
      ]);
      expect(await item.textContent()).toMatch(/Time to merge: \d+ (s|min).*Time to live: \d+ (s|min)/);
      expect(await page.getByText(/Time to live runs from the merge to the build of the site you are on/).count()).toBe(1);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await axeViolations(page), scheme).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  }, 60_000);
});
