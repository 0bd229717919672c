import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { accessibleNode, axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { contentKindsOf, portalRoutes } from '../../packages/platform-portal/src/integration/routes.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { REQUEST_TYPES } from '../../packages/platform-portal/src/requests/index.ts';

let stack: TestStack;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  page = await browser.browser.newPage();
  page.setDefaultTimeout(10_000);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * One page of each kind the basics fixture builds: one per page route the portal injects
 * (integration/routes.ts), and Starlight's docs pages. A route of which the fixture makes no page
 * says why, and where it is tested instead.
 */
const PAGE_OF_ROUTE: Record<string, string | { none: string }> = {
  '/': '/',
  '/[section]': '/guides/',
  '/[section]/[sub]': { none: 'the fixture has no docs in sub-folders' },
  '/campaigns': '/campaigns/',
  '/campaigns/[id]': '/campaigns/postgresql-14-upgrade/',
  '/catalog': '/catalog/',
  '/catalog/[service]': '/catalog/kafka/',
  '/changelog/[...page]': '/changelog/',
  '/changelog/[id]': '/changelog/2026-09-30-kafka-sasl-plain-removed/',
  '/changelog/area/[area]/[...page]': '/changelog/area/kafka/',
  '/changelog/type/[type]/[...page]': '/changelog/type/breaking/',
  '/community': '/community/',
  '/direction': '/direction/',
  '/insights': '/insights/',
  '/insights/feedback': '/insights/feedback/',
  '/insights/scorecard': '/insights/scorecard/',
  '/insights/service/[service]': '/insights/service/kafka/',
  '/request/[type]': { none: 'the fixture defines no request type of its own (test/e2e/custom-type.test.ts has one)' },
  '/request/capacity': '/request/capacity/',
  '/request/feedback': '/request/feedback/',
  '/request/onboarding': '/request/onboarding/',
  '/requests': '/requests/',
  '/roadmap': '/roadmap/',
  '/roadmap/[id]': '/roadmap/kafka-tiered-storage/',
  '/roadmap/area/[area]': '/roadmap/area/kafka/',
  '/status': '/status/',
  '/status/incidents/[id]': '/status/incidents/clickhouse-slow-merges/',
  '/tenants': '/tenants/',
  '/tenants/[slug]': '/tenants/checkout/',
  '/tenants/[slug]/connect/[service]': '/tenants/checkout/connect/kafka/',
};
/** Starlight's: a guide, a runbook, and the page a path that leads nowhere gets. */
const DOCS_PAGES = ['/guides/getting-started/', '/runbooks/kafka-consumer-lag/', '/no-such-page/'];
const PAGES = [...Object.values(PAGE_OF_ROUTE).filter((p) => typeof p === 'string'), ...DOCS_PAGES];

describe('pages pass axe (WCAG 2.1 AA and best practices)', () => {
  it('has a page of every page route the portal injects', () => {
    const routes = portalRoutes({ requestTypes: Object.keys(REQUEST_TYPES), contentKinds: contentKindsOf(BASICS) }).filter((r) => r.entrypoint.pathname.endsWith('.astro'));
    expect(Object.keys(PAGE_OF_ROUTE).sort()).toEqual(routes.map((r) => r.pattern).sort());
  });

  describe.each(['light', 'dark'] as const)('in the %s theme', (scheme) => {
    it.each(PAGES)('%s', async (path) => {
      await page.emulateMedia({ colorScheme: scheme });
      const response = await page.goto(`${stack.siteUrl}${path}`);
      expect(response?.status()).toBe(path === '/no-such-page/' ? 404 : 200);
      // The islands are hydrated: the forms and My requests as a person meets them.
      await page.waitForSelector('astro-island[ssr]', { state: 'detached' });
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});

// Starlight spaces every block after the first in Markdown content, which in a grid put each fact,
// card or column but the first lower than its neighbours.
describe('grids of facts, cards and columns line up', () => {
  it.each(['/', '/catalog/', '/catalog/kafka/', '/tenants/checkout/', '/roadmap/'])('%s', async (path) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${stack.siteUrl}${path}`);
    const misaligned = await page.evaluate(() =>
      [...document.querySelectorAll('main :is(.facts, .home-columns, .catalog-grid, .roadmap-board)')].flatMap((grid) => {
        const boxes = [...grid.children].map((c) => c.getBoundingClientRect());
        // Each child beside the one before it (further right) is on the same row.
        return boxes.flatMap((b, i) => (i > 0 && b.left > boxes[i - 1]!.left && b.top !== boxes[i - 1]!.top ? [`${grid.className} child ${i + 1}: ${b.top} vs ${boxes[i - 1]!.top}`] : []));
      }),
    );
    expect(misaligned).toEqual([]);
  });
});

describe('the home page', () => {
  it('names the search shortcut where there is a keyboard, and not on a phone', async () => {
    await page.goto(`${stack.siteUrl}/`);
    const hint = page.locator('.hero .tagline .keyboard-hint');
    await expect.poll(() => hint.textContent()).toContain('Ctrl+K');
    expect(await hint.isVisible()).toBe(true);
    const phone = await browser.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      await phone.goto(`${stack.siteUrl}/`);
      await expect.poll(() => phone.locator('.hero .tagline').textContent()).toContain('Search everything');
      expect(await phone.locator('.hero .tagline .keyboard-hint').isVisible()).toBe(false);
    } finally {
      await phone.close();
    }
  });
});

describe('search in the browser', () => {
  it('finds a runbook by a word from its body, and the kind filter narrows it', async () => {
    await page.goto(`${stack.siteUrl}/guides/getting-started/`);
    await page.waitForLoadState('networkidle');
    await page.keyboard.press('Control+k');
    // Pagefind's UI is loaded when the browser is idle after the page loads.
    const input = page.locator('#starlight__search input.pagefind-ui__search-input');
    await input.waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator('dialog[open]').count()).toBe(1);
    await input.fill('lagscope');
    const result = page.locator('#starlight__search .pagefind-ui__result-link').first();
    await expect.poll(() => result.getAttribute('href'), { timeout: 20_000 }).toBe('/runbooks/kafka-consumer-lag/');
    // The filters appear once Pagefind has loaded their index: room for a machine busy with builds.
    const kindFilter = page.locator('#starlight__search details:has([id="kind-Guide"])');
    if ((await kindFilter.getAttribute('open', { timeout: 30_000 })) === null) await kindFilter.locator('summary').click();
    await page.locator('#starlight__search label[for="kind-Guide"]').click();
    await expect.poll(() => page.locator('#starlight__search .pagefind-ui__result-link').count(), { timeout: 20_000 }).toBe(0);
  }, 90_000);
});

describe('the "Was this page helpful?" widget', () => {
  it('sent without a rating, says so, and its radio group is invalid and described by what to do until a rating is chosen', async () => {
    await page.goto(`${stack.siteUrl}/guides/getting-started/`);
    const widget = page.locator('.page-feedback');
    await widget.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => widget.getByRole('status').first().textContent()).toBe('Choose a rating from 1 to 5 first.');
    expect(await accessibleNode(page, 'radiogroup', 'Was this page helpful?')).toEqual({ invalid: 'true', description: 'Choose a rating from 1 to 5 first.' });
    await widget.locator('input[value="3"]').check({ force: true });
    expect((await accessibleNode(page, 'radiogroup', 'Was this page helpful?'))?.invalid).not.toBe('true');
  });

  it('sends a rating and a comment with the keyboard, and the feedback lands in a pull request', async () => {
    await page.goto(`${stack.siteUrl}/runbooks/kafka-consumer-lag/`);
    const widget = page.locator('.page-feedback');
    await widget.scrollIntoViewIfNeeded();
    await widget.locator('input[value="4"]').focus();
    await page.keyboard.press('Space');
    await widget.locator('textarea').focus();
    await page.keyboard.type('The lagscope step saved us.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => widget.locator('.page-feedback__thanks').isVisible(), { timeout: 15_000 }).toBe(true);
    const pulls = await stack.openPulls();
    const feedback = pulls.find((p) => p.head.ref.includes('/feedback/'));
    expect(feedback).toBeDefined();
    const files = execFileSync('git', ['diff', '--name-only', `main...refs/heads/${feedback!.head.ref}`], { cwd: stack.github.repoPath, encoding: 'utf-8' });
    const file = files.trim().split('\n')[0]!;
    const text = execFileSync('git', ['show', `refs/heads/${feedback!.head.ref}:${file}`], { cwd: stack.github.repoPath, encoding: 'utf-8' });
    expect(text).toContain('page: /runbooks/kafka-consumer-lag/');
    expect(text).toContain('rating: 4');
    expect(text).toContain('The lagscope step saved us.');
  });
});
