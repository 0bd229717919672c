/**
 * Campaigns where people see them, in the fixture site's build: the campaign pages, the tenants'
 * "Action needed", the home, insights and release note pages and the scorecard (page and JSON)
 * show the same figures, each linking to the rows it counts; the pages ship no React and stay
 * light; the chart of a campaign is drawn from the git history of its state files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { HTMLElement } from 'node-html-parser';
import { builtPage, builtPages, DIST } from '../helpers/dist.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { pageWeight } from '../../bench/page-assets.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';

const HTML_BUDGET = 12 * 1024;
const STATUSES = ['done', 'planned', 'exempt', 'todo'] as const;
const FIGURES = [...STATUSES, 'overdue', 'total'] as const;
type Figures = Record<(typeof FIGURES)[number], number> & { completion: string; onTime: string };

let pages: Map<string, HTMLElement>;
let json: any;
let expected: Map<string, { open: boolean; note: string; figures: Figures; rows: Map<string, { status: string; overdue: boolean }> }>;

// ---- the test's own counting, from the fixture's files ----

const yamlFiles = async (dir: string) => (await readdir(path.join(BASICS, dir))).filter((f) => f.endsWith('.yaml'));
const readYaml = async (file: string) => parseYaml(await readFile(path.join(BASICS, file), 'utf-8'));
const day = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);
const percent = (part: number, whole: number, none: string) => (whole === 0 ? none : `${Math.round((part / whole) * 100)}%`);
const valueAt = (data: any, dotted: string) => dotted.split('.').reduce((at, key) => (at && typeof at === 'object' ? at[key] : undefined), data);

async function countCampaigns(today: string) {
  const tenants = new Map(await Promise.all((await yamlFiles('content/tenants')).map(async (f) => [f.slice(0, -5), await readYaml(`content/tenants/${f}`)] as const)));
  const result: typeof expected = new Map();
  for (const file of await yamlFiles('content/campaigns')) {
    const id = file.slice(0, -5);
    const c = await readYaml(`content/campaigns/${file}`);
    const stateFiles = await readdir(path.join(BASICS, 'content/campaigns', id)).catch(() => [] as string[]);
    const states = new Map(await Promise.all(stateFiles.map(async (f) => [f.slice(0, -5), await readYaml(`content/campaigns/${id}/${f}`)] as const)));
    const deadline = day(c.deadline);
    const rows = new Map<string, { status: string; overdue: boolean }>();
    let onTime = 0;
    for (const [slug, tenant] of tenants) {
      const state = states.get(slug);
      const uses = Object.hasOwn(tenant.services, c.scope.service);
      if (!uses || (c.scope.where && state?.state !== 'done' && !c.scope.where.in.includes(valueAt(tenant, c.scope.where.field)))) continue;
      const expired = state?.state === 'exempt' && day(state.exemption.expires) < today;
      const status = !state || expired ? 'todo' : state.state;
      rows.set(slug, { status, overdue: (status === 'todo' || status === 'planned') && today > deadline });
      if (status === 'done' && day(state.date) <= deadline) onTime += 1;
    }
    const count = (status: string) => [...rows.values()].filter((r) => r.status === status).length;
    const figures = {
      ...Object.fromEntries(STATUSES.map((s) => [s, count(s)])),
      overdue: [...rows.values()].filter((r) => r.overdue).length,
      total: rows.size,
      completion: percent(count('done') + count('exempt'), rows.size, '100%'),
      onTime: percent(onTime, count('done'), 'none done yet'),
    } as Figures;
    result.set(id, { open: c.finished === undefined, note: c.release_note, figures, rows });
  }
  return result;
}

// ---- reading the pages ----

/** The figures of a campaign as a CampaignFigures block (or a scorecard row) writes them. */
function figuresIn(block: HTMLElement): Figures {
  const text = (name: string) => block.querySelector(`[data-figure="${name}"]`)!.text.trim();
  return { ...Object.fromEntries(FIGURES.map((f) => [f, Number(text(f))])), completion: text('completion'), onTime: text('on-time') } as Figures;
}

beforeAll(async () => {
  pages = await builtPages();
  json = JSON.parse(await readFile(path.join(DIST, 'insights/scorecard.json'), 'utf-8'));
  expected = await countCampaigns(json.generated_at.slice(0, 10));
});

describe('the fixture', () => {
  it('has an open campaign past its deadline, with an expired exemption, and a finished one', () => {
    const all = [...expected.values()];
    expect(all.some((c) => c.open && c.figures.overdue > 0)).toBe(true);
    expect(all.some((c) => !c.open)).toBe(true);
    expect(pages.get('/campaigns/postgresql-14-upgrade/')!.querySelector('#tenant-ml-features')!.text).toContain('exemption expired');
  });
});

describe('campaign figures', () => {
  it('are counted from the files on every campaign page, and each links to the rows of its table it counts', () => {
    for (const [id, campaign] of expected) {
      const page = pages.get(`/campaigns/${id}/`)!;
      const block = page.querySelector('main .campaign-progress')!;
      expect(figuresIn(block), id).toEqual(campaign.figures);
      const rows = page.querySelectorAll('table.campaign-tenants tbody tr');
      expect(rows.map((r) => r.id), id).toEqual([...campaign.rows.keys()].sort().map((slug) => `tenant-${slug}`));
      for (const name of FIGURES) {
        const href = block.querySelector(`a[data-figure="${name}"]`)!.getAttribute('href')!;
        const [pathname, anchor] = href.split('#');
        expect(pathname, `${id} ${name}`).toBe(`/campaigns/${id}/`);
        expect(page.getElementById(anchor!), `${id} #${anchor}`).not.toBeNull();
        const counted = name === 'total' ? rows : rows.filter((r) => r.classList.contains(`is-${name}`));
        expect(counted.length, `${id} ${name}`).toBe(campaign.figures[name]);
      }
    }
  });

  it('filter the table by CSS alone: every filter anchor has its rule in the page’s styles', async () => {
    const page = pages.get('/campaigns/postgresql-14-upgrade/')!;
    const sheets = page.querySelectorAll('link[rel="stylesheet"]').map((l) => l.getAttribute('href')!);
    const css = [...page.querySelectorAll('style').map((s) => s.text), ...(await Promise.all(sheets.map((href) => readFile(path.join(DIST, href), 'utf-8'))))].join('\n');
    for (const name of [...STATUSES, 'overdue']) expect(css, name).toMatch(new RegExp(`#tenants-${name}:target\\s*~\\s*table tbody tr:not\\(\\.is-${name}\\)`));
  });

  it('are the same on the campaigns index, the home and insights pages (open ones) and the release note that announced each', () => {
    for (const [id, campaign] of expected) {
      const item = (sitePath: string) => pages.get(sitePath)!.querySelector(`main li[data-campaign="${id}"]`);
      expect(figuresIn(item('/campaigns/')!), id).toEqual(campaign.figures);
      expect(figuresIn(item(`/changelog/${campaign.note}/`)!), id).toEqual(campaign.figures);
      for (const sitePath of ['/', '/insights/']) {
        if (campaign.open) expect(figuresIn(item(sitePath)!), `${sitePath} ${id}`).toEqual(campaign.figures);
        else expect(item(sitePath), `${sitePath} ${id}`).toBeNull();
      }
    }
  });

  it('are the same in the scorecard, on its page and in its JSON, each linking to the rows it counts', () => {
    const section = pages.get('/insights/scorecard/')!.querySelector('section[aria-labelledby="campaigns"]')!;
    expect(json.campaigns.by_campaign.map((c: any) => c.id).sort()).toEqual([...expected.keys()].sort());
    for (const [id, campaign] of expected) {
      const row = section.querySelector(`tr[data-campaign="${id}"]`)!;
      expect(figuresIn(row), id).toEqual(campaign.figures);
      const data = json.campaigns.by_campaign.find((c: any) => c.id === id);
      const { total, completion, onTime, ...counts } = campaign.figures;
      expect({ ...Object.fromEntries(Object.keys(counts).map((k) => [k, data[k].count])), total: data.tenants.count }, id).toEqual({ ...counts, total });
      expect([`${data.completion_percent}%`, data.on_time_percent === null ? 'none done yet' : `${data.on_time_percent}%`], id).toEqual([completion, onTime]);
      for (const name of FIGURES) {
        const href = row.querySelector(`[data-figure="${name}"] a`)!.getAttribute('href');
        expect(href, `${id} ${name}`).toBe(data[name === 'total' ? 'tenants' : name].href);
        expect(href, `${id} ${name}`).toBe(pages.get(`/campaigns/${id}/`)!.querySelector(`main .campaign-progress a[data-figure="${name}"]`)!.getAttribute('href'));
      }
    }
    const all = [...expected.values()];
    const sum = (of: (f: Figures) => number) => all.reduce((n, c) => n + of(c.figures), 0);
    expect(json.campaigns.completion_percent).toBe(Math.round(((sum((f) => f.done) + sum((f) => f.exempt)) / sum((f) => f.total)) * 100));
    expect(json.campaigns.campaigns).toEqual({ count: expected.size, href: '/campaigns/' });
  });

  it("list on each tenant's page the open campaigns where it has work left, with the same status, linking to its row", () => {
    for (const slug of new Set([...expected.values()].flatMap((c) => [...c.rows.keys()]))) {
      const page = pages.get(`/tenants/${slug}/`)!;
      const listed = page.querySelectorAll('#action-needed ~ ul li').map((li) => [li.getAttribute('data-campaign'), li.getAttribute('data-status'), li.getAttribute('data-overdue') === 'true']);
      const wanted = [...expected]
        .filter(([, c]) => c.open && ['todo', 'planned'].includes(c.rows.get(slug)?.status ?? ''))
        .map(([id, c]) => [id, c.rows.get(slug)!.status, c.rows.get(slug)!.overdue]);
      expect(listed.sort(), slug).toEqual(wanted.sort());
      for (const a of page.querySelectorAll('#action-needed ~ ul a')) {
        const [pathname, anchor] = a.getAttribute('href')!.split('#');
        expect(pages.get(pathname!)!.getElementById(anchor!)?.tagName, `${slug} → ${a.getAttribute('href')}`).toBe('TR');
      }
    }
  });
});

describe('campaign pages', () => {
  const campaignPages = () => ['/campaigns/', ...[...expected.keys()].map((id) => `/campaigns/${id}/`)];

  it('are in every sidebar, after the roadmap', () => {
    const sidebar = pages.get('/guides/getting-started/')!.querySelectorAll('#starlight__sidebar a').map((a) => a.getAttribute('href'));
    expect(sidebar.indexOf('/campaigns/')).toBe(sidebar.indexOf('/roadmap/') + 1);
  });

  it('ship no React island and no script beyond what every portal page loads', async () => {
    // Starlight's own: those of a page without a table of contents and of one with it (the scorecard).
    const starlight = new Set([...(await pageWeight(DIST, '/tenants/'))!.scripts, ...(await pageWeight(DIST, '/insights/scorecard/'))!.scripts]);
    for (const sitePath of campaignPages()) {
      expect(pages.get(sitePath)!.querySelector('astro-island'), sitePath).toBeNull();
      expect((await pageWeight(DIST, sitePath))!.scripts.filter((script) => !starlight.has(script)), sitePath).toEqual([]);
    }
  });

  it(`weigh at most ${HTML_BUDGET / 1024} KB of HTML (gzip)`, async () => {
    for (const sitePath of campaignPages()) expect((await pageWeight(DIST, sitePath))!.html, sitePath).toBeLessThanOrEqual(HTML_BUDGET);
  });

  it('say where the chart comes from when the state files have no history to read', () => {
    // The fixture's files are not committed on their own: whatever git has, the page says what it drew.
    const source = pages.get('/campaigns/postgresql-14-upgrade/')!.querySelector('.campaign-history-source')!;
    expect(['complete', 'shallow', 'none', 'unavailable']).toContain(source.getAttribute('data-history'));
    expect(source.text.trim()).not.toBe('');
  });
});

describe('campaign pages in a browser', () => {
  it('show only the rows a figure counts after following its link, and pass axe in light and dark', async () => {
    const [server, browser] = await Promise.all([serveStatic(DIST), launchBrowser()]);
    try {
      const tab = await browser.browser.newPage();
      const id = 'postgresql-14-upgrade';
      const campaign = expected.get(id)!;
      await tab.goto(`${server.url}/campaigns/${id}/`);
      const visibleRows = () => tab.$$eval('table.campaign-tenants tbody tr', (rows) => rows.filter((r) => r.getClientRects().length > 0).map((r) => r.id));
      expect(await visibleRows()).toHaveLength(campaign.figures.total);
      await tab.click('main .campaign-progress a[data-figure="overdue"]');
      const overdue = [...campaign.rows].filter(([, r]) => r.overdue).map(([slug]) => `tenant-${slug}`);
      expect(await visibleRows()).toEqual(overdue.sort());
      expect(await tab.isVisible('#tenants-overdue')).toBe(true);
      await tab.click('#tenants-overdue a');
      expect(await visibleRows()).toHaveLength(campaign.figures.total);
      for (const scheme of ['light', 'dark'] as const) {
        await tab.emulateMedia({ colorScheme: scheme });
        for (const sitePath of ['/campaigns/', `/campaigns/${id}/`, '/']) {
          await tab.goto(`${server.url}${sitePath}`);
          expect(await axeViolations(tab), `${sitePath} (${scheme})`).toEqual([]);
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});

describe('the progress chart of a site whose state files have a git history', () => {
  let site: SiteCopy;
  let page: HTMLElement;
  const STATES = 'content/campaigns/postgresql-14-upgrade';

  beforeAll(async () => {
    site = await copySite('campaign-history');
    const git = (args: string[], date?: string) =>
      execFileSync('git', args, {
        cwd: site.dir,
        env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
      });
    const files = await readdir(path.join(site.dir, STATES));
    git(['init', '-q', '-b', 'main']);
    // Everything but the campaign's states, then its states in three steps.
    git(['add', '-A', '--', '.', ...files.map((f) => `:!${STATES}/${f}`)]);
    git(['commit', '-q', '-m', 'Site'], '2026-11-18T09:00:00Z');
    const steps: [string, string[]][] = [
      ['2026-11-20T10:00:00Z', ['checkout.yaml', 'ml-features.yaml']],
      ['2026-11-25T10:00:00Z', ['fraud-detection.yaml']],
      ['2026-12-02T10:00:00Z', ['payments-ledger.yaml']],
    ];
    for (const [date, step] of steps) {
      git(['add', ...step.map((f) => `${STATES}/${f}`)]);
      git(['commit', '-q', '-m', `States of ${date}`], date);
    }
    const build = await site.run(['build']);
    if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
    page = await builtPage('/campaigns/postgresql-14-upgrade/', path.join(site.dir, 'dist'));
  });
  afterAll(() => site?.dispose());

  it('has a step per day a commit changed the states, and the build day', () => {
    const figure = page.querySelector('.campaign-chart')!;
    expect(figure.getAttribute('data-points')).toBe('4');
    expect(page.querySelector('.campaign-history-source')!.getAttribute('data-history')).toBe('complete');
    // On 20 Nov the exemption had not expired: the chart counts each day as of that day.
    expect(figure.querySelector('title')!.text).toMatch(/^Upgrade PostgreSQL 14 clusters to 16 or 17: on 20 Nov 2026 0 done, 1 exempt and 1 planned of 4; on \d+ \w+ \d{4} 2 done, 0 exempt and 1 planned of 4; deadline 30 Nov 2026\.$/);
    expect(figure.querySelectorAll('svg path').map((p) => p.getAttribute('class'))).toEqual(['campaign-done', 'campaign-exempt', 'campaign-planned']);
  });
});
