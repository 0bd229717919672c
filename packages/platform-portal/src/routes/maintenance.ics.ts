import type { APIRoute } from 'astro';
import { getSiteData } from '../data/site-data.ts';
import { calendarFile } from '../lib/calendar.ts';
import { maintenanceEvent } from '../lib/status-feeds.ts';
import portal from 'virtual:platform-portal/config';

/**
 * Every maintenance window of the platform as a timed event (UTC), past ones too: an event that
 * vanished from the feed would vanish from the subscribers' calendars. Campaign deadlines have a
 * calendar of their own, /campaigns.ics: the people who plan around windows are not always those who
 * meet deadlines.
 */
export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const name = (id: string) => data.services.find((s) => s.id === id)?.data.name ?? id;
  const body = calendarFile({
    name: `${portal.title}: maintenance`,
    description: `Maintenance windows of the platform run by ${portal.team}.`,
    events: data.maintenance.map((m) => maintenanceEvent(m.id, m.data, portal.site, name)),
    stamp: new Date(),
  });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
