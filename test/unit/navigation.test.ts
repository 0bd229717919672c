import { describe, expect, it } from 'vitest';
import { buildNavModel, flattenLinks, sidebarFor, type NavPage } from '../../packages/platform-portal/src/lib/navigation.ts';

const page = (id: string, order?: number): NavPage => ({ id, label: id.split('/').at(-1)!, order });
const pages = [
  page('guides/zeta', 2),
  page('guides/getting-started', 1),
  page('guides/alpha'),
  page('runbooks/kafka-lag'),
  page('runbooks/pg-lag'),
  page('generated/part-1/a'),
  page('generated/part-1/b'),
  page('generated/part-2/c'),
  page('index'),
];
const model = buildNavModel(pages, [{ label: 'Roadmap', href: '/roadmap/' }]);

describe('navigation', () => {
  it('orders sections guides, runbooks, then the rest, and pages by order then label', () => {
    expect(model.sections.map((s) => s.path)).toEqual(['guides', 'runbooks', 'generated']);
    expect(model.sections[0]!.pages.map((p) => p.id)).toEqual(['guides/getting-started', 'guides/zeta', 'guides/alpha']);
  });

  it('lists the current section in full and every other section as one link', () => {
    const sidebar = sidebarFor(model, '/runbooks/pg-lag/');
    expect(sidebar.map((e) => [e.type, e.label])).toEqual([
      ['link', 'Guides'],
      ['group', 'Runbooks'],
      ['link', 'Generated'],
      ['group', 'Platform'],
    ]);
    const links = flattenLinks(sidebar);
    expect(links.filter((l) => l.isCurrent).map((l) => l.href)).toEqual(['/runbooks/pg-lag/']);
    expect(links.map((l) => l.href)).toContain('/runbooks/kafka-lag/');
    expect(links.map((l) => l.href)).not.toContain('/guides/alpha/');
  });

  it('opens only the current subsection of a section', () => {
    const hrefs = flattenLinks(sidebarFor(model, '/generated/part-1/a/')).map((l) => l.href);
    expect(hrefs).toEqual(expect.arrayContaining(['/generated/', '/generated/part-1/a/', '/generated/part-1/b/', '/generated/part-2/']));
    expect(hrefs).not.toContain('/generated/part-2/c/');
  });

  it('does not grow a page\'s sidebar when pages are added to another section', () => {
    const before = JSON.stringify(sidebarFor(model, '/guides/alpha/'));
    const more = Array.from({ length: 300 }, (_, i) => page(`generated/part-2/extra-${i}`));
    const after = JSON.stringify(sidebarFor(buildNavModel([...pages, ...more], model.extraLinks), '/guides/alpha/'));
    expect(after).toBe(before);
  });

  it('never drops a page: each one is in its own section\'s sidebar', () => {
    for (const p of pages.filter((p) => p.id.includes('/'))) {
      expect(flattenLinks(sidebarFor(model, `/${p.id}/`)).some((l) => l.href === `/${p.id}/` && l.isCurrent), p.id).toBe(true);
    }
  });
});
