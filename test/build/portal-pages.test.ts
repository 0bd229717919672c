import { beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import type { HTMLElement } from 'node-html-parser';
import { builtPages, DIST } from '../helpers/dist.ts';
import { BASICS } from '../helpers/fixtures.ts';
import portal from '../fixtures/basics/portal.config.ts';

let pages: Map<string, HTMLElement>;
const content = async (folder: string) =>
  (await readdir(path.join(BASICS, 'content', folder))).filter((f) => !f.startsWith('_')).map((f) => f.replace(/\.(ya?ml|mdx?)$/, ''));
const frontmatter = async (file: string) => parseYaml((await readFile(path.join(BASICS, file), 'utf-8')).split(/^---$/m)[1]!);
const links = (page: HTMLElement) => page.querySelectorAll('main a[href]').map((a) => a.getAttribute('href')!);

beforeAll(async () => {
  pages = await builtPages();
});

describe('service catalog', () => {
  it('has a page per service with its guides, runbooks (each placed there by its own frontmatter), quotas and tenants', async () => {
    const files = (await readdir(path.join(BASICS, 'content/docs'), { recursive: true })).filter((f) => /^(guides|runbooks)\/.*\.mdx?$/.test(f));
    const serviceOf = new Map(await Promise.all(files.map(async (f) => [f.replace(/\.mdx?$/, ''), (await frontmatter(`content/docs/${f}`)).service as unknown] as const)));
    const docs = [...serviceOf.keys()];
    for (const id of await content('services')) {
      const service = parseYaml(await readFile(path.join(BASICS, `content/services/${id}.yaml`), 'utf-8'));
      const page = pages.get(`/catalog/${id}/`);
      expect(page, id).toBeDefined();
      const hrefs = links(page!);
      const own = docs.filter((doc) => serviceOf.get(doc) === id);
      expect(own.length, id).toBeGreaterThan(0);
      for (const doc of own) expect(hrefs, id).toContain(`/${doc}/`);
      const units = page!.querySelectorAll('#quotas ~ table code').map((c) => c.text);
      expect(units).toEqual(expect.arrayContaining(Object.keys(service.quotas)));
      expect(links(pages.get('/catalog/')!)).toContain(`/catalog/${id}/`);
    }
  });

  it('writes large quotas with thousands separators, the unit never wrapped away from the number', () => {
    const storage = pages.get('/catalog/object-storage/')!.querySelectorAll('#quotas ~ table tr').find((tr) => tr.text.includes('storage_gb'));
    expect(storage?.querySelectorAll('td').map((td) => td.text)).toContain('50,000\u00a0GB');
  });
});

describe('tenants', () => {
  it('has an index and a page per tenant showing each quota with a link to change it', async () => {
    for (const slug of await content('tenants')) {
      const tenant = parseYaml(await readFile(path.join(BASICS, `content/tenants/${slug}.yaml`), 'utf-8'));
      expect(links(pages.get('/tenants/')!)).toContain(`/tenants/${slug}/`);
      const page = pages.get(`/tenants/${slug}/`)!;
      const changeLinks = page.querySelectorAll('#quotas ~ table a[href^="/request/capacity/"]');
      const quotaCount = Object.values(tenant.services as Record<string, object>).reduce((n, q) => n + Object.keys(q).length, 0);
      expect(changeLinks).toHaveLength(quotaCount);
    }
  });
});

describe('roadmap', () => {
  it('shows every open item on the now / next / later board with counts', async () => {
    const board = pages.get('/roadmap/')!;
    for (const status of ['now', 'next', 'later']) {
      const items = [];
      for (const id of await content('roadmap')) if ((await frontmatter(`content/roadmap/${id}.md`)).status === status) items.push(id);
      const column = board.querySelector(`section[aria-labelledby="col-${status}"]`)!;
      expect(column.querySelectorAll('.roadmap-card').length, status).toBe(items.length);
      expect(column.querySelector('h2')!.text).toContain(`(${items.length})`);
    }
  });

  it('links each shipped item to its release note, and the note links back', async () => {
    let shipped = 0;
    for (const id of await content('roadmap')) {
      const item = await frontmatter(`content/roadmap/${id}.md`);
      if (item.status !== 'shipped') continue;
      shipped++;
      expect(pages.get(`/roadmap/${id}/`)!.querySelector('a.shipped-in')?.getAttribute('href')).toBe(`/changelog/${item.shipped_in}/`);
      expect(pages.get(`/changelog/${item.shipped_in}/`)!.querySelectorAll('a.roadmap-item-link').map((a) => a.getAttribute('href'))).toContain(`/roadmap/${id}/`);
    }
    expect(shipped).toBeGreaterThan(0);
  });

  it('filters by area on pages of their own, without script', () => {
    const kafka = pages.get('/roadmap/area/kafka/')!;
    expect(kafka.querySelectorAll('.roadmap-card h3').length).toBeGreaterThan(0);
    expect(kafka.querySelector('.filter-links a[aria-current="page"]')?.text).toBe('Kafka');
    expect(kafka.querySelectorAll('script:not([src])').filter((s) => s.text.includes('roadmap'))).toEqual([]);
  });
});

describe('changelog', () => {
  it('lists notes newest first, paginated, with breaking changes marked', async () => {
    const notes = (await content('changelog')).sort().reverse();
    const first = pages.get('/changelog/')!;
    const listed = first.querySelectorAll('.release-item__title a').map((a) => a.getAttribute('href'));
    expect(listed).toEqual(notes.slice(0, 10).map((id) => `/changelog/${id}/`));
    if (notes.length > 10) expect(pages.get('/changelog/2/')!.querySelectorAll('.release-item').length).toBe(notes.length - 10);
    const breaking = pages.get('/changelog/type/breaking/')!;
    expect(breaking.querySelectorAll('.release-item--attention').length).toBeGreaterThan(0);
  });

  it('filters by type with the words the badges use', () => {
    const page = pages.get('/changelog/type/breaking/')!;
    const filter = page.querySelector('nav[aria-label="Filter release notes by type"]')!;
    expect(filter.querySelectorAll('a').map((a) => a.text)).toEqual(['Feature', 'Improvement', 'Fix', 'Deprecation', 'Breaking change']);
    expect(filter.querySelector('a[aria-current="page"]')?.text).toBe('Breaking change');
    expect(page.querySelectorAll('.release-item .sl-badge').map((b) => b.text.trim())).toContain('Breaking change');
    expect(page.querySelector('h1')?.text).toBe('Changelog: Breaking change');
  });

  it('publishes RSS 2.0 feeds, everything and per area, with absolute links and breaking changes unmistakable', async () => {
    const xml = new XMLParser({ ignoreAttributes: false });
    const feed = xml.parse(await readFile(path.join(DIST, 'changelog/rss.xml'), 'utf-8'));
    expect(feed.rss['@_version']).toBe('2.0');
    const { channel } = feed.rss;
    expect(channel.title).toBeTruthy();
    expect(channel.link).toMatch(/^https:\/\//);
    const items = [channel.item].flat();
    expect(items).toHaveLength((await content('changelog')).length);
    for (const item of items) {
      expect(item.link).toMatch(new RegExp(`^${portal.site}/changelog/[^/]+/$`));
      expect(item.pubDate).toBeTruthy();
      expect(item.guid).toBeTruthy();
    }
    const breaking = items.filter((i) => [i.category].flat().includes('breaking'));
    expect(breaking.length).toBeGreaterThan(0);
    for (const item of breaking) expect(item.title).toMatch(/^BREAKING CHANGE: /);

    const kafka = [xml.parse(await readFile(path.join(DIST, 'changelog/area/kafka/rss.xml'), 'utf-8')).rss.channel.item].flat();
    expect(kafka.length).toBeGreaterThan(0);
    expect(kafka.every((i) => [i.category].flat().includes('kafka'))).toBe(true);
  });
});

describe('community and home', () => {
  it('community page shows the channels, mailing list and office hours from the site configuration', () => {
    const hrefs = links(pages.get('/community/')!);
    for (const c of portal.community.channels) expect(hrefs).toContain(c.url);
    expect(hrefs).toContain(portal.community.mailingList!.url);
    expect(hrefs).toContain(portal.community.officeHours!.where.url);
  });

  it('home page leads to the self-service actions, the catalog, the latest notes and what is built now', () => {
    const hrefs = links(pages.get('/')!);
    expect(hrefs).toEqual(expect.arrayContaining(['/request/onboarding/', '/request/capacity/', '/request/feedback/', '/roadmap/', '/changelog/']));
    expect(hrefs.some((h) => h.startsWith('/catalog/'))).toBe(true);
    expect(hrefs.filter((h) => /^\/changelog\/\d{4}-/.test(h)).length).toBe(3);
  });
});

describe('static pages', () => {
  it('ship no React: only the request forms and "My requests" have islands', () => {
    const withIslands = [...pages].filter(([, page]) => page.querySelector('astro-island')).map(([sitePath]) => sitePath);
    expect(withIslands.sort()).toEqual(['/request/capacity/', '/request/feedback/', '/request/onboarding/', '/requests/']);
  });
});
