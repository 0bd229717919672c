/**
 * Navigation whose size per page does not grow with the site: a page carries the top-level
 * sections as links and the pages of its own section; everything else is one click away on a
 * section index. Pure: the route middleware feeds it the docs collection.
 */

export interface NavPage {
  /** Docs id, e.g. `guides/kafka-quickstart`. */
  id: string;
  label: string;
  order?: number | undefined;
  hidden?: boolean | undefined;
}

export interface NavLink {
  type: 'link';
  label: string;
  href: string;
  isCurrent: boolean;
  badge: undefined;
  attrs: Record<string, string>;
}

export interface NavGroup {
  type: 'group';
  label: string;
  entries: NavEntry[];
  collapsed: boolean;
  badge: undefined;
}

export type NavEntry = NavLink | NavGroup;

export interface NavDirectory {
  /** Path of the folder under content/docs, e.g. `guides` or `generated/section-3`. */
  path: string;
  label: string;
  pages: NavPage[];
  subdirectories: NavDirectory[];
}

export interface NavModel {
  sections: NavDirectory[];
  /** Links shown on every page after the sections (catalog, roadmap, ...). */
  extraLinks: { label: string; href: string }[];
}

const SECTION_ORDER = ['guides', 'runbooks'];

export function labelOfDirectory(name: string): string {
  const words = name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function hrefOfId(id: string): string {
  return `/${id}/`.replace(/\/+/g, '/');
}

function byOrderThenLabel(a: NavPage, b: NavPage): number {
  const ao = a.order ?? Number.MAX_SAFE_INTEGER;
  const bo = b.order ?? Number.MAX_SAFE_INTEGER;
  return ao - bo || a.label.localeCompare(b.label);
}

function sectionRank(path: string): number {
  const i = SECTION_ORDER.indexOf(path);
  return i === -1 ? SECTION_ORDER.length : i;
}

/**
 * Groups pages by their first folder (the section) and second folder (a subsection); deeper
 * folders belong to their subsection. Pages at the docs root have no section and are left out.
 */
export function buildNavModel(pages: NavPage[], extraLinks: NavModel['extraLinks'] = []): NavModel {
  const sections = new Map<string, NavDirectory>();
  const directory = (path: string, into: Map<string, NavDirectory>): NavDirectory => {
    let dir = into.get(path);
    if (!dir) {
      dir = { path, label: labelOfDirectory(path.split('/').at(-1) ?? path), pages: [], subdirectories: [] };
      into.set(path, dir);
    }
    return dir;
  };
  const subsections = new Map<string, Map<string, NavDirectory>>();
  for (const page of pages) {
    if (page.hidden) continue;
    const parts = page.id.split('/');
    if (parts.length < 2) continue;
    const section = directory(parts[0]!, sections);
    if (parts.length === 2) {
      section.pages.push(page);
      continue;
    }
    const subs = subsections.get(section.path) ?? new Map<string, NavDirectory>();
    subsections.set(section.path, subs);
    directory(`${parts[0]}/${parts[1]}`, subs).pages.push(page);
  }
  for (const section of sections.values()) {
    section.pages.sort(byOrderThenLabel);
    section.subdirectories = [...(subsections.get(section.path)?.values() ?? [])]
      .map((d) => ({ ...d, pages: d.pages.sort(byOrderThenLabel) }))
      .sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  }
  const ordered = [...sections.values()].sort(
    (a, b) => sectionRank(a.path) - sectionRank(b.path) || a.path.localeCompare(b.path, 'en', { numeric: true }),
  );
  return { sections: ordered, extraLinks };
}

function link(label: string, href: string, currentHref: string): NavLink {
  return { type: 'link', label, href, isCurrent: href === currentHref, badge: undefined, attrs: {} };
}

function sectionIndexLink(dir: NavDirectory, currentHref: string, label = `All ${dir.label.toLowerCase()}`): NavLink {
  return link(label, hrefOfId(dir.path), currentHref);
}

/**
 * The sidebar for one page: every section as a link, except the current one, which is a group of
 * its pages; within it, only the current subsection lists its pages, the others link to their index.
 */
export function sidebarFor(model: NavModel, currentHref: string): NavEntry[] {
  const currentPath = currentHref.replace(/^\/|\/$/g, '');
  const entries: NavEntry[] = model.sections.map((section) => {
    const inSection = currentPath === section.path || currentPath.startsWith(`${section.path}/`);
    if (!inSection) return link(section.label, hrefOfId(section.path), currentHref);
    const subEntries: NavEntry[] = section.subdirectories.map((sub) => {
      const inSub = currentPath === sub.path || currentPath.startsWith(`${sub.path}/`);
      if (!inSub) return link(sub.label, hrefOfId(sub.path), currentHref);
      return {
        type: 'group',
        label: sub.label,
        collapsed: false,
        badge: undefined,
        entries: [
          sectionIndexLink(sub, currentHref, 'Overview'),
          ...sub.pages.map((p) => link(p.label, hrefOfId(p.id), currentHref)),
        ],
      };
    });
    return {
      type: 'group',
      label: section.label,
      collapsed: false,
      badge: undefined,
      entries: [
        sectionIndexLink(section, currentHref, 'Overview'),
        ...section.pages.map((p) => link(p.label, hrefOfId(p.id), currentHref)),
        ...subEntries,
      ],
    };
  });
  if (model.extraLinks.length > 0) {
    entries.push({
      type: 'group',
      label: 'Platform',
      collapsed: false,
      badge: undefined,
      entries: model.extraLinks.map((l) => link(l.label, l.href, currentHref)),
    });
  }
  return entries;
}

/** Every top-level section's index and the platform's pages: what a page without a sidebar links to. */
export function topLevelLinks(model: NavModel): { label: string; href: string }[] {
  return [...model.sections.map((s) => ({ label: s.label, href: hrefOfId(s.path) })), ...model.extraLinks];
}

/** Links in reading order, for prev/next: of our entries or of Starlight's, which carry more fields. */
export function flattenLinks<Entry extends { type: 'link' } | { type: 'group'; entries: Entry[] }>(entries: Entry[]): Extract<Entry, { type: 'link' }>[] {
  return entries.flatMap((e) => ('entries' in e ? flattenLinks(e.entries) : [e as Extract<Entry, { type: 'link' }>]));
}

/** Every directory that gets an index page: sections and their subsections. */
export function allDirectories(model: NavModel): NavDirectory[] {
  return model.sections.flatMap((s) => [s, ...s.subdirectories]);
}
