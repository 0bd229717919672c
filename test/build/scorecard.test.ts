/**
 * The scorecard of a site copy with content this test writes, built against a local GitHub holding
 * request pull requests with dates the test chose. Every figure is checked against the test's own
 * counting of those files and pull requests, on the page and in the JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify } from 'yaml';
import type { HTMLElement } from 'node-html-parser';
import { builtPage, DIST } from '../helpers/dist.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { openPulls, settableClock, type PullSpec } from '../helpers/request-pulls.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';
import { startLocalGitHub, type LocalGitHub } from '../../packages/platform-portal/src/dev/local-github/server.ts';
import { testOctokit } from '../helpers/octokit.ts';
import portal from '../fixtures/basics/portal.config.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Math.floor(Date.now() / 1000) * 1000;
const ago = (days: number) => new Date(T0 - days * DAY);
const after = (date: Date, hours: number) => new Date(date.getTime() + hours * HOUR);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

const SPECS: PullSpec[] = [
  { type: 'onboarding', createdAt: ago(100), mergedAt: after(ago(100), 3) },
  { type: 'onboarding', createdAt: ago(80), mergedAt: after(ago(80), 2) },
  { type: 'onboarding', createdAt: ago(40), mergedAt: after(ago(40), 10) },
  { type: 'onboarding', createdAt: ago(20), mergedAt: after(ago(20), 51) },
  { type: 'capacity', createdAt: ago(30), mergedAt: after(ago(30), 30) },
  { type: 'capacity', createdAt: ago(12), mergedAt: after(ago(12), 12) },
  { type: 'capacity', createdAt: ago(5) },
  { type: 'capacity', createdAt: ago(3), closed: true },
  { type: 'feedback', createdAt: ago(7) },
  { createdAt: ago(6), mergedAt: after(ago(6), 1) },
  // A request's marker copied into a pull request someone else opened: not a request.
  { type: 'capacity', createdAt: ago(4), openedWith: 'intruder-token' },
  { type: 'onboarding', createdAt: ago(2), mergedAt: after(ago(2), 1), openedWith: 'intruder-token' },
];
/** The local GitHub's logins: the portal's (the build reads with its own token and learns it) and someone else's. */
const PORTAL_LOGIN = 'nimbus-portal-bot';
const TOKENS = { test: PORTAL_LOGIN, 'build-token': PORTAL_LOGIN, 'intruder-token': 'mallory' };

const runbook = (title: string, lastReviewed: Date) =>
  `---\n${stringify({ title, description: `${title}.`, service: 'kafka', owner: 'data-streaming', severity: 'sev3', alerts: ['KafkaSomething'], last_reviewed: isoDay(lastReviewed) })}---\n\n## Symptoms\n\nSomething.\n`;
const tenant = (slug: string, onboarded: Date) =>
  stringify({ name: `Tenant ${slug}`, slug, owners: ['@octocat'], contact: `${slug}@example.com`, cost_centre: 'CC-1001', onboarded: isoDay(onboarded), services: { kafka: { partitions: 12 } } });
const feedbackFile = (fields: Record<string, unknown>) => stringify({ category: 'docs', message: 'ok', submitted: new Date(T0).toISOString(), ...fields });

let site: SiteCopy;
let github: LocalGitHub;
let dataDir: string;
let pullNumbers: number[];
let json: any;
let page: HTMLElement;

/** The local GitHub with the request pull requests; its files do not matter, only its pull requests. */
async function startGitHubWithPulls(): Promise<void> {
  const clock = settableClock(ago(200));
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'portal-scorecard-github-'));
  github = await startLocalGitHub({ port: 0, repo: portal.github.repository, dataDir, seedFrom: BASICS, seedPaths: ['content'], now: clock.now, tokens: TOKENS });
  pullNumbers = await openPulls(testOctokit({ auth: 'test', baseUrl: github.apiUrl }), portal.github.repository, clock, SPECS);
}

/** A site copy with tenants, runbooks, a shipped roadmap item and feedback of the test's making. */
async function writeContent(): Promise<void> {
  site = await copySite('scorecard');
  await site.write('content/tenants/zz-recent.yaml', tenant('zz-recent', ago(3)));
  await site.write('content/tenants/zz-early.yaml', tenant('zz-early', new Date('2024-08-15T00:00:00Z')));
  await site.write('content/docs/runbooks/zz-stale.md', runbook('Zz stale runbook', ago(400)));
  await site.write('content/docs/runbooks/zz-fresh.md', runbook('Zz fresh runbook', ago(2)));
  await site.write(
    'content/roadmap/zz-shipped.md',
    `---\n${stringify({ title: 'Zz shipped item', summary: 'Shipped by the test.', status: 'shipped', area: 'kafka', shipped_in: 'zz-release', goal: 'self-service' })}---\n\nDone.\n`,
  );
  await site.write(
    'content/changelog/zz-release.mdx',
    `---\n${stringify({ title: 'Zz release', date: isoDay(ago(1)), type: 'feature', areas: ['kafka'], summary: 'The test release.', roadmap: ['zz-shipped'] })}---\n\nReleased.\n`,
  );
  await site.write('content/feedback/2026-W40/a1.yaml', feedbackFile({ area: 'kafka', rating: 5 }));
  await site.write('content/feedback/2026-W40/a2.yaml', feedbackFile({ area: 'kafka', rating: 2 }));
  await site.write('content/feedback/2026-W41/b1.yaml', feedbackFile({ page: '/runbooks/kafka-consumer-lag/', rating: 4 }));
  await site.write('content/feedback/2026-W41/b2.yaml', feedbackFile({ area: 'clickhouse', rating: 3 }));
  await site.write('content/feedback/2026-W42/c1.yaml', feedbackFile({ area: 'security', rating: 4 }));
  await site.write('content/feedback/2026-W42/c2.yaml', feedbackFile({ page: '/guides/getting-started/', rating: 1 }));
}

beforeAll(async () => {
  await Promise.all([writeContent(), startGitHubWithPulls()]);
  const build = await site.run(['build'], { GITHUB_API_URL: github.apiUrl, GITHUB_TOKEN: 'build-token', GITHUB_REPOSITORY: portal.github.repository });
  if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
  json = JSON.parse(await readFile(path.join(site.dir, 'dist/insights/scorecard.json'), 'utf-8'));
  page = await builtPage('/insights/scorecard/', path.join(site.dir, 'dist'));
});
afterAll(async () => {
  await github?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  await site?.dispose();
});

// ---- the test's own counting, from the files and the pull request specs ----

const content = async (folder: string) => (await readdir(path.join(site.dir, 'content', folder))).filter((f) => !f.startsWith('_'));
const frontmatter = async (file: string) => parseYaml((await readFile(path.join(site.dir, file), 'utf-8')).split(/^---$/m)[1]!);
/** Frontmatter of the docs page at a site path, e.g. /runbooks/x/ → content/docs/runbooks/x.md(x). */
const docsFrontmatter = async (sitePath: string) => {
  const base = `content/docs${sitePath.replace(/\/$/, '')}`;
  return frontmatter((await readdir(path.join(site.dir, path.dirname(base)))).includes(`${path.basename(base)}.md`) ? `${base}.md` : `${base}.mdx`);
};
const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
const medianOf = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const hoursText = (h: number | null) => (h === null ? 'none merged' : h < 48 ? `${h.toFixed(1)} hours` : `${(h / 24).toFixed(1)} days`);
/** Counts per quarter from the first to the build's, with the running total. */
const perQuarter = (days: string[]) => {
  const counts = new Map<string, number>();
  for (const d of days) counts.set(quarterOf(d), (counts.get(quarterOf(d)) ?? 0) + 1);
  const rows: [string, number, number][] = [];
  let [year, q] = [...counts.keys()].sort()[0]!.split('-Q').map(Number) as [number, number];
  let total = 0;
  for (;;) {
    const key = `${year}-Q${q}`;
    total += counts.get(key) ?? 0;
    rows.push([key, counts.get(key) ?? 0, total]);
    if (key >= quarterOf(json.generated_at.slice(0, 10))) return rows;
    [year, q] = q === 4 ? [year + 1, 1] : [year, q + 1];
  }
};

// ---- reading the page ----

const section = (id: string) => page.querySelector(`section[aria-labelledby="${id}"]`)!;
const rows = (table: HTMLElement) => table.querySelectorAll('tbody tr').map((tr) => [tr.querySelector('th')!, ...tr.querySelectorAll('td')]);
const fact = (id: string, term: string) => section(id).querySelectorAll('.facts div').find((d) => d.querySelector('dt')!.text.startsWith(term))!.querySelector('dd')!;
const link = (cell: HTMLElement) => cell.querySelector('a')!.getAttribute('href')!;
const searchQuery = (href: string) => {
  const url = new URL(href);
  expect(`${url.origin}${url.pathname}`).toBe(`${portal.github.webUrl}/${portal.github.repository}/pulls`);
  return url.searchParams.get('q');
};

describe('the scorecard built with request pull requests on the local GitHub', () => {
  it('counts tenants per quarter of onboarding, with the running total, linked to the tenants', async () => {
    const onboarded = await Promise.all((await content('tenants')).map(async (f) => parseYaml(await readFile(path.join(site.dir, 'content/tenants', f), 'utf-8'))));
    const expected = perQuarter(onboarded.map((t) => String(t.onboarded)));
    expect(json.tenants.total.count).toBe(onboarded.length);
    expect(json.tenants.by_quarter.map((q: any) => [q.quarter, q.onboarded, q.cumulative])).toEqual(expected);
    const table = rows(section('tenants').querySelector('table')!);
    expect(table.map(([q, n, c]) => [q!.text, Number(n!.text), Number(c!.text)])).toEqual(expected);
    const recent = table.find(([q]) => q!.text === quarterOf(isoDay(ago(3))))!;
    expect(recent[3]!.querySelectorAll('a').map((a) => a.getAttribute('href'))).toContain('/tenants/zz-recent/');
    expect(fact('tenants', 'Tenants').text.trim()).toBe(String(onboarded.length));
  });

  it('counts the request pull requests of the last 90 days by type, with their median time to merge, linked to GitHub', () => {
    const since = Date.parse(`${json.generated_at.slice(0, 10)}T00:00:00Z`) - 90 * DAY;
    const counted = SPECS.map((s, i) => ({ ...s, number: pullNumbers[i]! })).filter((s) => s.type && !s.openedWith && s.createdAt.getTime() >= since);
    expect(SPECS.filter((s) => s.openedWith && s.createdAt.getTime() >= since)).toHaveLength(2);
    const hours = (specs: typeof counted) => medianOf(specs.flatMap((s) => (s.mergedAt ? [(s.mergedAt.getTime() - s.createdAt.getTime()) / HOUR] : [])));
    expect(json.requests).toMatchObject({ status: 'ok', source: 'github', repository: portal.github.repository, window_days: 90 });
    expect(json.requests.total.opened.count).toBe(counted.length);
    expect(json.requests.total.merged.count).toBe(counted.filter((s) => s.mergedAt).length);
    expect(json.requests.total.median_hours_to_merge).toBe(hours(counted));
    expect(fact('requests', 'Median time to merge').text.trim()).toBe(hoursText(hours(counted)));

    const table = rows(section('requests').querySelector('table')!);
    for (const type of ['onboarding', 'capacity', 'feedback']) {
      const ofType = counted.filter((s) => s.type === type);
      const expected = { opened: ofType.length, merged: ofType.filter((s) => s.mergedAt).length, open: ofType.filter((s) => !s.mergedAt && !s.closed).length };
      expect(json.requests.by_type.find((t: any) => t.type === type)).toMatchObject({
        opened: { count: expected.opened },
        merged: { count: expected.merged },
        open: { count: expected.open },
        median_hours_to_merge: hours(ofType),
      });
      const [, opened, merged, open, median] = table.find(([th]) => th!.text === type)!;
      expect([Number(opened!.text), Number(merged!.text), Number(open!.text), median!.text.trim()], type).toEqual([expected.opened, expected.merged, expected.open, hoursText(hours(ofType))]);
      const labels = (portal.requests.labels[type] ?? []).map((l) => `label:"${l}"`).join(' ');
      expect(searchQuery(link(opened!))).toBe(`is:pr label:portal-request author:${PORTAL_LOGIN} ${labels} created:>=${isoDay(new Date(since))}`);
      expect(searchQuery(link(merged!))).toBe(`is:pr label:portal-request author:${PORTAL_LOGIN} ${labels} is:merged created:>=${isoDay(new Date(since))}`);
    }
    const listed = section('requests').querySelectorAll('#request-pulls a').map((a) => a.getAttribute('href'));
    expect(listed.sort()).toEqual(counted.map((s) => `${github.webUrl}/pulls/${s.number}`).sort());
  });

  it('averages feedback by area: the area named, else the service of the page', async () => {
    const services = new Map<string, string>();
    for (const f of await content('services')) services.set(f.replace('.yaml', ''), parseYaml(await readFile(path.join(site.dir, 'content/services', f), 'utf-8')).name);
    const groups = new Map<string, number[]>();
    for (const week of await content('feedback')) {
      for (const f of await content(`feedback/${week}`)) {
        const entry = parseYaml(await readFile(path.join(site.dir, 'content/feedback', week, f), 'utf-8'));
        let area = entry.area as string | undefined;
        if (!area && entry.page) area = (await docsFrontmatter(entry.page)).service;
        const label = area ? (services.get(area) ?? area.charAt(0).toUpperCase() + area.slice(1).replaceAll('-', ' ')) : 'No area';
        groups.set(label, [...(groups.get(label) ?? []), entry.rating]);
      }
    }
    const all = [...groups.values()].flat();
    expect(json.feedback.count).toBe(all.length);
    expect(json.feedback.average_rating).toBe(Math.round((all.reduce((a, b) => a + b) / all.length) * 100) / 100);
    const table = rows(section('feedback').querySelector('table')!);
    expect(new Map(table.map(([th, n, avg]) => [th!.text, [Number(n!.text), avg!.text]]))).toEqual(
      new Map([...groups].map(([label, r]) => [label, [r.length, `${(Math.round((r.reduce((a, b) => a + b) / r.length) * 100) / 100).toFixed(2)} / 5`]])),
    );
    for (const [, n, avg] of table) expect([link(n!), link(avg!)]).toEqual(['/insights/feedback/', '/insights/feedback/']);
  });

  it('gives the share of runbooks reviewed within the configured age and lists the stale ones', async () => {
    const now = Date.parse(json.generated_at);
    const runbooks = await Promise.all((await content('docs/runbooks')).map(async (f) => ({ href: `/runbooks/${f.replace(/\.mdx?$/, '')}/`, ...(await frontmatter(`content/docs/runbooks/${f}`)) })));
    const stale = runbooks.filter((r) => Math.floor((now - Date.parse(`${r.last_reviewed}T00:00:00Z`)) / DAY) > portal.runbooks.reviewAgeDays);
    expect(stale.map((r) => r.href)).toContain('/runbooks/zz-stale/');
    const percent = Math.round(((runbooks.length - stale.length) / runbooks.length) * 100);
    expect(json.docs_health).toMatchObject({ runbooks: { count: runbooks.length }, reviewed: runbooks.length - stale.length, reviewed_percent: percent, stale: { count: stale.length } });
    expect(fact('docs-health', 'Reviewed within').querySelector('a')!.text).toBe(`${percent}% (${runbooks.length - stale.length} of ${runbooks.length})`);
    const table = rows(section('docs-health').querySelector('table')!);
    expect(table.at(-1)![0]!.text).toBe(`over ${portal.runbooks.reviewAgeDays} days (stale)`);
    expect(Number(table.at(-1)![1]!.text)).toBe(stale.length);
    expect(table.reduce((n, [, count]) => n + Number(count!.text), 0)).toBe(runbooks.length);
    const listed = section('docs-health').querySelectorAll('#stale-runbooks + ul a').map((a) => a.getAttribute('href'));
    expect(listed.sort()).toEqual(stale.map((r) => r.href).sort());
  });

  it('counts roadmap items shipped per quarter of their release note', async () => {
    const shippedDays: string[] = [];
    for (const f of await content('roadmap')) {
      const item = await frontmatter(`content/roadmap/${f}`);
      if (item.status !== 'shipped') continue;
      const note = (await content('changelog')).find((n) => n.replace(/\.mdx?$/, '') === item.shipped_in)!;
      shippedDays.push(String((await frontmatter(`content/changelog/${note}`)).date));
    }
    const expected = perQuarter(shippedDays).map(([q, n]) => [q, n]);
    expect(json.roadmap.by_quarter.map((q: any) => [q.quarter, q.shipped])).toEqual(expected);
    const table = rows(section('roadmap-delivery').querySelector('table')!);
    expect(table.map(([q, n]) => [q!.text, Number(n!.text)])).toEqual(expected);
    const hrefs = table.flatMap((cells) => cells[2]!.querySelectorAll('a').map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(expect.arrayContaining(['/roadmap/zz-shipped/', '/changelog/zz-release/']));
    // Released yesterday, for the goal it names: shipped in the window (test/build/direction.test.ts checks the rest per goal).
    const selfService = json.roadmap.by_goal.goals.find((g: any) => g.goal === 'self-service');
    expect(selfService.items[0]).toMatchObject({ id: 'zz-shipped', release: { id: 'zz-release' } });
    expect(selfService.shipped_in_window).toBeGreaterThanOrEqual(1);
  });

  it('links every number in its tables, draws a chart with a text alternative per table, and defines each metric', () => {
    for (const id of ['tenants', 'requests', 'feedback', 'docs-health', 'roadmap-delivery']) {
      const s = section(id);
      expect(s.querySelector('.scorecard-definition')?.text, id).toMatch(/^Definition: \S/);
      const svg = s.querySelector('svg[role="img"]')!;
      expect(svg.querySelector('title')!.text, id).not.toBe('');
      expect(svg.getAttribute('aria-labelledby')!.split(' ').map((ref) => s.querySelector(`#${ref}`)?.text.length)).not.toContain(undefined);
      const table = s.querySelector('table')!;
      expect(svg.querySelectorAll('rect').length, id).toBe(table.querySelectorAll('tbody tr').length);
      for (const cell of table.querySelectorAll('td')) if (/^\d+(\.\d+)?( hours| days| \/ 5)?$/.test(cell.text.trim())) expect(cell.querySelector('a'), `${id}: ${cell.text}`).not.toBeNull();
    }
    expect(page.querySelectorAll('astro-island')).toHaveLength(0);
  });

  it('passes axe in light and dark', async () => {
    const [server, browser] = await Promise.all([serveStatic(path.join(site.dir, 'dist')), launchBrowser()]);
    try {
      const tab = await browser.browser.newPage();
      for (const scheme of ['light', 'dark'] as const) {
        await tab.emulateMedia({ colorScheme: scheme });
        await tab.goto(`${server.url}/insights/scorecard/`);
        expect(await axeViolations(tab), scheme).toEqual([]);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

describe('the scorecard of a build without GitHub credentials', () => {
  it('says plainly, on the page and in the JSON, that request figures have no source, and how to give one', async () => {
    const plain = JSON.parse(await readFile(path.join(DIST, 'insights/scorecard.json'), 'utf-8'));
    expect(plain.requests).toMatchObject({ status: 'not-configured', source: 'none' });
    const aside = (await builtPage('/insights/scorecard/')).querySelector('section[aria-labelledby="requests"] aside')!;
    expect(aside.text).toContain('No source is configured for request figures');
    expect(aside.text).toContain('GITHUB_TOKEN');
  });
});
