/**
 * The pages of one section have the same sidebar except for which link is marked as the current
 * page, so its HTML is rendered once per section (and build thread) and then marked per page.
 */
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { flattenLinks } from '../lib/navigation.ts';

type SidebarEntry = StarlightRouteData['sidebar'][number];

const rendered = new Map<string, string>();

/** Hrefs that HTML carries as they are (Astro would escape anything else). */
const PLAIN_HREF = /^[\w\-./~%]*$/;

export interface SharedSidebar {
  /** The sidebar with no link marked: what is rendered once and shared. */
  unmarked: SidebarEntry[];
  key: string;
  /** The current page's link, if the sidebar has one. */
  currentHref: string | undefined;
}

/**
 * How this page's sidebar can be shared, or undefined when marking it afterwards would not give
 * what Starlight renders: the current link's href needs escaping, another link has the same href,
 * or the current link is in a collapsed group (which Starlight opens for it).
 */
export function shareSidebar(sidebar: SidebarEntry[]): SharedSidebar | undefined {
  const links = flattenLinks(sidebar);
  const currentHref = links.find((l) => l.isCurrent)?.href;
  if (currentHref !== undefined) {
    if (!PLAIN_HREF.test(currentHref)) return undefined;
    if (links.filter((l) => l.href === currentHref).length !== 1) return undefined;
    if (currentInCollapsedGroup(sidebar)) return undefined;
  }
  const unmarked = withoutCurrent(sidebar);
  return { unmarked, key: JSON.stringify(unmarked), currentHref };
}

function currentInCollapsedGroup(entries: SidebarEntry[]): boolean {
  return entries.some(
    (e) => e.type === 'group' && ((e.collapsed && flattenLinks(e.entries).some((l) => l.isCurrent)) || currentInCollapsedGroup(e.entries)),
  );
}

function withoutCurrent(entries: SidebarEntry[]): SidebarEntry[] {
  return entries.map((e) => (e.type === 'link' ? { ...e, isCurrent: false } : { ...e, entries: withoutCurrent(e.entries) }));
}

/** The shared HTML of this sidebar with the current page marked; `render` makes it the first time. */
export async function sharedSidebarHtml(shared: SharedSidebar, render: () => Promise<string>): Promise<string> {
  let html = rendered.get(shared.key);
  if (html === undefined) {
    html = await render();
    rendered.set(shared.key, html);
  }
  if (shared.currentHref === undefined) return html;
  // Where Starlight's SidebarSublist puts aria-current: right after the link's href.
  const anchor = `<a href="${shared.currentHref}"`;
  return html.replace(anchor, `${anchor} aria-current="page"`);
}
