import type { APIRoute } from 'astro';
import { getSiteData } from '../data/site-data.ts';
import { calendarFile } from '../lib/calendar.ts';
import { campaignDeadlineEvent } from '../lib/feeds.ts';
import portal from 'virtual:platform-portal/config';

/**
 * The deadline of every campaign, finished ones too: an event that vanished from the feed would
 * vanish from the subscribers' calendars, and a finished campaign's day is history worth keeping.
 */
export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const body = calendarFile({
    name: `${portal.title}: campaign deadlines`,
    description: `Deadlines of the campaigns ${portal.team} runs across tenants.`,
    events: data.campaigns.map((c) => campaignDeadlineEvent(c.id, c.data, portal.site)),
    stamp: new Date(),
  });
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
