import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { areaLabel, getSiteData, usedAreas } from '../../../../data/site-data.ts';
import { releaseNoteFeedItem } from '../../../../lib/feeds.ts';
import portal from 'virtual:platform-portal/config';

export const getStaticPaths = (async () => {
  const data = await getSiteData();
  return usedAreas(data).map((area) => ({ params: { area } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const data = await getSiteData();
  const area = params.area!;
  return rss({
    title: `${portal.title}: ${areaLabel(data, area)} changelog`,
    description: `Release notes for ${areaLabel(data, area)}.`,
    site: portal.site,
    items: data.changelog.filter((n) => n.data.areas.includes(area)).map((n) => releaseNoteFeedItem(n.id, n.data, portal.site)),
    customData: '<language>en</language>',
  });
};
