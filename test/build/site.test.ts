import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NodeType, type HTMLElement } from 'node-html-parser';
import { builtPage, builtPages, DIST } from '../helpers/dist.ts';
import { openPagefind, type PagefindClient } from '../helpers/pagefind.ts';
import { scriptsOf } from '../helpers/scripts.ts';
import { formatDate } from '../../packages/platform-portal/src/lib/dates.ts';
import portal from '../fixtures/basics/portal.config.ts';

let pages: Map<string, HTMLElement>;
let search: PagefindClient;

beforeAll(async () => {
  pages = await builtPages();
  search = await openPagefind(DIST);
});
afterAll(() => search.close());

function resolves(href: string): boolean {
  const { pathname } = new URL(href, 'http://site/');
  const file = path.join(DIST, decodeURIComponent(pathname));
  return existsSync(pathname.endsWith('/') ? path.join(file, 'index.html') : file);
}

describe('the build', () => {
  it('prints no warnings but the one Starlight causes with a custom 404 page', () => {
    const warnings = inject('buildLog')
      .split('\n')
      .filter((line) => line.includes('[WARN]'));
    // Starlight renders content/docs/404.md on its own /404 route and also lists it with the docs
    // pages; Astro builds it once, from the first, and says so. Any other warning is new.
    const ours = warnings.filter((line) => !line.includes('Could not render `/404` from route `/[...slug]`'));
    expect(ours).toEqual([]);
  });
});

describe('every page', () => {
  it('has a title and a description', () => {
    for (const [sitePath, page] of pages) {
      expect(page.querySelector('title')?.text.trim(), sitePath).toBeTruthy();
      expect(page.querySelector('meta[name="description"]')?.getAttribute('content'), sitePath).toBeTruthy();
    }
  });

  it('links only to pages and files that exist', () => {
    const broken: string[] = [];
    for (const [sitePath, page] of pages) {
      for (const a of page.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href')!;
        if (/^(https?:|mailto:|#)/.test(href)) continue;
        if (!resolves(new URL(href, `http://site${sitePath}`).pathname)) broken.push(`${sitePath} → ${href}`);
      }
    }
    expect(broken).toEqual([]);
  });

  // Astro 7 compresses templates by JSX rules: a line break between a word and a link on the next
  // source line is dropped ("live onMy requests"), and so is one after an expression ("out of
  // 5.Readers rate").
  it('keeps the space between a word and a link, code or emphasis beside it, and between sentences', () => {
    const inline = '(?:a|code|strong|em|b|i|abbr|time|kbd)';
    const wordToElement = new RegExp(`[\\p{L}\\p{N}](?:<${inline}\\b[^>]*>|</${inline}>)[\\p{L}\\p{N}]`, 'u');
    const sentenceToSentence = /[\p{Ll}\p{N}%)”][.;:!?][\p{Lu}“]/u;
    const found: string[] = [];
    const context = (text: string, index: number) => `…${text.slice(Math.max(0, index - 30), index + 40)}…`;
    for (const [sitePath, page] of pages) {
      const main = page.querySelector('main')?.clone() as HTMLElement | undefined;
      if (!main) continue;
      for (const el of main.querySelectorAll('pre, script, style, svg')) el.remove();
      const html = main.innerHTML;
      const match = wordToElement.exec(html);
      if (match) found.push(`${sitePath}: ${context(html, match.index)}`);
      for (const text of textNodes(main)) {
        const joined = sentenceToSentence.exec(text);
        if (joined) found.push(`${sitePath}: ${context(text, joined.index)}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('docs pages', () => {
  const docsPages = () => [...pages.keys()].filter((p) => /^\/(guides|runbooks)\/[^/]+\/$/.test(p));

  it('include at least 8 guides and 6 runbooks', () => {
    expect(docsPages().filter((p) => p.startsWith('/guides/')).length).toBeGreaterThanOrEqual(8);
    expect(docsPages().filter((p) => p.startsWith('/runbooks/')).length).toBeGreaterThanOrEqual(6);
  });

  it('ship no React: only the scripts Starlight and Pagefind need', async () => {
    for (const sitePath of docsPages()) {
      const page = pages.get(sitePath)!;
      expect(page.querySelector('astro-island'), sitePath).toBeNull();
      for (const script of await scriptsOf(page, DIST)) expect(script.code, `${sitePath} loads ${script.file}`).not.toMatch(/react-dom|__REACT_DEVTOOLS/);
    }
  });

  it('carry the styles of only the Starlight components they use', async () => {
    // Starlight's own footer imports its component barrel, which put the cards', tabs' and steps'
    // styles into every page of the site.
    const styles = async (sitePath: string) => {
      const page = pages.get(sitePath)!;
      const linked = page.querySelectorAll('link[rel="stylesheet"]').map((l) => readFile(path.join(DIST, l.getAttribute('href')!), 'utf-8'));
      return [...page.querySelectorAll('style').map((s) => s.text), ...(await Promise.all(linked))].join('\n');
    };
    // (print.css names steps and tabs too, to keep them on one sheet of paper.)
    const componentStyles = /\.card-grid|\.sl-steps\{|\.tablist-wrapper/;
    expect(await styles('/guides/observability/')).not.toMatch(componentStyles);
    expect(await styles('/runbooks/')).not.toMatch(componentStyles);
    expect(await styles('/guides/getting-started/')).toMatch(/\.sl-steps\{/);
  });

  it('give the last-updated date in the form of every other date on the site (25 Nov 2026)', () => {
    const time = pages.get('/guides/getting-started/')!.querySelector('footer time');
    expect(time?.text).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(time?.text).toBe(formatDate(new Date(time!.getAttribute('datetime')!)));
  });

  it('link "edit this page" to the file in the configured repository', () => {
    const page = pages.get('/guides/getting-started/')!;
    const file = existsSync(path.join(DIST, '../content/docs/guides/getting-started.mdx')) ? 'getting-started.mdx' : 'getting-started.md';
    const edit = page.querySelectorAll('a').find((a) => a.text.includes('Edit page'));
    expect(edit?.getAttribute('href')).toBe(
      `https://github.com/${portal.github.repository}/edit/${portal.github.baseBranch}/content/docs/guides/${file}`,
    );
  });

  it('have a sitemap with absolute URLs and a 404 page', async () => {
    const sitemap = await readFile(path.join(DIST, 'sitemap-0.xml'), 'utf-8');
    expect(sitemap).toContain(`<loc>${portal.site}/guides/getting-started/</loc>`);
    expect((await builtPage('/404.html')).querySelector('h1')?.text).toBeTruthy();
  });
});

describe('runbooks', () => {
  const runbookPaths = () => [...pages.keys()].filter((p) => /^\/runbooks\/[^/]+\/$/.test(p));

  it('show service, owner, severity, alerts and last review in a header block', () => {
    for (const sitePath of runbookPaths()) {
      const terms = pages.get(sitePath)!.querySelectorAll('.runbook-meta dt').map((dt) => dt.text);
      expect(terms, sitePath).toEqual(['Service', 'Owner', 'Severity', 'Alerts', 'Last reviewed']);
    }
  });

  it('warn on exactly the runbooks reviewed too long ago', () => {
    const now = Date.now();
    for (const sitePath of runbookPaths()) {
      const page = pages.get(sitePath)!;
      const reviewed = Date.parse(page.querySelector('.runbook-meta time')!.getAttribute('datetime')!);
      const stale = (now - reviewed) / 86_400_000 > portal.runbooks.reviewAgeDays + 1;
      const fresh = (now - reviewed) / 86_400_000 < portal.runbooks.reviewAgeDays - 1;
      if (stale) expect(page.querySelector('.runbook-stale')?.text, sitePath).toMatch(/Not reviewed for \d+ days/);
      if (fresh) expect(page.querySelector('.runbook-stale'), sitePath).toBeNull();
    }
    expect(runbookPaths().some((p) => pages.get(p)!.querySelector('.runbook-stale'))).toBe(true);
  });
});

describe('search', () => {
  it('finds a runbook by a word that only its body contains, and the kind filter keeps or drops it', async () => {
    const [hit, ...others] = await search.search('lagscope');
    expect(others).toEqual([]);
    expect(hit?.url).toBe('/runbooks/kafka-consumer-lag/');
    expect(hit?.filters).toMatchObject({ kind: ['Runbook'], service: ['Kafka'] });
    expect((await search.search('lagscope', { kind: 'Runbook' })).map((r) => r.url)).toEqual(['/runbooks/kafka-consumer-lag/']);
    expect(await search.search('lagscope', { kind: 'Guide' })).toEqual([]);
  });

  it("indexes what a portal page says, not its links onward, live figures or other pages' summaries", async () => {
    const indexed = async (term: string, url: string) => (await search.search(term)).find((r) => r.url === url)?.content ?? '';
    const tenant = await indexed('checkout', '/tenants/checkout/');
    expect(tenant).toMatch(/Cost centre.*Quotas.*Client connections/s);
    expect(tenant).not.toMatch(/Change PostgreSQL|Source:|Daily figures up to|Runs out/);
    const kafka = await indexed('kafka', '/catalog/kafka/');
    expect(kafka).toMatch(/Service level objectives.*Partitions/s);
    expect(kafka).not.toMatch(/Request a change|RSS feed|per-tenant subjects/);
  });

  it("leaves a docs page's footer out (Pagefind skips <footer>): a search for the next page's title does not find this one", async () => {
    const url = '/runbooks/kafka-consumer-lag/';
    const [prev, next] = ['prev', 'next'].map((rel) => pages.get(url)?.querySelector(`a[rel="${rel}"] .link-title`)?.text ?? '');
    expect(prev && next).toBeTruthy();
    const runbook = (await search.search('lagscope')).find((r) => r.url === url)?.content ?? '';
    expect(runbook).toMatch(/lagscope/i);
    for (const text of [prev, next, 'Edit page', 'Last updated']) expect(runbook).not.toContain(text);
    expect((await search.search(`"${next}"`)).map((r) => r.url)).not.toContain(url);
  });

  it("leaves a shell block's screen-reader label out of the index, and keeps it for screen readers", async () => {
    const url = '/guides/clickhouse-quickstart/';
    expect(pages.get(url)?.querySelector('figcaption .sr-only')?.text).toBe('Terminal window');
    const guide = (await search.search('clickhouse-client')).find((r) => r.url === url)?.content ?? '';
    expect(guide).toMatch(/clickhouse-client --host/);
    expect(guide).not.toMatch(/Terminal window/i);
    expect((await search.search('"terminal window"')).map((r) => r.url)).toEqual([]);
  });

  it('offers kind and service filters over every guide and runbook, in words a reader knows', async () => {
    const filters = await search.filters();
    const count = (section: string) => [...pages.keys()].filter((p) => new RegExp(`^/${section}/[^/]+/$`).test(p)).length;
    expect(filters.kind).toMatchObject({ Guide: count('guides'), Runbook: count('runbooks'), Service: count('catalog'), Tenant: count('tenants') });
    expect(Object.keys(filters.kind ?? {})).toEqual(expect.arrayContaining(['Roadmap item', 'Release note']));
    expect(Object.keys(filters.service ?? {})).toEqual(expect.arrayContaining(['Kafka', 'ClickHouse', 'PostgreSQL', 'Object Storage']));
  });
});

/** The text of each text node under an element, as written (entities and all), but for code. */
function textNodes(el: HTMLElement): string[] {
  return el.childNodes.flatMap((node) => {
    if (node.nodeType === NodeType.TEXT_NODE) return [node.rawText];
    const child = node as HTMLElement;
    return node.nodeType === NodeType.ELEMENT_NODE && child.tagName !== 'CODE' ? textNodes(child) : [];
  });
}
