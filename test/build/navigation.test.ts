import { beforeAll, describe, expect, it } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { builtPages } from '../helpers/dist.ts';

let pages: Map<string, HTMLElement>;
beforeAll(async () => {
  pages = await builtPages();
});

const docsPath = /^\/(guides|runbooks)\/[^/]+\/$/;
const sidebarLinks = (page: HTMLElement) => page.querySelectorAll('#starlight__sidebar a[href]').map((a) => a.getAttribute('href')!);
const mainLinks = (page: HTMLElement) => page.querySelectorAll('main a[href]').map((a) => a.getAttribute('href')!);

describe('docs navigation', () => {
  it('links every section and every page of its own section, and marks the current page', () => {
    const docs = [...pages.keys()].filter((p) => docsPath.test(p));
    for (const sitePath of docs) {
      const page = pages.get(sitePath)!;
      const links = sidebarLinks(page);
      const section = sitePath.split('/')[1]!;
      expect(links, sitePath).toEqual(expect.arrayContaining(['/guides/', '/runbooks/']));
      expect(links, sitePath).toEqual(expect.arrayContaining(docs.filter((d) => d.startsWith(`/${section}/`))));
      const current = page.querySelectorAll('#starlight__sidebar a[aria-current="page"]').map((a) => a.getAttribute('href'));
      expect(current, sitePath).toEqual([sitePath]);
    }
  });

  it('lists every top-level section on the home page, which has no sidebar (and so no menu on a phone)', () => {
    const topLevel = sidebarLinks(pages.get('/runbooks/kafka-consumer-lag/')!).filter((l) => !docsPath.test(l) && l.startsWith('/'));
    expect(topLevel).toEqual(expect.arrayContaining(['/guides/', '/runbooks/', '/catalog/', '/insights/']));
    const home = pages.get('/')!.querySelectorAll('main nav[aria-label="Sections"] a').map((a) => a.getAttribute('href'));
    expect(home).toEqual(topLevel);
  });

  it('does not list the pages of other sections on a page', () => {
    const links = sidebarLinks(pages.get('/guides/getting-started/')!);
    expect(links.filter((l) => l.startsWith('/runbooks/') && l !== '/runbooks/')).toEqual([]);
  });

  it('reaches every docs page from every other in at most two clicks, through plain links', () => {
    const docs = [...pages.keys()].filter((p) => docsPath.test(p));
    const linksOf = (p: string) => new Set([...sidebarLinks(pages.get(p)!), ...mainLinks(pages.get(p)!)]);
    for (const from of docs) {
      const oneClick = linksOf(from);
      const twoClicks = new Set([...oneClick].flatMap((l) => (pages.has(l) ? [...linksOf(l)] : [])));
      for (const to of docs) expect(oneClick.has(to) || twoClicks.has(to), `${from} → ${to}`).toBe(true);
    }
  });
});
