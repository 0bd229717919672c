import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getSiteData } from '../../data/site-data.ts';
import { releaseNoteFeedItem } from '../../lib/feeds.ts';
import portal from 'virtual:platform-portal/config';

export const GET: APIRoute = async () => {
  const data = await getSiteData();
  return rss({
    title: `${portal.title}: changelog`,
    description: `Release notes for every service of the platform run by ${portal.team}.`,
    site: portal.site,
    items: data.changelog.map((n) => releaseNoteFeedItem(n.id, n.data, portal.site)),
    customData: '<language>en</language>',
  });
};
