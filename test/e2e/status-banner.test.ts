/**
 * The status banner in the browser: a page is built once and read for days, so the banner of a
 * maintenance window hides itself once the window's end has passed, at view time (a few lines of
 * inline script, allowed by the site's CSP). The basics fixture's window runs from 2020 to 2099:
 * the browser's clock is set inside it, then after its end. An open incident has no end and stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { DIST } from '../helpers/dist.ts';
import { serveStatic, type StaticServer } from '../helpers/static-server.ts';

let server: StaticServer;
let browser: TestBrowser;
let policy: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([serveStatic(DIST), launchBrowser()]);
  // The static server sends no headers of dist/_headers: the page gets the site's policy here, so a script it did not hash would not run.
  policy = /^\s+Content-Security-Policy: (.+)$/m.exec(await readFile(path.join(DIST, '_headers'), 'utf-8'))![1]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A page opened with the browser's clock fixed at `time`, under the site's CSP; CSP violations collected. */
async function openAt(time: string, sitePath: string): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.browser.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.route(`${server.url}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await page.clock.setFixedTime(new Date(time));
  await page.goto(`${server.url}${sitePath}`);
  return { page, violations };
}

/** Closes a page whose requests the route above may still be answering: those answers are dropped, not failed. */
async function closePage(page: Page): Promise<void> {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.close();
}

describe('the status banner', () => {
  it('shows a window on an affected runbook while the window is open', async () => {
    const { page, violations } = await openAt('2030-06-01T12:00:00Z', '/runbooks/postgresql-connection-exhaustion/');
    await expect.poll(() => page.locator('.sl-banner').isVisible()).toBe(true);
    expect(await page.locator('.sl-banner').innerText()).toContain('PostgreSQL storage migration');
    expect(violations).toEqual([]);
    await closePage(page);
  });

  it('is gone once the window has ended, on the runbook and on the catalog page', async () => {
    for (const sitePath of ['/runbooks/postgresql-connection-exhaustion/', '/catalog/postgresql/']) {
      const { page, violations } = await openAt('2100-01-01T00:00:00Z', sitePath);
      await expect.poll(() => page.locator('.sl-banner').isHidden(), { message: sitePath }).toBe(true);
      expect(violations).toEqual([]);
      await closePage(page);
    }
  });

  it('hides, on a page left open, the window whose end passes while it is read', async () => {
    const page = await browser.browser.newPage();
    await page.clock.install({ time: new Date('2099-12-31T22:59:00Z') });
    await page.goto(`${server.url}/runbooks/postgresql-replication-lag/`);
    await expect.poll(() => page.locator('.sl-banner').isVisible()).toBe(true);
    await page.clock.runFor(2 * 60_000);
    await expect.poll(() => page.locator('.sl-banner').isHidden()).toBe(true);
    await closePage(page);
  });

  it("keeps an open incident's notice, and hides only the ended window beside it", async () => {
    const { page } = await openAt('2100-01-01T00:00:00Z', '/tenants/fraud-detection/');
    await expect.poll(() => page.locator('.status-notice[data-kind="maintenance"]').isHidden()).toBe(true);
    expect(await page.locator('.status-notice[data-kind="incident"]').isVisible()).toBe(true);
    expect(await page.locator('.sl-banner').isVisible()).toBe(true);
    await closePage(page);
  });
});
