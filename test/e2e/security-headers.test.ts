/**
 * The site under its own security headers. `wrangler pages dev` applies dist/_headers as Cloudflare
 * Pages does, so Chromium enforces the built policy here: every page kind is used the way a person
 * uses it, and any content security policy violation fails the test it happened in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../helpers/stack.ts';
import { launchBrowser, type TestBrowser } from '../helpers/browser.ts';

let stack: TestStack;
let browser: TestBrowser;
let context: BrowserContext;
let page: Page;
/** Violations and refusals of the current test, in the browser's words. */
let violations: string[] = [];

const CSP_MESSAGE = /Content Security Policy|Refused to|securitypolicyviolation/i;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
  context = await browser.browser.newContext();
  // Before any script of a page runs: the event reaches the document for inline scripts, styles,
  // eval and every blocked fetch, whether the page's code swallows the error or not.
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => console.error(`securitypolicyviolation: ${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} (${e.sample})`),
      true,
    );
  });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const record = (text: string) => CSP_MESSAGE.test(text) && violations.push(text);
  page.on('console', (message) => record(message.text()));
  page.on('pageerror', (error) => record(String(error)));
  // Pagefind searches in a worker of its own, under the policy its script was served with.
  page.on('worker', (worker) => worker.on('console', (message) => record(`worker ${worker.url()}: ${message.text()}`)));
});
afterEach(() => {
  const seen = violations;
  violations = [];
  expect(seen).toEqual([]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function open(path: string): Promise<void> {
  await page.goto(`${stack.siteUrl}${path}`);
  await page.waitForLoadState('networkidle');
}

describe('the headers a page comes with', () => {
  it('sends the policy and the other headers with pages, scripts and search files', async () => {
    for (const path of ['/guides/getting-started/', '/request/onboarding/', '/pagefind/pagefind.js', '/favicon.svg']) {
      const headers = (await fetch(`${stack.siteUrl}${path}`)).headers;
      const csp = headers.get('content-security-policy') ?? '';
      expect(csp, path).toMatch(/^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/]+=')+; style-src 'self' 'unsafe-inline';/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('referrer-policy'), path).toBe('same-origin');
    }
  });

  it('is not shown inside another site’s frame', async () => {
    // A page of its own: the refusal it logs is the point of this test, not a violation to count.
    const other = await browser.browser.newPage();
    try {
      await other.setContent(`<iframe src="${stack.siteUrl}/" title="portal"></iframe>`);
      const frame = other.frames().find((f) => f !== other.mainFrame())!;
      await expect.poll(() => frame.url()).toMatch(/^chrome-error:/);
    } finally {
      await other.close();
    }
  });
});

describe('every kind of page works under the policy', () => {
  it('a docs page: theme, sidebar, table of contents and tabs', async () => {
    await open('/guides/kafka-quickstart/');
    expect(await page.locator('html').getAttribute('data-theme')).toMatch(/^(light|dark)$/);
    expect(await page.evaluate(() => ['starlight-toc', 'starlight-theme-select', 'site-search'].filter((name) => !customElements.get(name)))).toEqual([]);
    expect(await page.locator('starlight-tabs').count()).toBeGreaterThan(0);
    const tab = page.locator('starlight-tabs [role="tab"]').nth(1);
    await tab.click();
    expect(await tab.getAttribute('aria-selected')).toBe('true');
  });

  it('the search dialog finds a page', async () => {
    await open('/guides/getting-started/');
    await page.keyboard.press('Control+k');
    const input = page.locator('#starlight__search input.pagefind-ui__search-input');
    await input.waitFor({ timeout: 20_000 });
    await input.fill('lagscope');
    const result = page.locator('#starlight__search .pagefind-ui__result-link').first();
    await expect.poll(() => result.getAttribute('href'), { timeout: 20_000 }).toBe('/runbooks/kafka-consumer-lag/');
  }, 60_000);

  it('a tenant page with its usage charts, and the insights', async () => {
    await open('/tenants/checkout/');
    expect(await page.locator('.usage-chart svg').count()).toBeGreaterThan(0);
    await open('/insights/');
    await open('/roadmap/');
  });

  it('a form: the island hydrates, is filled, previewed, and opens a pull request', async () => {
    await page.goto(`${stack.siteUrl}/request/onboarding/`);
    await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
    await page.getByLabel('Team name').fill('Header Check');
    const slug = page.getByLabel('Slug', { exact: true });
    await slug.fill('Bad Slug!');
    await slug.blur();
    // Validation ran in the browser: Zod, without compiling parsers.
    await expect.poll(() => slug.getAttribute('aria-invalid')).toBe('true');
    await slug.fill('header-check');
    await page.getByLabel('Owner 1').fill('@ada-lovelace');
    await page.getByLabel('Contact email').fill('header-check@example.com');
    await page.getByLabel('Cost centre').fill('CC-3141');
    await page.getByRole('checkbox', { name: /^Kafka / }).check();
    await page.getByLabel('Why, and why now').fill('A tenant to see that the forms work under the content security policy.');
    await page.getByRole('button', { name: 'Preview the pull request' }).click();
    await expect.poll(() => page.getByText('content/tenants/header-check.yaml').first().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Open the pull request' }).click();
    await page.getByRole('heading', { name: /Pull request #\d+ is open/ }).waitFor({ timeout: 20_000 });
  }, 60_000);

  it('My requests lists the request', async () => {
    await page.goto(`${stack.siteUrl}/requests/`);
    await page.locator('.request-item').filter({ hasText: 'header-check' }).first().waitFor({ timeout: 20_000 });
  });
});

describe("the API's answers", () => {
  const API_HEADERS = {
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'referrer-policy': 'no-referrer',
  };
  const headersOf = (headers: Headers) => Object.fromEntries(Object.keys(API_HEADERS).map((name) => [name, headers.get(name)]));

  it('carry their own security headers, answers and problems alike (Pages applies _headers only to static files)', async () => {
    const list = await fetch(`${stack.siteUrl}/api/requests`);
    expect(list.status).toBe(200);
    expect(headersOf(list.headers)).toEqual(API_HEADERS);
    const unknown = await stack.post('no-such-type', {});
    expect(unknown.status).toBe(404);
    expect(headersOf(unknown.headers)).toEqual(API_HEADERS);
    const notJson = await fetch(`${stack.siteUrl}/api/requests/onboarding`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(notJson.status).toBe(415);
    expect(notJson.headers.get('content-type')).toBe('application/problem+json');
    expect(headersOf(notJson.headers)).toEqual(API_HEADERS);
  });
});
