import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { HTMLElement } from 'node-html-parser';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { builtPage } from '../helpers/dist.ts';

const HOSTILE = '<img src=x onerror=alert(1)> **bold** [link](https://evil.example)';

/** Feedback this test adds to the copy, on top of the starter week already in content/feedback/. */
const written: Record<string, unknown>[] = [
  { page: '/guides/kafka-topic-design/', rating: 1, category: 'docs', message: HOSTILE, submitted: '2026-10-01T09:00:00Z' },
  { page: '/guides/kafka-topic-design/', rating: 2, category: 'docs', message: '', submitted: '2026-10-01T10:00:00Z' },
  { page: '/guides/observability', rating: 5, category: 'docs', message: 'Found the dashboard.', submitted: '2026-10-02T09:00:00Z' },
  { page: '/runbooks/clickhouse-too-many-parts/', rating: 5, category: 'docs', message: '', submitted: '2026-10-02T10:00:00Z' },
  { page: '/runbooks/clickhouse-too-many-parts/', rating: 5, category: 'docs', message: 'Fixed now, thanks.', submitted: '2026-10-03T10:00:00Z' },
  { page: '/guides/removed-page/', rating: 2, category: 'docs', message: 'Where did it go?', submitted: '2026-10-03T11:00:00Z' },
  { area: 'clickhouse', rating: 1, category: 'service', message: '', submitted: '2026-10-04T09:00:00Z' },
];

interface Expected {
  href: string;
  title: string;
  ratings: number[];
  comments: number;
}

let site: SiteCopy;
let page: HTMLElement;
let expected: { pages: Expected[]; elsewhere: string[]; clickhouse: number[] };

const mean = (ratings: number[]) => (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1);
const cells = (row: HTMLElement) => row.querySelectorAll('th, td').map((cell) => cell.text.trim());
const table = (caption: string) => page.querySelectorAll('table').find((t) => t.querySelector('caption')?.text.startsWith(caption))!;

/** What the page should show, worked out from the files alone. */
async function expectations(dir: string): Promise<typeof expected> {
  const root = path.join(dir, 'content/feedback');
  const entries = [];
  for (const period of await readdir(root)) for (const file of await readdir(path.join(root, period))) entries.push(parse(await readFile(path.join(root, period, file), 'utf-8')));
  const frontmatter = async (href: string) => {
    for (const ext of ['md', 'mdx']) {
      const file = path.join(dir, 'content/docs', `${href.slice(1, -1)}.${ext}`);
      if (existsSync(file)) return parse((await readFile(file, 'utf-8')).split(/^---$/m)[1]!) as { title: string; service?: string };
    }
    return undefined;
  };
  const byPage = new Map<string, { rating: number; message: string }[]>();
  for (const e of entries.filter((e) => e.page)) {
    const href = e.page.endsWith('/') ? e.page : `${e.page}/`;
    byPage.set(href, [...(byPage.get(href) ?? []), e]);
  }
  const pages: Expected[] = [];
  const elsewhere: string[] = [];
  const clickhouse = entries.filter((e) => e.area === 'clickhouse').map((e) => e.rating);
  for (const [href, list] of byPage) {
    const fm = await frontmatter(href);
    if (!fm) {
      elsewhere.push(href);
      continue;
    }
    pages.push({ href, title: fm.title, ratings: list.map((e) => e.rating), comments: list.filter((e) => e.message).length });
    if (fm.service === 'clickhouse') clickhouse.push(...list.map((e) => e.rating));
  }
  const avg = (p: Expected) => p.ratings.reduce((a, b) => a + b, 0) / p.ratings.length;
  pages.sort((a, b) => avg(a) - avg(b) || b.ratings.length - a.ratings.length || a.title.localeCompare(b.title));
  return { pages, elsewhere, clickhouse };
}

beforeAll(async () => {
  site = await copySite();
  for (const [i, entry] of written.entries()) await site.write(`content/feedback/2026-W40/${String(i).padStart(16, 'a')}.yaml`, stringify(entry));
  const { code, output } = await site.run(['build']);
  if (code !== 0) throw new Error(output.slice(-3000));
  page = await builtPage('/insights/feedback/', path.join(site.dir, 'dist'));
  expected = await expectations(site.dir);
}, 300_000);
afterAll(() => site?.dispose());

describe('feedback and page health', () => {
  it('lists every rated guide and runbook, lowest average first, with its count and comments', () => {
    const rows = table('Guides and runbooks').querySelectorAll('tbody tr');
    expect(rows.map((row) => [row.querySelector('a')!.getAttribute('href'), ...cells(row).slice(0, 3)])).toEqual(
      expected.pages.map((p) => [p.href, p.title, mean(p.ratings), String(p.ratings.length)]),
    );
    expect(rows.map((row) => row.querySelectorAll('blockquote').length)).toEqual(expected.pages.map((p) => p.comments));
    expect(expected.pages.length).toBeGreaterThanOrEqual(7);
  });

  it('shows comments as typed, never as markup', () => {
    const quotes = page.querySelectorAll('blockquote').map((q) => q.text);
    expect(quotes).toContain(HOSTILE);
    expect(page.querySelectorAll('main img, main strong').length).toBe(0);
    expect(page.querySelectorAll('main a[href^="https://evil"]').length).toBe(0);
  });

  it('lists feedback on paths that are not docs pages apart', () => {
    const other = table('Other paths');
    expect(other.querySelectorAll('tbody th').map((th) => th.text.trim())).toEqual(expected.elsewhere);
  });

  it('counts feedback per service, by the area named or the page’s service', () => {
    const row = table('Feedback per area').querySelectorAll('tbody tr').find((r) => cells(r)[0] === 'ClickHouse')!;
    expect(cells(row).slice(1)).toEqual([String(expected.clickhouse.length), mean(expected.clickhouse)]);
  });

  it('is for authors only: out of search, no React, and docs pages show no ratings', async () => {
    expect(page.querySelector('[data-pagefind-body]')).toBeNull();
    expect(page.querySelector('astro-island')).toBeNull();
    const docsPage = await builtPage('/guides/kafka-topic-design/', path.join(site.dir, 'dist'));
    expect(docsPage.querySelector('.page-feedback')).not.toBeNull();
    expect(docsPage.querySelector('main')!.text).not.toContain(HOSTILE);
    expect(docsPage.querySelector('main')!.text).not.toMatch(/\b1\.5\b/);
    expect(docsPage.querySelector('.feedback-comments')).toBeNull();
  });
});
