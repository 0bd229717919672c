import { getCollection } from 'astro:content';
import { buildNavModel, type NavModel } from '../lib/navigation.ts';
import { readCommitDates } from './git-dates.ts';

/** Pages of the site outside the docs collection, linked from every sidebar. */
export const PLATFORM_LINKS = [
  { label: 'Service catalog', href: '/catalog/' },
  { label: 'Status', href: '/status/' },
  { label: 'Tenants', href: '/tenants/' },
  { label: 'Insights', href: '/insights/' },
  { label: 'Roadmap', href: '/roadmap/' },
  { label: 'Campaigns', href: '/campaigns/' },
  { label: 'Changelog', href: '/changelog/' },
  { label: 'Community', href: '/community/' },
  { label: 'My requests', href: '/requests/' },
];

/** The direction page, before the roadmap, while the site has a mission or goals (integration/routes.ts). */
const DIRECTION_LINK = { label: 'Direction', href: '/direction/' };

async function platformLinks(): Promise<{ label: string; href: string }[]> {
  const [mission, goals] = await Promise.all([getCollection('mission'), getCollection('goals')]);
  if (mission.length + goals.length === 0) return PLATFORM_LINKS;
  return PLATFORM_LINKS.flatMap((l) => (l.href === '/roadmap/' ? [DIRECTION_LINK, l] : [l]));
}

async function loadNavModel(): Promise<NavModel> {
  const [docs, links] = await Promise.all([getCollection('docs'), platformLinks()]);
  return buildNavModel(
    docs.map((d) => ({
      id: d.id,
      label: d.data.sidebar.label ?? d.data.title,
      order: d.data.sidebar.order,
      hidden: d.data.sidebar.hidden,
    })),
    links,
  );
}

// Built once per production build; in `astro dev` content changes between requests.
let navModel: Promise<NavModel> | undefined;
let commitDates: Map<string, Date> | undefined;

export function getNavModel(): Promise<NavModel> {
  if (!import.meta.env.PROD) return loadNavModel();
  navModel ??= loadNavModel();
  return navModel;
}

/** Each docs page's description, for index pages. */
export async function getDocsDescriptions(): Promise<Map<string, string | undefined>> {
  const docs = await getCollection('docs');
  return new Map(docs.map((d) => [d.id, d.data.description]));
}

export function lastCommitDate(filePath: string): Date | undefined {
  if (!import.meta.env.PROD) return readCommitDates().get(filePath);
  commitDates ??= readCommitDates();
  return commitDates.get(filePath);
}
