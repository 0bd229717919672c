/**
 * Incidents and maintenance windows in the feeds: one RSS item per incident (its latest status in
 * the title, the whole timeline in the content) and per window, and each window as a timed event of
 * a calendar. The platform's feeds (/status/rss.xml, /maintenance.ics) hold every one; a tenant's
 * feeds (lib/tenant-feeds.ts) those that concern it.
 */
import type { RSSFeedItem } from '@astrojs/rss';
import type { Incident, Maintenance } from '../schemas/operations.ts';
import { eventUid, type TimedEvent } from './calendar.ts';
import { formatDateTime } from './dates.ts';
import { escapeHtml } from './html.ts';
import { incidentHref, maintenanceHref } from './status.ts';

/** Where the platform's status feeds are, from the site's root. */
export const STATUS_FEED_PATHS = { rss: '/status/rss.xml', calendar: '/maintenance.ics', json: '/status.json' } as const;

const STATUS_WORDS = { investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved' } as const;

/** `Kafka, PostgreSQL`: the services' names, by id. */
type Names = (id: string) => string;

/** An incident as an item: its current standing first, so a reader's list tells open from resolved. */
export function incidentFeedItem(id: string, incident: Incident, site: string, names: Names): RSSFeedItem {
  const standing = incident.resolved ? 'Resolved' : STATUS_WORDS[incident.updates.at(-1)?.status ?? 'investigating'];
  const services = incident.services.map(names).join(', ');
  const latest = incident.updates.at(-1);
  const timeline = incident.updates.map((u) => `<li><strong>${STATUS_WORDS[u.status]}</strong>, ${formatDateTime(u.at)}: ${escapeHtml(u.message)}</li>`).join('');
  const until = incident.resolved ? ` to ${formatDateTime(incident.resolved)}` : ', ongoing';
  return {
    title: `Incident (${standing}): ${incident.title}`,
    link: new URL(incidentHref(id), site).href,
    pubDate: incident.started,
    description: latest?.message ?? `${incident.impact} of ${services}`,
    content: `<p><strong>${escapeHtml(incident.impact)}</strong> of ${escapeHtml(services)}, ${formatDateTime(incident.started)}${until}.</p>${timeline ? `<ol>${timeline}</ol>` : ''}`,
    categories: ['incident', ...incident.services],
  };
}

/** A window as an item, dated its start. */
export function maintenanceFeedItem(id: string, window: Maintenance, site: string, names: Names): RSSFeedItem {
  const services = window.services.map(names).join(', ');
  return {
    title: `Maintenance: ${window.title}`,
    link: new URL(maintenanceHref(id), site).href,
    pubDate: window.starts,
    description: window.description,
    content: `<p><strong>${formatDateTime(window.starts)} to ${formatDateTime(window.ends)}</strong>, ${escapeHtml(services)}; expect ${escapeHtml(window.impact === 'none' ? 'no interruption' : window.impact === 'degraded' ? 'a degraded service' : 'an outage')}.</p><p>${escapeHtml(window.description)}</p>`,
    categories: ['maintenance', ...window.services],
  };
}

/**
 * A window as a timed event. `uidLocal` tells the calendars apart, as for campaign deadlines:
 * `maintenance-<id>` in the platform's, `maintenance-<id>.<tenant>` in a tenant's.
 */
export function maintenanceEvent(id: string, window: Maintenance, site: string, names: Names, uidLocal = `maintenance-${id}`): TimedEvent {
  const url = new URL(maintenanceHref(id), site).href;
  return {
    uid: eventUid(uidLocal, site),
    summary: `Maintenance: ${window.title}`,
    description: `${window.services.map(names).join(', ')}; impact: ${window.impact}.\n\n${window.description}\n\n${url}`,
    url,
    start: window.starts,
    end: window.ends,
  };
}
