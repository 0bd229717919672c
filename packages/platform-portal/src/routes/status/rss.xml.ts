import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSiteData } from '../../data/site-data.ts';
import { incidentFeedItem, maintenanceFeedItem } from '../../lib/status-feeds.ts';
import portal from 'virtual:platform-portal/config';

/** Every incident and maintenance window of the platform, newest first (a window dated its start). */
export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const name = (id: string) => data.services.find((s) => s.id === id)?.data.name ?? id;
  const items = [...data.incidents.map((i) => incidentFeedItem(i.id, i.data, portal.site, name)), ...data.maintenance.map((m) => maintenanceFeedItem(m.id, m.data, portal.site, name))];
  const time = (date: Date | string | undefined) => (date ? new Date(date).getTime() : 0);
  return rss({
    title: `${portal.title}: incidents and maintenance`,
    description: `Incidents and maintenance windows of every service of the platform run by ${portal.team}.`,
    site: new URL('/status/', portal.site).href,
    items: items.sort((a, b) => time(b.pubDate) - time(a.pubDate) || (a.link ?? '').localeCompare(b.link ?? '')),
    customData: '<language>en</language>',
  });
};
