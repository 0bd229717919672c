/**
 * The demo's day-2 request types (src/requests/: a Kafka topic, access for a while, offboarding),
 * registered by a fixture site of their own (test/fixtures/day-two), end to end: each form filled
 * with the keyboard only, previewed and sent, its pull request and its row on My requests; each
 * type's served example posted to the API; the hostile corpus's cases of these types; and the
 * tenant page's access grants. The site is built into a copy and served with a local GitHub seeded
 * from its content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { parse as parseHtml } from 'node-html-parser';
import type { SiteCopy } from '../helpers/site-copy.ts';
import type { TestStack } from '../helpers/stack.ts';
import { startFixtureStack, type FixtureStack } from '../helpers/fixture-stack.ts';
import { axeViolations, type TestBrowser } from '../helpers/browser.ts';
import { expectInert, expectRefused, hostileCases, sendCase } from '../helpers/hostile-corpus.ts';
import portal from '../fixtures/day-two/portal.config.ts';

const repository = portal.github.repository.split('/') as [string, string];
const [owner, repo] = repository;
const REQUESTER = 'developer@example.com';

let fixtureStack: FixtureStack | undefined;
let site: SiteCopy;
let stack: TestStack;
let browser: TestBrowser;

beforeAll(async () => {
  fixtureStack = await startFixtureStack('day-two', portal);
  ({ site, stack, browser } = fixtureStack);
}, 300_000);
afterAll(() => fixtureStack?.stop());

const git = (...args: string[]) => execFileSync('git', args, { cwd: stack.github.repoPath, encoding: 'utf-8' });

/** The files a pull request's branch changes, each with its status letter (A, D, M), sorted. */
const changedFiles = (branch: string) => git('diff', '--name-status', `main...refs/heads/${branch}`).trim().split('\n').map((line) => line.replace(/\t/, ' ')).sort();

/** The lines a pull request's branch adds to and removes from a file, without context. */
const changedLines = (branch: string, file: string) =>
  git('diff', '--unified=0', `main...refs/heads/${branch}`, '--', file)
    .split('\n')
    .filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));

async function pullOf(number: number) {
  const { data } = await stack.octokit.rest.pulls.get({ owner, repo, pull_number: number });
  return { branch: data.head.ref, title: data.title, labels: data.labels.map((l) => l.name), reviewers: (data.requested_reviewers ?? []).map((r) => r.login).sort() };
}

/** Today and a day `days` later, as a request built now dates them (UTC, as BuildContext.now). */
const day = (days = 0) => new Date(Date.parse(new Date().toISOString().slice(0, 10)) + days * 86_400_000).toISOString().slice(0, 10);

describe('the tenant page', () => {
  it('lists the tenant’s access grants and marks the one past its last day as expired', async () => {
    const page = parseHtml(await readFile(path.join(site.dir, 'dist/tenants/checkout/index.html'), 'utf-8'));
    const rows = page.querySelectorAll('section[aria-labelledby="access"] tbody tr').map((row) => ({
      who: row.querySelector('th')!.text.trim(),
      expired: row.text.includes('expired'),
    }));
    expect(rows).toEqual([
      { who: 'lena.fischer@example.com', expired: true },
      { who: 'group fraud-detection-oncall', expired: false },
    ]);
  });
});

describe('the served examples, posted to the API', () => {
  const example = async (type: string) => (await (await fetch(`${stack.siteUrl}/api/requests/${type}/schema`)).json()).example;

  it('kafka-topic: adds the topic to the tenant’s file, for its owners to review', async () => {
    const opened = await stack.post('kafka-topic', await example('kafka-topic'), { 'idempotency-key': 'day-two-example-topic' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const pull = await pullOf(opened.body.pullRequest.number);
    expect(pull).toMatchObject({ branch: 'requests/kafka-topic/checkout/checkout.order-events.v1', labels: ['portal-request', 'kafka'], reviewers: ['amira-haddad', 'jonas-vogel'] });
    expect(changedFiles(pull.branch)).toEqual(['M content/tenants/checkout.yaml']);
    expect(changedLines(pull.branch, 'content/tenants/checkout.yaml')).toEqual([
      '+  - name: checkout.order-events.v1',
      '+    partitions: 12',
      '+    retention_days: 7',
      '+    cleanup_policy: delete',
    ]);
  });

  it('access: adds the grant to the tenant’s access file', async () => {
    const opened = await stack.post('access', await example('access'), { 'idempotency-key': 'day-two-example-access' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const pull = await pullOf(opened.body.pullRequest.number);
    expect(pull).toMatchObject({ labels: ['portal-request', 'access'], reviewers: ['amira-haddad', 'jonas-vogel'] });
    expect(changedFiles(pull.branch)).toEqual(['M content/access/checkout.yaml']);
    expect(changedLines(pull.branch, 'content/access/checkout.yaml')).toEqual([
      '+  - person: dana@example.com',
      '+    service: postgresql',
      '+    role: read',
      '+    reason: Reconciling the November refunds with finance; read-only queries on the orders database.',
      `+    granted: ${day()}`,
      `+    expires: ${day(13)}`,
      `+    requested_by: ${REQUESTER}`,
    ]);
  });

  it('offboarding: removes the tenant’s file and usage file and its CODEOWNERS line', async () => {
    const opened = await stack.post('offboarding', await example('offboarding'), { 'idempotency-key': 'day-two-example-offboarding' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const pull = await pullOf(opened.body.pullRequest.number);
    expect(pull).toMatchObject({ branch: 'requests/offboarding/growth-analytics', labels: ['portal-request', 'offboarding'], reviewers: ['sofia-lindqvist'] });
    expect(changedFiles(pull.branch)).toEqual(['D content/tenants/growth-analytics.yaml', 'D content/usage/growth-analytics.json', 'M .github/CODEOWNERS'].sort());
    expect(changedLines(pull.branch, '.github/CODEOWNERS')).toEqual(['-/content/tenants/growth-analytics.yaml @sofia-lindqvist', '-/content/access/growth-analytics.yaml @sofia-lindqvist']);
  });
});

/** The built-in types the fixture keeps for its campaign and its status: each request is one file for the right people. */
describe('a campaign and the status, through the API', () => {
  const example = async (type: string) => (await (await fetch(`${stack.siteUrl}/api/requests/${type}/schema`)).json()).example;
  const STATE = (tenant: string) => `content/campaigns/postgresql-14-upgrade/${tenant}.yaml`;

  it("campaign, done (the served example): changes exactly the tenant's one state, for its owners to review", async () => {
    const opened = await stack.post('campaign', await example('campaign'), { 'idempotency-key': 'day-two-campaign-done' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const pull = await pullOf(opened.body.pullRequest.number);
    expect(pull).toMatchObject({ branch: 'requests/campaign/postgresql-14-upgrade/checkout', labels: ['portal-request', 'campaign'], reviewers: ['amira-haddad', 'jonas-vogel'] });
    expect(changedFiles(pull.branch)).toEqual([`A ${STATE('checkout')}`]);
    expect(changedLines(pull.branch, STATE('checkout'))).toEqual(['+state: done', '+date: 2026-12-01', '+note: Both clusters run PostgreSQL 17.']);
  });

  it("campaign, plan: changes exactly the tenant's one state, for its owners to review", async () => {
    const opened = await stack.post('campaign', { campaign: 'postgresql-14-upgrade', tenant: 'growth-analytics', action: 'plan', date: '2099-06-30' }, { 'idempotency-key': 'day-two-campaign-plan' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const pull = await pullOf(opened.body.pullRequest.number);
    expect(pull).toMatchObject({ reviewers: ['sofia-lindqvist'] });
    expect(changedFiles(pull.branch)).toEqual([`A ${STATE('growth-analytics')}`]);
  });

  it('campaign, exemption: asks the platform team, and says at the top that an owner must approve', async () => {
    const body = { campaign: 'postgresql-14-upgrade', tenant: 'search-ranking', action: 'exempt', reason: 'The cluster is retired with the old ranking service next quarter.', until: '2099-03-31', approver: 'ravi-menon' };
    const opened = await stack.post('campaign', body, { 'idempotency-key': 'day-two-campaign-exempt' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const pull = await pullOf(opened.body.pullRequest.number);
    expect(pull).toMatchObject({ reviewers: ['ravi-menon'] });
    expect(changedFiles(pull.branch)).toEqual([`A ${STATE('search-ranking')}`]);
    const { data } = await stack.octokit.rest.pulls.get({ owner, repo, pull_number: opened.body.pullRequest.number });
    expect(data.body).toContain('among the owners (`@lea-marchetti`, `@daniel-osei`)');
  });

  it('incident and maintenance (the served examples): each adds one file the build takes', async () => {
    for (const [type, folder] of [['incident', 'content/incidents/'], ['maintenance', 'content/maintenance/']] as const) {
      const opened = await stack.post(type, await example(type), { 'idempotency-key': `day-two-${type}` });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const pull = await pullOf(opened.body.pullRequest.number);
      const [file] = changedFiles(pull.branch);
      expect(changedFiles(pull.branch)).toHaveLength(1);
      expect(file).toMatch(new RegExp(`^A ${folder}\\d{4}-\\d{2}-\\d{2}-[a-z0-9-]+\\.yaml$`));
    }
  });
});

describe("a tenant's action needed", () => {
  it('links the campaign form, filled in for the tenant and the campaign, which opens with them chosen', async () => {
    const html = parseHtml(await readFile(path.join(site.dir, 'dist/tenants/growth-analytics/index.html'), 'utf-8'));
    const href = html.querySelector('section[aria-labelledby="action-needed"] a[href^="/request/campaign/"]')?.getAttribute('href');
    expect(href).toBe('/request/campaign/?campaign=postgresql-14-upgrade&tenant=growth-analytics');
    const page = await (await browser.browser.newContext()).newPage();
    await page.goto(`${stack.siteUrl}${href}`);
    await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
    await expect.poll(() => page.getByLabel('Tenant').inputValue()).toBe('growth-analytics');
    expect(await page.getByLabel('Campaign').inputValue()).toBe('postgresql-14-upgrade');
    await page.context().close();
  });
});

describe('the forms, with the keyboard only', () => {
  let page: Page;

  async function open(type: string): Promise<void> {
    page = await (await browser.browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${stack.siteUrl}/request/${type}/`);
    await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
  }

  const isFocused = (target: Locator) => target.evaluate((element) => element === document.activeElement);
  /** The focused element, for a failure message. */
  const focused = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));

  /** Tab, then the focus is on `target`: the next stop in the page's own order. */
  async function tabTo(target: Locator): Promise<void> {
    await page.keyboard.press('Tab');
    expect(await isFocused(target), `Tab reached ${await focused()}, not ${target}`).toBe(true);
  }

  /** Tab until the focus is on `target`, past stops inside a control or the preview's scrollable diffs, which take the focus too. */
  async function tabOnTo(target: Locator, most = 12): Promise<void> {
    for (let i = 0; i < most && !(await isFocused(target)); i++) await page.keyboard.press('Tab');
    expect(await isFocused(target), `Tab reached ${await focused()}, not ${target}`).toBe(true);
  }

  /** Enter on "Preview the pull request", then on "Open the pull request" once tabbed to: the number of the pull request opened. */
  async function previewAndOpen(): Promise<number> {
    await page.keyboard.press('Enter');
    const openButton = page.getByRole('button', { name: 'Open the pull request' });
    await openButton.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await tabOnTo(openButton, 20);
    await page.keyboard.press('Enter');
    const opened = page.getByRole('heading', { name: /Pull request #\d+ is open/ });
    await opened.waitFor({ timeout: 20_000 });
    return Number((await opened.textContent())!.match(/#(\d+)/)![1]);
  }

  async function expectOnMyRequests(number: number, title: string): Promise<void> {
    await page.goto(`${stack.siteUrl}/requests/`);
    const row = page.locator('.request-item').filter({ hasText: `#${number}` });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain(title);
  }

  it('pass axe, all three', async () => {
    for (const type of ['kafka-topic', 'access', 'offboarding']) {
      await open(type);
      expect(await axeViolations(page), type).toEqual([]);
    }
  });

  it('kafka-topic: filled, previewed and sent; the pull request adds the topic; it shows on My requests', async () => {
    await open('kafka-topic');
    await page.getByLabel('Tenant').focus();
    // A select takes the first letters of its option.
    await page.keyboard.type('Checkout');
    await tabTo(page.getByLabel('Topic name'));
    await page.keyboard.type('checkout.refunds.v1');
    await tabTo(page.getByLabel('Partitions'));
    await page.keyboard.type('6');
    await tabTo(page.getByLabel(/^Retention/));
    // Into the cleanup radios, on the checked default: the arrow moves the choice.
    await tabTo(page.getByRole('radio', { name: /^Delete/ }));
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: /^Compact/ }).isChecked()).toBe(true);
    await tabTo(page.getByLabel('Justification'));
    await page.keyboard.type('Refund events for the finance reconciliation, compacted by refund id.');
    await tabTo(page.getByRole('button', { name: 'Preview the pull request' }));
    const number = await previewAndOpen();

    const pull = await pullOf(number);
    expect(pull).toMatchObject({ branch: 'requests/kafka-topic/checkout/checkout.refunds.v1', labels: ['portal-request', 'kafka'], reviewers: ['amira-haddad', 'jonas-vogel'] });
    expect(changedFiles(pull.branch)).toEqual(['M content/tenants/checkout.yaml']);
    expect(changedLines(pull.branch, 'content/tenants/checkout.yaml')).toEqual([
      '+  - name: checkout.refunds.v1',
      '+    partitions: 6',
      '+    retention_days: 7',
      '+    cleanup_policy: compact',
    ]);
    await expectOnMyRequests(number, 'Create a Kafka topic');
  });

  it('access: filled, previewed and sent; the pull request adds the grant, for the tenant’s owners; it shows on My requests', async () => {
    await open('access');
    await page.getByLabel('Tenant').focus();
    // A select takes the first letters of its option.
    await page.keyboard.type('Checkout');
    await tabTo(page.getByLabel('Service'));
    await page.keyboard.type('Kafka');
    await tabTo(page.getByLabel('Role'));
    await page.keyboard.type('consume');
    // Nothing is chosen yet: Tab reaches the first radio, Space chooses it, the arrow moves on.
    await tabTo(page.getByRole('radio', { name: 'A person' }));
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'A group' }).isChecked()).toBe(true);
    await tabTo(page.getByLabel('Email or group', { exact: true }));
    await page.keyboard.type('data-science');
    await tabTo(page.getByLabel('Days'));
    await page.keyboard.type('7');
    await tabTo(page.getByLabel('Reason'));
    await page.keyboard.type('Training the fraud model on a week of checkout events.');
    await tabTo(page.getByRole('button', { name: 'Preview the pull request' }));
    const number = await previewAndOpen();

    const pull = await pullOf(number);
    expect(pull).toMatchObject({ branch: 'requests/access/checkout/kafka-consume-data-science', labels: ['portal-request', 'access'], reviewers: ['amira-haddad', 'jonas-vogel'] });
    expect(changedFiles(pull.branch)).toEqual(['M content/access/checkout.yaml']);
    expect(changedLines(pull.branch, 'content/access/checkout.yaml')).toEqual([
      '+  - group: data-science',
      '+    service: kafka',
      '+    role: consume',
      '+    reason: Training the fraud model on a week of checkout events.',
      `+    granted: ${day()}`,
      `+    expires: ${day(6)}`,
      `+    requested_by: ${REQUESTER}`,
    ]);
    await expectOnMyRequests(number, 'Request access');
  });

  it('offboarding: refuses a wrong slug, announced; the preview lists every file removed; sent, the pull request removes them', async () => {
    await open('offboarding');
    await page.getByLabel('Tenant').focus();
    await page.keyboard.type('Search Ranking');
    await tabTo(page.getByLabel('Reason'));
    await page.keyboard.type('Search ranking moved to the recommendations team; its models were retired.');
    await tabTo(page.getByLabel('Last day'));
    // A date input takes its parts as typed, month, day and year (the browser's locale is en-US).
    await page.keyboard.type('03312099');
    expect(await page.getByLabel('Last day').inputValue()).toBe('2099-03-31');
    const confirm = page.getByLabel('Confirm');
    // Tab walks the date's parts before it leaves the input.
    await tabOnTo(confirm, 4);
    await page.keyboard.type('search-rankin');
    // The slug and its confirmation are compared by the type's schema on the server: the preview
    // refuses, and its word lands on the field, which takes the focus, announced.
    await tabTo(page.getByRole('button', { name: 'Preview the pull request' }));
    await page.keyboard.press('Enter');
    const message = "Type the tenant's slug, search-ranking, to confirm.";
    await expect.poll(() => confirm.getAttribute('aria-invalid')).toBe('true');
    const described = (await confirm.getAttribute('aria-describedby'))!.split(' ');
    expect((await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ')).toContain(message);
    expect(await isFocused(confirm)).toBe(true);
    expect(await page.locator('[aria-live="polite"]').textContent()).toBe('1 field needs a change: Confirm.');
    expect(await page.locator('.error-summary li').allTextContents()).toEqual([`Confirm: ${message}`]);
    expect(await axeViolations(page)).toEqual([]);

    await page.keyboard.press('End');
    await page.keyboard.type('g');
    await tabTo(page.getByRole('button', { name: 'Update the preview' }));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open the pull request' }).waitFor();
    expect(await page.locator('.preview__file figcaption').allTextContents()).toEqual([
      'Deleted file content/tenants/search-ranking.yaml',
      'Deleted file content/usage/search-ranking.json',
      'Deleted file content/access/search-ranking.yaml',
      'Changed file .github/CODEOWNERS',
      'Description (Markdown source)',
    ]);
    const body = await page.locator('.preview pre[aria-label="Markdown source of the pull request description"]').textContent();
    expect(body).toContain('`content/tenants/search-ranking.yaml`, `content/usage/search-ranking.json`, `content/access/search-ranking.yaml`');
    await tabOnTo(page.getByRole('button', { name: 'Open the pull request' }), 20);
    await page.keyboard.press('Enter');
    const opened = page.getByRole('heading', { name: /Pull request #\d+ is open/ });
    await opened.waitFor({ timeout: 20_000 });
    const number = Number((await opened.textContent())!.match(/#(\d+)/)![1]);

    const pull = await pullOf(number);
    expect(pull).toMatchObject({ branch: 'requests/offboarding/search-ranking', labels: ['portal-request', 'offboarding'], reviewers: ['daniel-osei', 'lea-marchetti'] });
    expect(changedFiles(pull.branch)).toEqual(
      ['D content/tenants/search-ranking.yaml', 'D content/usage/search-ranking.json', 'D content/access/search-ranking.yaml', 'M .github/CODEOWNERS'].sort(),
    );
    expect(changedLines(pull.branch, '.github/CODEOWNERS')).toEqual(['-/content/tenants/search-ranking.yaml @lea-marchetti @daniel-osei', '-/content/access/search-ranking.yaml @lea-marchetti @daniel-osei']);
    await expectOnMyRequests(number, 'Offboard a tenant');
  });
});

describe('hostile inputs to the day-2 types', () => {
  const cases = hostileCases('day-two');
  const refused = cases.filter((c) => c.expect.status >= 400);
  const accepted = cases.filter((c) => c.expect.status < 400);
  let pullsBefore = 0;
  beforeAll(async () => {
    pullsBefore = (await stack.openPulls()).length;
  });

  it('cover each of the three types, refused and carried inert', () => {
    for (const type of ['kafka-topic', 'access', 'offboarding']) {
      expect(refused.some((c) => c.path === `/api/requests/${type}`), type).toBe(true);
      expect(accepted.some((c) => c.path === `/api/requests/${type}`), type).toBe(true);
    }
  });

  it.each(refused)('$name → $expect.status', async (c) => {
    await expectRefused(await sendCase(stack.siteUrl, c), c);
  });

  it('opened no pull request for any of the refused', async () => {
    expect((await stack.openPulls()).length).toBe(pullsBefore);
  });

  it.each(accepted)('$name → $expect.status, mentioning and referencing nothing', async (c) => {
    await expectInert(await sendCase(stack.siteUrl, c), c, stack.octokit, repository);
  });
});
