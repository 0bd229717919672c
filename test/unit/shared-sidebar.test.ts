import { describe, expect, it } from 'vitest';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { buildNavModel, sidebarFor, type NavEntry } from '../../packages/platform-portal/src/lib/navigation.ts';
import { shareSidebar, sharedSidebarHtml } from '../../packages/platform-portal/src/accel/shared-sidebar.ts';

type Sidebar = StarlightRouteData['sidebar'];

/** What Starlight's SidebarSublist writes for each link, with aria-current where it puts it. */
function renderLinks(entries: NavEntry[]): string {
  return entries
    .map((e) => (e.type === 'group' ? `<details><ul>${renderLinks(e.entries)}</ul></details>` : `<a href="${e.href}"${e.isCurrent ? ' aria-current="page"' : ''} class="x">${e.label}</a>`))
    .join('');
}

const model = buildNavModel(['runbooks/a', 'runbooks/b', 'runbooks/c', 'guides/a'].map((id) => ({ id, label: id })), [{ label: 'Roadmap', href: '/roadmap/' }]);
const sidebarOf = (href: string) => sidebarFor(model, href) as Sidebar;

describe('a sidebar shared by the pages of a section', () => {
  it('is rendered once and marks each page as Starlight would', async () => {
    let renders = 0;
    for (const href of ['/runbooks/a/', '/runbooks/b/', '/runbooks/c/']) {
      const shared = shareSidebar(sidebarOf(href))!;
      const html = await sharedSidebarHtml(shared, async () => {
        renders++;
        return renderLinks(shared.unmarked as NavEntry[]);
      });
      expect(html).toBe(renderLinks(sidebarFor(model, href)));
    }
    expect(renders).toBe(1);
  });

  it('is not shared where marking the HTML afterwards could go wrong', () => {
    const link = (href: string, isCurrent: boolean) => ({ type: 'link' as const, label: href, href, isCurrent, badge: undefined, attrs: {} });
    const group = (collapsed: boolean, entries: Sidebar) => ({ type: 'group' as const, label: 'G', collapsed, badge: undefined, entries });
    expect(shareSidebar([link('/a&b/', true)])).toBeUndefined();
    expect(shareSidebar([link('/a/', true), group(false, [link('/a/', false)])])).toBeUndefined();
    expect(shareSidebar([group(true, [link('/a/', true)])])).toBeUndefined();
    expect(shareSidebar([group(false, [link('/a/', true)])])).toBeDefined();
  });
});
