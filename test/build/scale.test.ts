import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { copySite, type SiteCopy } from '../helpers/site-copy.ts';
import { openPagefind, type PagefindClient } from '../helpers/pagefind.ts';
import { serveStatic } from '../helpers/static-server.ts';
import { launchBrowser } from '../helpers/browser.ts';
import { generateDocs } from '../../tools/generate-docs.ts';

// The same pages, before and after 300 pages land in another section: their HTML must not grow.
let site: SiteCopy;
let before: Map<string, string>;
let search: PagefindClient;
const SAMPLE = ['/guides/getting-started/', '/runbooks/kafka-consumer-lag/'];
const html = (p: string) => readFile(path.join(site.dir, 'dist', p, 'index.html'), 'utf-8');

beforeAll(async () => {
  site = await copySite('scale');
  const generated = { dir: path.join(site.dir, 'content/docs'), seed: 7, sectionSize: 1000, sectionPrefix: 'generated' };
  await generateDocs({ ...generated, count: 5 });
  const first = await site.run(['build']);
  if (first.code !== 0) throw new Error(first.output);
  before = new Map(await Promise.all(SAMPLE.map(async (p) => [p, await html(p)] as const)));
  await generateDocs({ ...generated, count: 305 });
  // Edits to pages the first build rendered: the second build reuses the first's content cache.
  const append = async (page: string, text: string) => {
    const file = path.join(site.dir, 'content/docs/generated-01', `${page}.md`);
    await writeFile(file, `${await readFile(file, 'utf-8')}\n\n${text}\n`);
  };
  await append('page-0003', 'After the edit: zephyrcache.');
  await append('page-0004', '![Request flow](./request-flow.svg)');
  // A hero image named without ./ resolves against its own page's folder (Astro's image()).
  await site.write('content/docs/generated-01/welcome.md', ['---', 'title: Welcome', 'template: splash', 'hero:', '  image:', '    file: request-flow.svg', '    alt: Request flow', '---', '', 'Hello.', ''].join('\n'));
  await site.write('content/docs/generated-01/request-flow.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>');
  const second = await site.run(['build']);
  if (second.code !== 0) throw new Error(second.output);
  search = await openPagefind(path.join(site.dir, 'dist'));
}, 300_000);
afterAll(async () => {
  await search?.close();
  await site?.dispose();
});

describe('docs at scale', () => {
  it('keeps a page byte for byte when pages are added to another section', async () => {
    for (const p of SAMPLE) expect((await html(p)).length, p).toBe(before.get(p)!.length);
  });

  it('lists the new section as one link on other pages, and in full on its own pages', async () => {
    const guide = await html('/guides/getting-started/');
    expect(guide).toContain('href="/generated-01/"');
    expect(guide).not.toContain('href="/generated-01/page-0002/"');
    const generated = await html('/generated-01/page-0001/');
    expect(generated.match(/href="\/generated-01\/page-\d+\/"/g)?.length).toBeGreaterThanOrEqual(300);
  });

  it('shows an edited page as edited after a rebuild that reuses the content cache, local images included', async () => {
    expect(await html('/generated-01/page-0003/')).toContain('zephyrcache');
    for (const page of ['/generated-01/page-0004/', '/generated-01/welcome/']) {
      expect(await html(page), page).toMatch(/<img[^>]+src="\/_astro\/request-flow\.[\w-]+\.svg"/);
    }
    expect((await search.search('zephyrcache')).map((h) => h.url)).toEqual(['/generated-01/page-0003/']);
  });

  it('still finds a word from a page in another section, and the filters still narrow it', async () => {
    const hits = await search.search('lagscope');
    expect(hits.map((h) => h.url)).toEqual(['/runbooks/kafka-consumer-lag/']);
    expect(await search.search('lagscope', { kind: 'Guide' })).toEqual([]);
    expect((await search.search('lagscope', { service: 'Kafka' })).map((h) => h.url)).toEqual(['/runbooks/kafka-consumer-lag/']);
  });

  it('shows the current page in a long sidebar, also in the mobile menu, and keeps where the reader scrolled it', async () => {
    const [server, browser] = await Promise.all([serveStatic(path.join(site.dir, 'dist')), launchBrowser()]);
    try {
      const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
      // Where the current page's link sits in the sidebar's visible area: 0 at its top, 1 at its bottom.
      const place = () =>
        page.evaluate(() => {
          const pane = document.getElementById('starlight__sidebar')!;
          const view = pane.getBoundingClientRect();
          const link = pane.querySelector('a[aria-current="page"]')!.getBoundingClientRect();
          return { top: (link.top - view.top) / view.height, bottom: (link.bottom - view.top) / view.height, scroll: pane.scrollTop };
        });
      // The last page of a section of 305, opened from outside the sidebar (a search, a link).
      await page.goto(`${server.url}/generated-01/`);
      const last = await page.locator('#starlight__sidebar a[href^="/generated-01/page-"]').last().getAttribute('href');
      await page.goto(`${server.url}${last}`);
      const far = await place();
      expect(far.scroll).toBeGreaterThan(0);
      expect(far.top).toBeGreaterThanOrEqual(0);
      expect(far.bottom).toBeLessThanOrEqual(1);
      // A click in the sidebar keeps its scroll position (Starlight's restore): the link clicked is in view.
      const clicked = await page.evaluate(() => {
        const pane = document.getElementById('starlight__sidebar')!;
        pane.scrollTop = 2000;
        const view = pane.getBoundingClientRect();
        const inView = [...pane.querySelectorAll('a')].find((a) => a.getBoundingClientRect().top > view.top + 100);
        return inView!.getAttribute('href')!;
      });
      await page.click(`#starlight__sidebar a[href="${clicked}"]`);
      await page.waitForURL(`**${clicked}`);
      expect((await place()).scroll).toBe(2000);
      // On a phone, when the menu opens.
      await page.setViewportSize({ width: 390, height: 800 });
      await page.goto(`${server.url}${last}`);
      await page.click('button[popovertarget="starlight__sidebar"]');
      await expect.poll(async () => (await place()).scroll).toBeGreaterThan(0);
      const phone = await place();
      expect(phone.top).toBeGreaterThanOrEqual(0);
      expect(phone.bottom).toBeLessThanOrEqual(1);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
