/**
 * A request's whole life on "My requests": opened through the function, reviewed (changes
 * requested, then approved), checked (failing, then passing), merged in the local GitHub, and
 * live once the site is rebuilt at the merge commit. The deployed site is a copy of the project
 * (the shared dist/ stays untouched) built with PORTAL_BUILD_COMMIT and served by its own wrangler
 * against a local GitHub seeded from content/: first built from main before the request, then
 * rebuilt from the merge commit's files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testOctokit, type Octokit } from '../helpers/octokit.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { startLocalGitHub, type LocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import { adminFetch } from '../local-github/helpers.ts';
import { startWranglerDev, type WranglerDev } from '../../packages/platform-portal/src/dev/wrangler-dev.ts';
import { freePort } from '../../packages/platform-portal/src/dev/ports.ts';
import { startOnFreePorts } from '../helpers/free-ports.ts';
import { RequestListSchema, type RequestSummary } from '../../packages/platform-portal/src/schemas/request-summary.ts';
import portal from '../fixtures/basics/portal.config.ts';

const [owner, repoName] = portal.github.repository.split('/') as [string, string];
const repo = { owner, repo: repoName };
const MINUTES = 60_000;

let state: string;
let github: LocalGitHub;
let octokit: Octokit;
let site: SiteCopy;
/** The deployed site: the copy's dist/ in wrangler. Kept as a promise so afterAll also stops one still starting. */
let deployed: Promise<WranglerDev> | undefined;
let number: number;
let headSha: string;
let mergeSha: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: github.repoPath, encoding: 'utf-8' });

async function buildAt(commit: string): Promise<void> {
  const { code, output } = await site.run(['build'], { PORTAL_BUILD_COMMIT: commit, PORTAL_BUILD_BRANCH: portal.github.baseBranch });
  if (code !== 0) throw new Error(`building the site copy at ${commit} failed:\n${output.slice(-2000)}`);
}

/** Serves the copy's dist/ with the variables tools/dev-stack.ts gives the project's own wrangler. */
async function deploy(): Promise<string> {
  await (await deployed)?.stop();
  deployed = startOnFreePorts(async () =>
    startWranglerDev({
      root: site.dir,
      port: await freePort(),
      persistTo: path.join(state, 'wrangler'),
      bindings: {
        GITHUB_API_URL: github.apiUrl,
        GITHUB_TOKEN: 'local-dev-token',
        GITHUB_REPOSITORY: portal.github.repository,
        GITHUB_BASE_BRANCH: portal.github.baseBranch,
        GITHUB_WRITE_INTERVAL_MS: '0',
        GITHUB_RETRY_BASE_MS: '100',
        AUTH_MODE: 'dev',
        DEV_USER_EMAIL: 'developer@example.com',
        DEV_USER_NAME: 'Local Developer',
        // Each step reads My requests right after GitHub changed: none may get a list kept from before.
        PORTAL_LIST_CACHE_SECONDS: '0',
      },
    }),
  );
  return (await deployed).url;
}

/** The request as GET /api/requests, what the island calls, lists it. */
async function myRequest(siteUrl: string): Promise<RequestSummary> {
  const response = await fetch(`${siteUrl}/api/requests`);
  expect(response.status).toBe(200);
  const list = RequestListSchema.parse(await response.json());
  const found = list.requests.find((r) => r.pullRequest.number === number);
  if (!found) throw new Error(`request #${number} is not listed: ${JSON.stringify(list)}`);
  return found;
}

/** GitHub calls one GET /api/requests makes, by route, counted by the local GitHub. */
async function callsOfListing(siteUrl: string): Promise<Record<string, number>> {
  await adminFetch(github, 'stats/reset', { method: 'POST' });
  await myRequest(siteUrl);
  return (await (await adminFetch(github, 'stats')).json()).byName;
}

beforeAll(async () => {
  state = await mkdtemp(path.join(os.tmpdir(), 'portal-lifecycle-state-'));
  [github, site] = await Promise.all([
    startLocalGitHub({ port: 0, repo: portal.github.repository, baseBranch: portal.github.baseBranch, dataDir: path.join(state, 'github'), seedFrom: BASICS, seedPaths: ['content'] }),
    copySite('lifecycle'),
  ]);
  octokit = testOctokit({ auth: 'test', baseUrl: github.apiUrl });
  await buildAt(git('rev-parse', portal.github.baseBranch).trim());
  await deploy();
}, 10 * MINUTES);
afterAll(async () => {
  await (await deployed?.catch(() => undefined))?.stop();
  await github?.close();
  await Promise.all([site?.dispose(), rm(state, { recursive: true, force: true })]);
});

const siteUrl = async () => (await deployed!).url;

describe('a request from opened to live', () => {
  it('is open once the function opened its pull request, waiting for review and without checks', async () => {
    const { example } = await (await fetch(`${await siteUrl()}/api/requests/onboarding/schema`)).json();
    const response = await fetch(`${await siteUrl()}/api/requests/onboarding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'lifecycle-0001' },
      body: JSON.stringify(example),
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    number = body.pullRequest.number;
    headSha = (await octokit.rest.pulls.get({ ...repo, pull_number: number })).data.head.sha;
    expect(await myRequest(await siteUrl())).toMatchObject({ state: 'open', stage: 'open', review: 'none', checks: 'none', live: null, timeToMerge: null });
    expect(await callsOfListing(await siteUrl())).toEqual({ 'search-issues': 1, 'get-pull': 1, 'list-reviews': 1, 'get-combined-status': 1, 'list-check-runs': 1 });
    const browser = await launchBrowser();
    try {
      const page = await browser.browser.newPage();
      await page.goto(`${await siteUrl()}/requests/`);
      const steps = page.getByRole('list', { name: `Progress of request #${number}` }).getByRole('listitem');
      await steps.first().waitFor();
      // No checks reported is not a pass: the mark says "still ahead", not a tick.
      expect(await steps.allTextContents()).toEqual(expect.arrayContaining(['●Review: waiting for a reviewer', '○Checks: none reported yet']));
    } finally {
      await browser.close();
    }
  });

  it('shows changes requested, then approved', async () => {
    await octokit.rest.pulls.createReview({ ...repo, pull_number: number, event: 'REQUEST_CHANGES', body: 'Name a second owner.' });
    expect((await myRequest(await siteUrl())).review).toBe('changes-requested');
    await octokit.rest.pulls.createReview({ ...repo, pull_number: number, event: 'APPROVE' });
    expect((await myRequest(await siteUrl())).review).toBe('approved');
  });

  it('shows checks failing, then passing', async () => {
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: headSha, state: 'failure', context: 'site build' });
    expect((await myRequest(await siteUrl())).checks).toBe('failing');
    await octokit.rest.repos.createCommitStatus({ ...repo, sha: headSha, state: 'success', context: 'site build' });
    expect(await myRequest(await siteUrl())).toMatchObject({ stage: 'open', review: 'approved', checks: 'passing' });
  });

  it('is merged, not live, while the deployed site was built before the merge', async () => {
    mergeSha = (await octokit.rest.pulls.merge({ ...repo, pull_number: number })).data.sha;
    const merged = await myRequest(await siteUrl());
    expect(merged).toMatchObject({ state: 'merged', stage: 'merged', live: false, timeToLive: null });
    expect(merged.timeToMerge).toBe(Math.round((Date.parse(merged.mergedAt!) - Date.parse(merged.createdAt)) / 1000));
    expect(await callsOfListing(await siteUrl())).toEqual({ 'search-issues': 1, 'get-pull': 1, 'compare-commits': 1 });
  });

  it('is live once the site is rebuilt from the merge commit, and the change is on the site', async () => {
    const files = git('diff', '--name-only', `${mergeSha}^1`, mergeSha).trim().split('\n');
    const tenant = files.find((file) => file.startsWith('content/tenants/'))!;
    const tenantPage = `/tenants/${path.basename(tenant, '.yaml')}/`;
    expect((await fetch(`${await siteUrl()}${tenantPage}`)).status).toBe(404);

    await (await deployed)?.stop();
    for (const file of files) await site.write(file, git('show', `${mergeSha}:${file}`));
    await buildAt(mergeSha);
    const url = await deploy();

    const built = await (await fetch(`${url}/build.json`)).json();
    expect(built).toMatchObject({ commit: mergeSha, branch: portal.github.baseBranch });
    expect((await fetch(`${url}${tenantPage}`)).status).toBe(200);
    const live = await myRequest(url);
    expect(live).toMatchObject({ state: 'merged', stage: 'live', live: true });
    expect(live.timeToLive).toBe(Math.max(0, Math.round((Date.parse(built.builtAt) - Date.parse(live.mergedAt!)) / 1000)));
  }, 10 * MINUTES);

  it('shows it live on the "My requests" page, readable in both themes', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.browser.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${await siteUrl()}/requests/`);
      const item = page.locator('.request-item').filter({ hasText: `#${number}` });
      await item.getByText('Live', { exact: true }).waitFor();
      expect(await item.getByRole('list', { name: `Progress of request #${number}` }).getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(/^✓Opened: (just now|.+ ago)$/),
        '✓Review: finished',
        '✓Checks: finished',
        expect.stringMatching(/^✓Merged: (just now|.+ ago)$/),
        expect.stringMatching(/^✓Live: in the site you are on, \d+ (s|min)( \d+ s)? after the merge$/),
      ]);
      expect(await item.textContent()).toMatch(/Time to merge: \d+ (s|min).*Time to live: \d+ (s|min)/);
      await page.getByText(/Time to live runs from the merge to the build of the site you are on/).waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await axeViolations(page), scheme).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  }, 2 * MINUTES);
});
