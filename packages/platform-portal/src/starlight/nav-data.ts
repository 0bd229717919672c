import { getCollection } from 'astro:content';
import { buildNavModel, type NavModel } from '../lib/navigation.ts';
import { readCommitDates } from './git-dates.ts';

/** Pages of the site outside the docs collection, linked from every sidebar. */
export const PLATFORM_LINKS = [
  { label: 'Service catalog', href: '/catalog/' },
  { label: 'Tenants', href: '/tenants/' },
  { label: 'Insights', href: '/insights/' },
  { label: 'Roadmap', href: '/roadmap/' },
  { label: 'Changelog', href: '/changelog/' },
  { label: 'Community', href: '/community/' },
  { label: 'My requests', href: '/requests/' },
];

async function loadNavModel(): Promise<NavModel> {
  const docs = await getCollection('docs');
  return buildNavModel(
    docs.map((d) => ({
      id: d.id,
      label: d.data.sidebar.label ?? d.data.title,
      order: d.data.sidebar.order,
      hidden: d.data.sidebar.hidden,
    })),
    PLATFORM_LINKS,
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
