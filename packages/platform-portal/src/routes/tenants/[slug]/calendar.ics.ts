import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteData, tenantPaths } from '../../../data/site-data.ts';
import { calendarFile } from '../../../lib/calendar.ts';
import { isoDay } from '../../../lib/dates.ts';
import { tenantCalendarEvents, tenantFeedItems } from '../../../lib/tenant-feeds.ts';
import portal from 'virtual:platform-portal/config';

export const getStaticPaths = tenantPaths satisfies GetStaticPaths;

type Props = Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];

export const GET: APIRoute<Props> = async ({ props: { tenant } }) => {
  const data = await getSiteData();
  const now = new Date();
  const items = tenantFeedItems(data, tenant, { site: portal.site, today: isoDay(now) });
  const body = calendarFile({
    name: `${portal.title}: ${tenant.data.name}`,
    description: `Deadlines ${tenant.data.name} has to meet, and maintenance windows that concern it, on the platform run by ${portal.team}.`,
    events: tenantCalendarEvents(items),
    stamp: now,
  });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
