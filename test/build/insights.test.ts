/**
 * Usage on the built site: a copy of the site with usage files of known linear series, built once;
 * the expected numbers are worked out here, not by the site's own forecast helper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { builtPages } from '../helpers/dist.ts';
import { scriptsOf } from '../helpers/scripts.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { axeViolations, launchBrowser } from '../helpers/browser.ts';

const DAY = 86_400_000;
const LAST = '2026-11-24';

/** `days` samples ending on LAST, `start` growing by `perDay`. */
interface Series {
  service: string;
  unit: string;
  quota: number;
  start: number;
  perDay: number;
  days: number;
}

const FIXTURES: Record<string, Series[]> = {
  checkout: [
    // 150 GB + 1 a day for 91 days: 240 of 300 GB (80 %), 60 GB left → 60 days.
    { service: 'kafka', unit: 'storage_gb', quota: 300, start: 150, perDay: 1, days: 91 },
    // 18 + 2 a day for 30 days: 76 of 96 (79.2 %), 20 left → 10 days.
    { service: 'kafka', unit: 'partitions', quota: 96, start: 18, perDay: 2, days: 30 },
    // Flat at 2 of 6 buckets.
    { service: 'object-storage', unit: 'buckets', quota: 6, start: 2, perDay: 0, days: 30 },
  ],
  'payments-ledger': [
    // Flat at 21 of 20 GB: used up.
    { service: 'postgresql', unit: 'storage_gb', quota: 20, start: 21, perDay: 0, days: 30 },
    // 10 + 1 a day for 30 days: 39 of 50 GB, 11 left → 11 days.
    { service: 'kafka', unit: 'storage_gb', quota: 50, start: 10, perDay: 1, days: 30 },
  ],
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const current = (s: Series) => s.start + s.perDay * (s.days - 1);
/** Days until the quota is reached from the last sample, at the series' own rate; Infinity when never. */
const daysLeft = (s: Series) => (current(s) >= s.quota ? 0 : s.perDay > 0 ? Math.ceil((s.quota - current(s)) / s.perDay) : Infinity);

function usageFile(tenant: string, series: Series[]): string {
  const last = Date.parse(`${LAST}T00:00:00Z`);
  return JSON.stringify({
    tenant,
    // Fetched the morning after the last daily figure, as the exporter runs.
    fetched_at: `${isoDay(last + DAY)}T06:00:00Z`,
    series: series.map((s) => ({
      service: s.service,
      unit: s.unit,
      points: Array.from({ length: s.days }, (_, i) => [isoDay(last - (s.days - 1 - i) * DAY), s.start + s.perDay * i]),
    })),
  });
}

let site: SiteCopy;
let dist: string;
let pages: Map<string, HTMLElement>;

beforeAll(async () => {
  site = await copySite('insights');
  // Only the fixtures: the starter usage files would add rows to every page checked here.
  await rm(path.join(site.dir, 'content/usage'), { recursive: true, force: true });
  for (const [tenant, series] of Object.entries(FIXTURES)) await site.write(`content/usage/${tenant}.json`, usageFile(tenant, series));
  // Tenants hold 16 + 48 + 24 = 88 ClickHouse cores: a capacity of 64 is over-allocated by 24.
  const clickhouse = await readFile(path.join(site.dir, 'content/services/clickhouse.yaml'), 'utf-8');
  await site.write('content/services/clickhouse.yaml', clickhouse.replace(/^(\s+)capacity: 128$/m, '$1capacity: 64'));
  const { code, output } = await site.run(['build']);
  if (code !== 0) throw new Error(`build failed:\n${output}`);
  dist = path.join(site.dir, 'dist');
  pages = await builtPages(dist);
});
afterAll(() => site?.dispose());

const card = (page: HTMLElement, key: string) => page.querySelector(`[data-usage="${key}"]`);
/** A cell's text, its no-break spaces (between number and unit) as plain ones. */
const field = (el: HTMLElement | null | undefined, name: string) => el?.querySelector(`[data-field="${name}"]`)?.text.replace(/\u00a0/g, ' ');
const time = (el: HTMLElement | null | undefined, name: string) => el?.querySelector(`[data-field="${name}"] time`)?.getAttribute('datetime');

describe('tenant page usage', () => {
  it('shows the percentage used and the date the quota runs out for a known linear series', () => {
    const page = pages.get('/tenants/checkout/')!;
    for (const s of FIXTURES.checkout!) {
      const row = card(page, `${s.service}/${s.unit}`);
      expect(row, `${s.service}/${s.unit}`).not.toBeNull();
      expect(field(row, 'percent')).toBe(`${Math.round((current(s) / s.quota) * 1000) / 10} %`);
      const days = daysLeft(s);
      if (days === Infinity) {
        expect(field(row, 'exhaustion')).toBe('not within 180 days');
      } else {
        expect(time(row, 'exhaustion')).toBe(isoDay(Date.parse(`${LAST}T00:00:00Z`) + days * DAY));
        expect(field(row, 'exhaustion')).toContain(`(in ${days} days)`);
      }
    }
    // The worked example: 240 of 300 GB, out on 23 Jan 2027.
    expect(field(card(page, 'kafka/storage_gb'), 'percent')).toBe('80 %');
    expect(time(card(page, 'kafka/storage_gb'), 'exhaustion')).toBe('2027-01-23');
  });

  it('says which day the figures run up to, from which a forecast counts its days: on a tenant page beside the fetch, and on the fleet view', () => {
    const intro = pages.get('/tenants/checkout/')!.querySelector('#usage')?.nextElementSibling;
    expect(intro?.text.replace(/\s+/g, ' ')).toContain('Daily figures up to 24 Nov 2026, fetched 25 Nov 2026; a forecast counts its days from the last figure.');
    expect(intro?.querySelector('time')?.getAttribute('datetime')).toBe(LAST);
    const fleet = pages.get('/insights/')!.querySelector('#usage')?.nextElementSibling;
    expect(fleet?.text.replace(/\s+/g, ' ')).toContain('Daily figures up to 24 Nov 2026; a forecast counts its days from the last figure.');
    expect(fleet?.querySelector('time')?.getAttribute('datetime')).toBe(LAST);
  });

  it('flags rows at 80 % or running out within 30 days, with a link to the capacity form filled in', () => {
    const page = pages.get('/tenants/checkout/')!;
    const link = (key: string) => card(page, key)?.querySelector('a.capacity-link')?.getAttribute('href');
    const storage = new URL(link('kafka/storage_gb')!, 'http://site');
    expect(storage.pathname).toBe('/request/capacity/');
    expect(Object.fromEntries(storage.searchParams)).toMatchObject({ tenant: 'checkout', service: 'kafka', unit: 'storage_gb' });
    expect(Number(storage.searchParams.get('value'))).toBeGreaterThan(300);
    expect(link('kafka/partitions')).toMatch(/^\/request\/capacity\/\?tenant=checkout&service=kafka&unit=partitions&value=\d+$/);
    expect(link('object-storage/buckets')).toBeUndefined();
  });

  it('draws a chart with the numbers in its text alternative', () => {
    const svg = card(pages.get('/tenants/checkout/')!, 'kafka/storage_gb')!.querySelector('svg[role="img"]')!;
    const title = pages.get('/tenants/checkout/')!.querySelector(`#${svg.getAttribute('aria-labelledby')}`)?.text;
    expect(title?.replace(/\u00a0/g, ' ')).toBe('Storage on Kafka: 150 GB on 26 Aug to 240 GB on 24 Nov 2026; quota 300 GB; at the trend it runs out on 23 Jan 2027.');
    expect(svg.querySelectorAll('path')).toHaveLength(1);
  });

  it('says "No usage data yet" for a tenant without a usage file and for units without a series', () => {
    expect(pages.get('/tenants/fraud-detection/')!.querySelector('.usage-empty')?.text).toBe('No usage data yet.');
    expect(pages.get('/tenants/fraud-detection/')!.querySelectorAll('[data-usage]')).toHaveLength(0);
    expect(card(pages.get('/tenants/checkout/')!, 'postgresql/vcpu')?.querySelector('.usage-empty')?.text).toBe('No usage data yet.');
  });
});

describe('fleet view', () => {
  const rowsOf = (page: HTMLElement) => page.querySelectorAll('.fleet-table tbody tr').map((tr) => tr.getAttribute('data-usage'));
  const all = Object.entries(FIXTURES).flatMap(([tenant, series]) => series.map((s) => ({ key: `${tenant}/${s.service}/${s.unit}`, ...s })));
  // By days left, then by share used.
  const expected = all.sort((a, b) => daysLeft(a) - daysLeft(b) || current(b) / b.quota - current(a) / a.quota || 0);

  it('lists every tenant × unit with data, what runs out first on top', () => {
    expect(expected.map((r) => r.key)).toEqual([
      'payments-ledger/postgresql/storage_gb',
      'checkout/kafka/partitions',
      'payments-ledger/kafka/storage_gb',
      'checkout/kafka/storage_gb',
      'checkout/object-storage/buckets',
    ]);
    expect(rowsOf(pages.get('/insights/')!)).toEqual(expected.map((r) => r.key));
  });

  it('filters by service on a page of its own, marking the active filter', () => {
    const kafka = pages.get('/insights/service/kafka/')!;
    expect(rowsOf(kafka)).toEqual(expected.filter((r) => r.service === 'kafka').map((r) => r.key));
    expect(kafka.querySelector('nav[aria-label="Filter by service"] a[aria-current="page"]')?.text).toBe('Kafka');
    expect(kafka.querySelectorAll('[data-allocation]').map((t) => t.getAttribute('data-allocation'))).toEqual(['kafka']);
    expect(pages.get('/insights/')!.querySelector('nav[aria-label="Filter by service"] a[aria-current="page"]')?.text).toBe('All');
  });

  it('links the insights pages to each other, marking the one you are on', () => {
    for (const [path, current] of [['/insights/', 'Usage against quota'], ['/insights/service/kafka/', 'Usage against quota'], ['/insights/feedback/', 'Feedback and page health'], ['/insights/scorecard/', 'Scorecard']]) {
      const nav = pages.get(path!)!.querySelector('nav[aria-label="Insights"]')!;
      expect(nav.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(['/insights/', '/insights/feedback/', '/insights/scorecard/']);
      expect(nav.querySelectorAll('a[aria-current="page"]').map((a) => a.text)).toEqual([current]);
    }
  });

  it('adds up the tenants’ quotas per unit against the service’s capacity', () => {
    // Kafka storage: 300 + 600 + 150 + 50 + 200 GB of 6,000.
    const row = pages.get('/insights/')!.querySelector('[data-allocation="kafka"] tr[data-unit="storage_gb"]')!;
    expect(field(row, 'allocated')).toBe('1,300 GB');
    expect(field(row, 'share')).toContain('21.7 %');
    expect(row.querySelector('.allocation-over')).toBeNull();
    const over = pages.get('/insights/')!.querySelector('[data-allocation="clickhouse"] tr[data-unit="cpu_cores"]')!;
    expect(field(over, 'allocated')).toBe('88 cores');
    expect(field(over, 'share')).toBe('137.5 % over capacity by 24 cores');
  });

  it('ships no script beyond what a docs page has, a status banner’s included', async () => {
    // The runbook carries the fixture's open maintenance window's banner, as the tenant page does.
    const docPages = ['/guides/getting-started/', '/runbooks/postgresql-connection-exhaustion/'];
    const docs = new Set((await Promise.all(docPages.map((p) => scriptsOf(pages.get(p)!, dist)))).flat().map((s) => s.code));
    for (const sitePath of ['/insights/', '/insights/service/kafka/', '/tenants/checkout/']) {
      const page = pages.get(sitePath)!;
      expect(page.querySelector('astro-island'), sitePath).toBeNull();
      for (const script of await scriptsOf(page, dist)) expect(docs.has(script.code), `${sitePath} loads ${script.file}`).toBe(true);
    }
  });
});

describe('with usage data', () => {
  it('the tenant page and the fleet view pass axe in the light and the dark theme', async () => {
    const [server, browser] = await Promise.all([serveStatic(dist), launchBrowser()]);
    try {
      const page = await browser.browser.newPage();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const sitePath of ['/tenants/checkout/', '/insights/']) {
          await page.goto(`${server.url}${sitePath}`);
          expect(await axeViolations(page), `${sitePath} (${scheme})`).toEqual([]);
        }
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);

  it('on a phone, data tables read as one card per row, each value under its column name, and no page scrolls sideways', async () => {
    const [server, browser] = await Promise.all([serveStatic(dist), launchBrowser()]);
    try {
      const page = await browser.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      const catalog = [...pages.keys()].filter((sitePath) => /^\/catalog\/[^/]+\/$/.test(sitePath));
      for (const sitePath of ['/insights/', '/tenants/checkout/', '/tenants/', '/insights/feedback/', '/insights/scorecard/', ...catalog]) {
        await page.goto(`${server.url}${sitePath}`);
        const layout = await page.evaluate(() => ({
          // A phone widens its layout to the widest thing on the page and zooms out.
          pageWidth: document.documentElement.scrollWidth,
          tables: [...document.querySelectorAll('table.stacked')].map((table) => ({
            headerHeight: table.querySelector('thead')!.getBoundingClientRect().height,
            columns: [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
            cells: [...table.querySelectorAll('tbody td[data-label]')].map((td) => ({
              shown: getComputedStyle(td, '::before').content,
              right: td.getBoundingClientRect().right,
            })),
          })),
        }));
        expect(layout.pageWidth, sitePath).toBe(390);
        expect(layout.tables.length, sitePath).toBeGreaterThan(0);
        for (const table of layout.tables) {
          expect(table.headerHeight, sitePath).toBeLessThanOrEqual(1);
          expect(table.cells.length, sitePath).toBeGreaterThan(0);
          for (const cell of table.cells) {
            expect(table.columns.some((column) => cell.shown.includes(`"${column}"`)), `${sitePath}: ${cell.shown}`).toBe(true);
            expect(cell.right, sitePath).toBeLessThanOrEqual(390);
          }
        }
        expect(await axeViolations(page), sitePath).toEqual([]);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }, 60_000);
});

describe('usage left over from an offboarded tenant or a dropped unit', () => {
  it('is named in a warning, by file and field, and left off the pages; the build goes on', async () => {
    await site.write('content/usage/ghost.json', usageFile('ghost', [{ service: 'kafka', unit: 'storage_gb', quota: 1, start: 1, perDay: 0, days: 2 }]));
    await site.write(
      'content/usage/checkout.json',
      usageFile('checkout', [...FIXTURES.checkout!, { service: 'kafka', unit: 'storage_tb', quota: 1, start: 1, perDay: 0, days: 2 }]),
    );
    const { code, output } = await site.run(['build']);
    expect(output).toContain('content/usage/ghost.json → tenant: no tenant "ghost" in content/tenants/, so this usage is not shown');
    expect(output).toContain('content/usage/checkout.json → series[3].unit: Kafka has no quota unit "storage_tb"');
    expect(code).toBe(0);
    expect(await readFile(path.join(site.dir, 'dist/tenants/checkout/index.html'), 'utf-8')).not.toContain('storage_tb');
    expect(await readFile(path.join(site.dir, 'dist/insights/index.html'), 'utf-8')).not.toContain('ghost');
  }, 180_000);
});
