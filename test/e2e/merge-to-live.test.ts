/**
 * The whole loop of `platform-portal start` on one machine: a request opened through the form's
 * API becomes a pull request in the local GitHub; a reviewer merges it with the web view's button;
 * the site is rebuilt from the base branch, and the request reads "Live" on My requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalPortal, type LocalPortal } from '../../packages/platform-portal/src/dev/local-portal.ts';
import { freePort } from '../../packages/platform-portal/src/dev/ports.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { startOnFreePorts } from '../helpers/free-ports.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { postgresOnboarding } from '../helpers/onboarding.ts';
import portal from '../fixtures/basics/portal.config.ts';

const MINUTES = 60_000;
let site: SiteCopy;
let state: string;
let stack: LocalPortal;
let browser: TestBrowser;
const log: string[] = [];

beforeAll(async () => {
  [site, state] = await Promise.all([copySite('merge-to-live'), mkdtemp(path.join(os.tmpdir(), 'portal-merge-'))]);
  stack = await startOnFreePorts(async () =>
    startLocalPortal({
      root: site.dir,
      config: portal,
      sitePort: await freePort(),
      githubPort: await freePort(),
      dataDir: path.join(state, 'github'),
      build: true,
      log: (line) => log.push(line),
      warn: (line) => log.push(line),
    }),
  );
  browser = await launchBrowser();
}, 10 * MINUTES);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await Promise.all([site?.dispose(), rm(state, { recursive: true, force: true })]);
});

describe('a request merged in the local GitHub web view', () => {
  it('goes live on My requests once the site is rebuilt from the merge', async () => {
    const response = await fetch(`${stack.siteUrl}/api/requests/onboarding`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'merge-to-live-0001' },
      body: JSON.stringify(postgresOnboarding('merge-to-live', 'Merge To Live')),
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    const number: number = body.pullRequest.number;
    expect((await fetch(`${stack.siteUrl}/tenants/merge-to-live/`)).status).toBe(404);

    const page = await browser.browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${stack.github.webUrl}/pulls/${number}`);
    await page.getByRole('button', { name: 'Merge pull request' }).click();
    await page.waitForURL(`${stack.github.webUrl}/pulls/${number}`);
    await page.getByText(/merged/i).first().waitFor();

    await stack.rebuilt();
    expect(log.join('\n')).toMatch(/rebuilding the site from it[\s\S]*merged requests are live/);
    expect((await fetch(`${stack.siteUrl}/tenants/merge-to-live/`)).status).toBe(200);

    await page.goto(`${stack.siteUrl}/requests/`);
    const item = page.locator('.request-item').filter({ hasText: `#${number}` });
    await item.getByText('Live', { exact: true }).waitFor();
    expect(await item.getByRole('list', { name: `Progress of request #${number}` }).getByRole('listitem').last().textContent()).toMatch(/^✓Live: in the site you are on/);
  }, 10 * MINUTES);
});
