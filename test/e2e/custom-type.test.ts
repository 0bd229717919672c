/**
 * A request type a site defines in its own files (test/fixtures/custom-type: portal.config.ts and
 * requests/kafka-topic.ts, "Create a Kafka topic"), with no engine file changed, gets all a built-in
 * type has: its form page made from its schema, the API with a schema endpoint whose example opens
 * a pull request, the server's preview, and its row on My requests; and a field of it (the topic
 * name) gets a control of the site's own (requests.forms, src/forms/TopicNameField.tsx). The site is
 * built into a copy and served with a local GitHub seeded from its content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SiteCopy } from '../helpers/site-copy.ts';
import type { TestStack } from '../helpers/stack.ts';
import { startFixtureStack, type FixtureStack } from '../helpers/fixture-stack.ts';
import { axeViolations, type TestBrowser } from '../helpers/browser.ts';
import { pageWeight } from '../../bench/page-assets.ts';
import portal from '../fixtures/custom-type/portal.config.ts';
import { builtPages } from '../helpers/dist.ts';
import { BUILT_IN_REQUEST_TYPES } from '../../packages/platform-portal/src/requests/registry.ts';

const [owner, repo] = portal.github.repository.split('/') as [string, string];
const TENANT_FILE = 'content/tenants/data-team.yaml';

let fixtureStack: FixtureStack | undefined;
let site: SiteCopy;
let stack: TestStack;
let browser: TestBrowser;

beforeAll(async () => {
  fixtureStack = await startFixtureStack('custom-type', portal);
  ({ site, stack, browser } = fixtureStack);
}, 300_000);
afterAll(() => fixtureStack?.stop());

const git = (...args: string[]) => execFileSync('git', args, { cwd: stack.github.repoPath, encoding: 'utf-8' });

/** The lines a pull request's branch adds to and removes from a file, without context. */
function changedLines(branch: string, file: string): string[] {
  return git('diff', '--unified=0', `main...refs/heads/${branch}`, '--', file)
    .split('\n')
    .filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));
}

async function previewOf(body: unknown) {
  const response = await fetch(`${stack.siteUrl}/api/requests/kafka-topic/preview`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the site’s build', () => {
  it('has the form page of its own type, made from the schema, and keeps the engine’s pages for the built-in types', async () => {
    const html = await readFile(path.join(site.dir, 'dist/request/kafka-topic/index.html'), 'utf-8');
    expect(html).toMatch(/<h1[^>]*>Create a Kafka topic<\/h1>/);
    expect(html).toMatch(/<astro-island[^>]+component-url="\/_astro\/RequestTypeForm\.[^"]+\.js"/);
    // The site's own control of the topic name, rendered on the server too.
    expect(html).toContain('0 of 100 characters');
    const onboarding = await readFile(path.join(site.dir, 'dist/request/onboarding/index.html'), 'utf-8');
    expect(onboarding).toMatch(/component-url="\/_astro\/OnboardingForm\./);
  });

  it('offers every request type of the site on the home page, its own among them', async () => {
    const home = await readFile(path.join(site.dir, 'dist/index.html'), 'utf-8');
    const offered = [...home.matchAll(/href="\/request\/([a-z0-9-]+)\/"/g)].map((m) => m[1]);
    expect(offered).toEqual(portal.requests.types!.map((t) => t.type));
  });

  it('leaves no page, link, form or API call of a built-in type the site drops', async () => {
    const offered = portal.requests.types!.map((t) => t.type);
    const dropped = BUILT_IN_REQUEST_TYPES.map((t) => t.type).filter((type) => !offered.includes(type));
    expect(dropped).toEqual(['capacity', 'feedback']);
    const pages = await builtPages(path.join(site.dir, 'dist'));
    for (const type of dropped) expect(pages.has(`/request/${type}/`)).toBe(false);
    // The feedback type's insights page goes with it: the fixture has no feedback merged either.
    expect(pages.has('/insights/feedback/')).toBe(false);
    const leftovers = [...pages].flatMap(([sitePath, page]) => {
      const html = page.toString();
      const links = page.querySelectorAll('a[href], form[action]').map((a) => a.getAttribute('href') ?? a.getAttribute('action')!);
      return [
        ...links.filter((href) => dropped.some((type) => href.startsWith(`/request/${type}/`)) || href.startsWith('/insights/feedback/')).map((href) => `${sitePath}: link to ${href}`),
        ...dropped.filter((type) => html.includes(`/api/requests/${type}`)).map((type) => `${sitePath}: calls /api/requests/${type}`),
        ...(page.querySelector('.page-feedback') ? [`${sitePath}: "Was this page helpful?"`] : []),
      ];
    });
    expect(leftovers).toEqual([]);
    // What the site keeps is still offered where it belongs, and the docs pages are there.
    expect(pages.get('/catalog/')!.querySelector('a[href="/request/onboarding/"]')).not.toBeNull();
    expect(pages.has('/guides/getting-started/')).toBe(true);
  });

  it('loads at most 100 KB of JavaScript (gzip) on the form page, the site’s own field component included, and no zod', async () => {
    const weight = await pageWeight(path.join(site.dir, 'dist'), '/request/kafka-topic/');
    expect(weight!.js).toBeLessThan(100 * 1024);
    const form = await readFile(path.join(site.dir, 'dist/request/kafka-topic/index.html'), 'utf-8');
    const scripts = [...form.matchAll(/(?:component-url|renderer-url)="([^"]+)"/g)].map((m) => m[1]!);
    for (const script of scripts) expect(await readFile(path.join(site.dir, 'dist', script), 'utf-8')).not.toContain('ZodError');
  });
});

describe('the API of a type of the site’s own', () => {
  it('serves its JSON Schema and an example that opens a pull request adding exactly one topic to the tenant file', async () => {
    const schema = await (await fetch(`${stack.siteUrl}/api/requests/kafka-topic/schema`)).json();
    expect(schema).toMatchObject({ type: 'kafka-topic', title: 'Create a Kafka topic', schema: { type: 'object', required: expect.arrayContaining(['tenant', 'name']) } });
    const opened = await stack.post('kafka-topic', schema.example, { 'idempotency-key': 'custom-type-example' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const branch: string = opened.body.pullRequest.branch;
    expect(branch).toBe('requests/kafka-topic/data-team/orders.events');
    expect(git('diff', '--name-only', `main...refs/heads/${branch}`).trim()).toBe(TENANT_FILE);
    expect(changedLines(branch, TENANT_FILE)).toEqual(['+  - name: orders.events', '+    partitions: 12', '+    retention_days: 7', '+    cleanup: delete']);
    const { data: pull } = await stack.octokit.rest.pulls.get({ owner, repo, pull_number: opened.body.pullRequest.number });
    expect(pull.labels.map((l) => l.name)).toEqual(['portal-request', 'kafka']);
    // The same submission again is the same pull request.
    const again = await stack.post('kafka-topic', schema.example, { 'idempotency-key': 'custom-type-example' });
    expect(again.status).toBe(200);
    expect(again.body.pullRequest.number).toBe(opened.body.pullRequest.number);
  });

  it('previews the pull request without writing, and refuses as the submission would, naming the field', async () => {
    const request = { tenant: 'data-team', name: 'payments.scored', justification: 'Scored payments for the fraud dashboards.' };
    const branches = git('branch', '--list').trim();
    const made = await previewOf(request);
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body).toMatchObject({ title: 'Kafka topic payments.scored for data-team', branch: 'requests/kafka-topic/data-team/payments.scored', labels: ['portal-request', 'kafka'] });
    expect(made.body.files).toEqual([expect.objectContaining({ path: TENANT_FILE, status: 'modified' })]);
    expect(made.body.files[0].diff).toContain('+  - name: payments.scored\n+    partitions: 6\n+    retention_days: 7\n+    cleanup: delete\n');
    expect(made.body.body).toContain('<request-id>');
    expect(git('branch', '--list').trim()).toBe(branches);

    const invalid = await previewOf({ ...request, name: 'Payments!' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([{ path: 'name', message: 'Name the topic with 3 to 100 lowercase letters, digits, dots and hyphens, starting with a letter, e.g. orders.events.' }]);
    const taken = await previewOf({ ...request, name: 'clicks.raw' });
    expect(taken.status).toBe(409);
    expect(taken.body.errors).toEqual([{ path: 'name', message: 'The tenant already has a topic clicks.raw; choose another name.' }]);
  });
});

describe('the form of a type of the site’s own', () => {
  let page: Page;

  async function open(at: string): Promise<void> {
    page = await (await browser.browser.newContext()).newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${stack.siteUrl}${at}`);
    await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
  }

  it('passes axe, also with its errors shown, and says each error in the sentence written for its field', async () => {
    await open('/request/kafka-topic/');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Preview the pull request' }).click();
    await page.getByRole('heading', { name: /fields? needs? a change/ }).waitFor();
    const errors = await page.locator('.error-summary li').allTextContents();
    expect(errors).toEqual(['Tenant: Give the tenant.', 'Topic name: Give the topic name, e.g. orders.events.', 'Why: Say why.']);
    expect(await page.getByLabel('Tenant').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);

    const name = page.getByLabel('Topic name');
    await name.fill('Payments!');
    await name.blur();
    const described = (await name.getAttribute('aria-describedby'))!.split(' ');
    expect((await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ')).toContain(
      'Name the topic with 3 to 100 lowercase letters, digits, dots and hyphens, starting with a letter, e.g. orders.events.',
    );
    const partitions = page.getByLabel(/^Partitions/);
    await partitions.fill('500');
    await partitions.blur();
    await expect.poll(() => page.locator('.field--invalid').filter({ has: partitions }).textContent()).toContain('Make the partitions 100 or less.');
  });

  it('gives the topic name the site’s own control: reached with the keyboard, tied to its help and error, its error announced', async () => {
    await open('/request/kafka-topic/');
    await page.getByLabel('Tenant').focus();
    await page.keyboard.press('Tab');
    const name = page.getByLabel('Topic name');
    expect(await name.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('Orders!');
    expect(await name.inputValue()).toBe('orders!');
    expect(await page.locator('.field').filter({ has: name }).getByText('7 of 100 characters').isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    const message = 'Name the topic with 3 to 100 lowercase letters, digits, dots and hyphens, starting with a letter, e.g. orders.events.';
    await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
    const described = (await name.getAttribute('aria-describedby'))!.split(' ');
    const said = await Promise.all(described.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(said).toEqual(['The topic name, e.g. orders.events; the tenant prefix is added by the cluster.', `!${message}`, '7 of 100 characters']);
    expect(await page.locator('[aria-live="polite"]').textContent()).toBe(`Topic name: ${message}`);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('renders the site’s own component for the whole form around the form made from the schema, on the server and in the browser', async () => {
    const html = await readFile(path.join(site.dir, 'dist/request/kafka-topic/index.html'), 'utf-8');
    expect(html).toMatch(/<aside class="topic-rules" aria-label="Naming rules">.*<form/s);
    await open('/request/kafka-topic/');
    expect(await page.getByRole('complementary', { name: 'Naming rules' }).textContent()).toContain('Name a topic after what it carries');
    expect(await page.getByRole('button', { name: 'Preview the pull request' }).isEnabled()).toBe(true);
  });

  it('keeps a draft across a reload', async () => {
    await open('/request/kafka-topic/');
    await page.getByLabel('Topic name').fill('drafts.kept');
    await page.getByLabel(/^Retention/).fill('3');
    await page.getByLabel(/^Retention/).blur();
    await page.waitForTimeout(300);
    await page.reload();
    await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
    expect(await page.getByLabel('Topic name').inputValue()).toBe('drafts.kept');
    expect(await page.getByLabel(/^Retention/).inputValue()).toBe('3');
    await page.getByRole('button', { name: 'Discard draft' }).click();
    expect(await page.getByLabel(/^Retention/).inputValue()).toBe('7');
  });

  it('takes the server’s refusal onto the field it names', async () => {
    await open('/request/kafka-topic/');
    await page.getByLabel('Tenant').selectOption('example-team');
    await page.getByLabel('Topic name').fill('audit.log');
    await page.getByLabel('Why').fill('Audit events of the example team, kept a week.');
    await page.getByRole('button', { name: 'Preview the pull request' }).click();
    const tenant = page.getByLabel('Tenant');
    await expect.poll(() => tenant.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field--invalid').filter({ has: tenant }).textContent()).toContain('This tenant does not use Kafka yet: request a Kafka quota for it first.');
  });

  it('is filled with the keyboard, previewed, opens the pull request, and shows on My requests', async () => {
    await open('/request/kafka-topic/');
    await page.getByLabel('Tenant').focus();
    // A select takes the first letters of its option.
    await page.keyboard.type('Data');
    await page.keyboard.press('Tab');
    // The site's own control of the topic name takes the name in lowercase.
    await page.keyboard.type('Checkout.Events');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('24');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    // Into the cleanup radios: the arrow moves the choice.
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Keep the latest record per key' }).isChecked()).toBe(true);
    await page.getByLabel('Why').focus();
    await page.keyboard.type('Checkout events, compacted by order id for the order service.');
    await page.getByRole('button', { name: 'Preview the pull request' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('+  - name: checkout.events').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Open the pull request' }).click();
    const opened = page.getByRole('heading', { name: /Pull request #\d+ is open/ });
    await opened.waitFor({ timeout: 20_000 });
    const number = Number((await opened.textContent())!.match(/#(\d+)/)![1]);
    const { data: pull } = await stack.octokit.rest.pulls.get({ owner, repo, pull_number: number });
    expect(changedLines(pull.head.ref, TENANT_FILE)).toEqual(['+  - name: checkout.events', '+    partitions: 24', '+    retention_days: 7', '+    cleanup: compact']);

    await page.goto(`${stack.siteUrl}/requests/`);
    const row = page.locator('.request-item').filter({ hasText: `#${number}` });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain('Create a Kafka topic');
    expect(await axeViolations(page)).toEqual([]);
  });
});
