import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';
import { accessibleNode, axeViolations, launchBrowser, type TestBrowser } from '../helpers/browser.ts';
import { ZOD_WORDING } from '../helpers/zod-wording.ts';
import { measuredSeries } from '../helpers/usage.ts';
import { formatIsoDay } from '../../packages/platform-portal/src/lib/dates.ts';

let stack: TestStack;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startTestStack(), launchBrowser()]);
});
beforeEach(async () => {
  // A fresh context per test: no drafts or keys left over from the one before.
  page = await (await browser.browser.newContext()).newPage();
  page.setDefaultTimeout(10_000);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Opens a form page and waits until React has hydrated it (before that its controls are disabled). */
async function open(path: string): Promise<void> {
  await page.goto(`${stack.siteUrl}${path}`);
  await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
}

const git = (...args: string[]) => execFileSync('git', args, { cwd: stack.github.repoPath, encoding: 'utf-8' });
const opened = () => page.getByRole('heading', { name: /Pull request #\d+ is open/ });

async function previewAndOpen(): Promise<number> {
  await page.getByRole('button', { name: /^(Preview the pull request|Update the preview)$/ }).click();
  await page.getByRole('button', { name: 'Open the pull request' }).click();
  await opened().waitFor({ timeout: 20_000 });
  return Number((await opened().textContent())!.match(/#(\d+)/)![1]);
}

async function pullFiles(number: number): Promise<{ branch: string; files: string[] }> {
  const { data } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: number });
  return { branch: data.head.ref, files: git('diff', '--name-only', `main...refs/heads/${data.head.ref}`).trim().split('\n') };
}

describe('onboarding form', () => {
  it('shows a field error as the person leaves the field, and clears it once fixed', async () => {
    await open('/request/onboarding/');
    const slug = page.getByLabel('Slug', { exact: true });
    await slug.fill('Bad Slug!');
    await slug.blur();
    await expect.poll(() => slug.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await slug.getAttribute('aria-describedby'))!.split(' ');
    expect((await Promise.all(errorId.map((id) => page.locator(`#${id}`).textContent()))).join(' ')).toMatch(/lowercase/);
    expect(await axeViolations(page)).toEqual([]);
    await slug.fill('good-slug');
    await slug.blur();
    await expect.poll(() => slug.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('is filled with the keyboard, previewed, and opens a pull request that adds the tenant file and its owners to CODEOWNERS', async () => {
    // The YAML library comes with the preview, not with the page (~30 KB gzip that a person who
    // leaves the form never needs).
    const scripts: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('.js')) scripts.push(response.text().catch(() => ''));
    });
    const yamlLoaded = async () => (await Promise.all(scripts)).some((code) => code.includes('YAMLParseError'));
    await open('/request/onboarding/');
    await page.getByLabel('Team name').focus();
    await page.keyboard.type('Payments Risk');
    await page.keyboard.press('Tab');
    await page.keyboard.type('payments-risk');
    await page.getByLabel('Owner 1').fill('@ada-lovelace');
    await page.getByLabel('Contact email').fill('payments-risk@example.com');
    await page.getByLabel('Cost centre').fill('CC-3141');
    await page.getByRole('checkbox', { name: /^Kafka / }).check();
    await page.getByLabel('Why, and why now').fill('We score payments for fraud in real time and need topics for the events.');
    expect(await yamlLoaded()).toBe(false);
    await page.getByRole('button', { name: 'Preview the pull request' }).click();
    await expect.poll(() => page.getByText('content/tenants/payments-risk.yaml').first().isVisible()).toBe(true);
    expect(await yamlLoaded()).toBe(true);
    // The preview shows the owners' line that CODEOWNERS gains, against the site's file as built.
    expect(await page.getByText('+/content/tenants/payments-risk.yaml @ada-lovelace').first().isVisible()).toBe(true);
    const number = await previewAndOpen();
    const { branch, files } = await pullFiles(number);
    expect(branch).toBe('requests/onboarding/payments-risk');
    expect([...files].sort()).toEqual(['.github/CODEOWNERS', 'content/tenants/payments-risk.yaml']);
    expect(await page.getByRole('link', { name: `pull request #${number}` }).getAttribute('href')).toContain(`/pulls/${number}`);
  });
});

describe('capacity form', () => {
  it('takes the suggested value from a tenant page link, shows the usage, and refuses less than is in use', async () => {
    const { tenant, series, inUse, asOf } = await measuredSeries();
    const suggested = String(Math.ceil(inUse) + 1);
    await open(`/request/capacity/?${new URLSearchParams({ tenant, service: series.service, unit: series.unit, value: suggested })}`);
    const value = page.getByLabel(/New quota/);
    expect(await value.inputValue()).toBe(suggested);
    expect(await page.locator('#capacity-current').textContent()).toContain(`on ${formatIsoDay(asOf)}`);
    await value.fill(String(Math.floor(inUse) - 1));
    await value.blur();
    await expect.poll(() => value.getAttribute('aria-invalid')).toBe('true');
    const described = (await value.getAttribute('aria-describedby'))!.split(' ');
    expect((await Promise.all(described.map((id) => page.locator(`#${id}`).textContent()))).join(' ')).toMatch(/below the .* in use on/);
  });

  it('pre-selects from the query string, and a GitHub outage shows a retry that makes exactly one pull request', async () => {
    await open('/request/capacity/?tenant=fraud-detection&service=kafka&unit=partitions');
    await page.getByLabel(/New quota/).fill('150');
    await page.getByLabel('Needed by').fill('2027-03-01');
    await page.getByLabel('Why').fill('A second scoring model consumes every event; it needs its own consumers.');
    await page.getByRole('button', { name: 'Preview the pull request' }).click();
    await stack.fault({ route: '*', kind: '502', times: 30 });
    await page.getByRole('button', { name: 'Open the pull request' }).click();
    const retry = page.getByRole('button', { name: 'Try again' });
    await retry.waitFor({ timeout: 30_000 });
    expect(await page.getByRole('alert').textContent()).toMatch(/GitHub/);
    await stack.clearFaults();
    await retry.click();
    await opened().waitFor({ timeout: 20_000 });
    const pulls = (await stack.openPulls()).filter((p) => p.head.ref === 'requests/capacity/fraud-detection/kafka-partitions');
    expect(pulls).toHaveLength(1);
    const diff = git('diff', '--unified=0', `main...refs/heads/${pulls[0]!.head.ref}`).split('\n').filter((l) => /^[-+]\s/.test(l));
    expect(diff).toEqual([expect.stringMatching(/^-\s+partitions: \d+/), expect.stringMatching(/^\+\s+partitions: 150\b/)]);
  });
});

describe('feedback form', () => {
  it('keeps the draft across a reload, and sends it as a file in the feedback pull request', async () => {
    await open('/request/feedback/');
    await page.getByRole('textbox', { name: /^Page/ }).fill('/guides/kafka-quickstart/');
    await page.getByLabel('Your feedback').fill('The consumer example misses the group id.');
    await page.getByLabel('Your feedback').blur();
    await page.waitForTimeout(500);
    await page.reload();
    await page.waitForSelector('astro-island:not([ssr])', { state: 'attached' });
    expect(await page.getByLabel('Your feedback').inputValue()).toBe('The consumer example misses the group id.');
    await page.getByRole('radio', { name: /^2/ }).check();
    await page.getByRole('radio', { name: 'A docs page' }).check();
    const number = await previewAndOpen();
    const { files } = await pullFiles(number);
    expect(files.some((f) => /^content\/feedback\/\d{4}-W\d{2}\/[a-f0-9]{16}\.yaml$/.test(f))).toBe(true);
  });
});

describe('the errors of a radio group reach a screen reader', () => {
  const axNode = (role: string, name: string) => accessibleNode(page, role, name);
  const announced = () => page.locator('[aria-live="polite"]').first().textContent();

  it('an empty feedback form: each group is invalid, described by its sentence, and the sentence is said on leaving it', async () => {
    await open('/request/feedback/');
    await page.getByRole('button', { name: 'Preview the pull request' }).click();
    await expect.poll(() => announced()).toBe('2 fields need a change: Rating, About.');
    await expect.poll(() => axNode('radiogroup', 'About')).toEqual({ invalid: 'true', description: expect.stringContaining('Choose the category: docs, service, portal, process or other.') });
    expect(await axNode('radiogroup', 'Rating')).toEqual({ invalid: 'true', description: expect.stringContaining('Give the rating: 1 (very poor) to 5 (very good).') });
    expect((await axNode('radiogroup', 'About'))!.description).not.toMatch(ZOD_WORDING);
    // The focus is on the first field that needs a change; leaving each group says what it needs.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('feedback-rating');
    await page.getByRole('radio', { name: 'A docs page' }).focus();
    await expect.poll(() => announced()).toBe('Rating: Give the rating: 1 (very poor) to 5 (very good).');
    await page.getByLabel('Your feedback').focus();
    await expect.poll(() => announced()).toBe('About: Choose the category: docs, service, portal, process or other.');
    // Chosen, the group is valid again and no longer described by an error.
    await page.getByRole('radio', { name: 'A docs page' }).check();
    await expect.poll(async () => (await axNode('radiogroup', 'About'))?.invalid).not.toBe('true');
    expect((await axNode('radiogroup', 'About'))!.description).not.toContain('Choose');
  });
});

describe('page feedback widget', () => {
  it('sends a rating corrected after a half-finished attempt as a new submission, so the correction is kept', async () => {
    // The week's feedback pull request must be opened by this submission, so GitHub can fail it after the file is written.
    const { data: pulls } = await stack.octokit.rest.pulls.list({ owner: OWNER, repo: REPO, state: 'open', per_page: 100 });
    for (const pull of pulls.filter((p) => p.head.ref.startsWith('requests/feedback/'))) {
      await stack.octokit.rest.pulls.update({ owner: OWNER, repo: REPO, pull_number: pull.number, state: 'closed' });
    }
    await page.goto(`${stack.siteUrl}/guides/kafka-quickstart/`);
    const widget = page.locator('.page-feedback');
    await widget.waitFor({ state: 'visible' });
    await stack.fault({ route: 'create-pull', kind: '500', times: 3 });
    await widget.locator('input[value="2"]').check({ force: true });
    await widget.getByRole('button', { name: 'Send feedback' }).click();
    await expect.poll(() => widget.getByRole('status').first().textContent()).toMatch(/send it again/);

    await widget.locator('input[value="4"]').check({ force: true });
    await widget.getByRole('button', { name: 'Send feedback' }).click();
    await widget.getByText('Thank you').waitFor();
    const { data: open } = await stack.octokit.rest.pulls.list({ owner: OWNER, repo: REPO, state: 'open', per_page: 100 });
    const feedback = open.find((p) => p.head.ref.startsWith('requests/feedback/'))!;
    const ratings = git('diff', '--name-only', `main...refs/heads/${feedback.head.ref}`)
      .trim()
      .split('\n')
      .map((file) => git('show', `refs/heads/${feedback.head.ref}:${file}`).match(/^rating: (\d)$/m)?.[1]);
    expect(ratings).toContain('4');
  });
});

describe('accessibility of the form pages', () => {
  it.each(['/request/onboarding/', '/request/capacity/', '/request/feedback/', '/requests/'])('%s passes axe, also with its errors shown', async (path) => {
    await open(path);
    expect(await axeViolations(page)).toEqual([]);
    const preview = page.getByRole('button', { name: 'Preview the pull request' });
    if (await preview.count()) {
      await preview.click();
      await page.waitForTimeout(300);
      expect(await axeViolations(page)).toEqual([]);
    }
  });

  it('/request/feedback/ passes axe with the preview of its pull request shown', async () => {
    await open('/request/feedback/');
    await page.getByRole('textbox', { name: /^Page/ }).fill('/guides/getting-started/');
    await page.getByRole('radio', { name: /^4/ }).check();
    await page.getByRole('radio', { name: 'This portal' }).check();
    await page.getByRole('button', { name: 'Preview the pull request' }).click();
    await page.getByRole('button', { name: 'Open the pull request' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
