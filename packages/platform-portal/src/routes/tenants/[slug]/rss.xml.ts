import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, tenantPaths } from '../../../data/site-data.ts';
import { isoDay } from '../../../lib/dates.ts';
import { tenantFeedItems, tenantRssItems } from '../../../lib/tenant-feeds.ts';
import portal from 'virtual:platform-portal/config';

export const getStaticPaths = tenantPaths satisfies GetStaticPaths;

type Props = Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];

export const GET: APIRoute<Props> = async ({ props: { tenant } }) => {
  const data = await getSiteData();
  const items = tenantFeedItems(data, tenant, { site: portal.site, today: isoDay(new Date()) });
  return rss({
    title: `${portal.title}: ${tenant.data.name}`,
    description: `Release notes of the services ${tenant.data.name} uses, the campaign deadlines it has to meet, and the incidents and maintenance windows that concern it.`,
    site: new URL(`/tenants/${tenant.id}/`, portal.site).href,
    items: tenantRssItems(items),
    customData: '<language>en</language>',
  });
};
