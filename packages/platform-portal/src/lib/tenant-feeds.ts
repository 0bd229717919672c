/**
 * What a tenant's own feeds hold (/tenants/<slug>/rss.xml and /tenants/<slug>/calendar.ics): the
 * things that concern it, so that its owners hear of them without visiting the portal. Each kind of
 * thing is a source in TENANT_FEED_SOURCES (release notes, campaigns, incidents, maintenance
 * windows); a new kind is one more source, and both feeds pick it up.
 */
import type { RSSFeedItem } from '@astrojs/rss';
import type { Campaign, CampaignState } from '../schemas/campaign.ts';
import type { Incident, Maintenance } from '../schemas/operations.ts';
import type { ReleaseNote } from '../schemas/release-note.ts';
import { eventStart, eventUid, type CalendarEvent } from './calendar.ts';
import { campaignProgress, inScope, isOpen } from './campaigns.ts';
import { formatDate } from './dates.ts';
import { campaignDeadlineEvent, campaignUrl, releaseNoteFeedItem } from './feeds.ts';
import { escapeHtml } from './html.ts';
import { concernsTenant } from './operations.ts';
import { incidentFeedItem, maintenanceEvent, maintenanceFeedItem } from './status-feeds.ts';

/** Where a tenant's feeds are, from the site's root. */
export const tenantFeedPaths = (tenant: string) => ({ rss: `/tenants/${tenant}/rss.xml`, calendar: `/tenants/${tenant}/calendar.ics` });

interface Entry<T> {
  id: string;
  data: T;
}

/** The site's content the feeds are made from, as getSiteData() loads it. */
export interface FeedContent {
  changelog: readonly Entry<ReleaseNote>[];
  campaigns: readonly Entry<Campaign>[];
  /** Ids `<campaign>/<tenant>`. */
  campaignStates: readonly Entry<CampaignState>[];
  incidents: readonly Entry<Incident>[];
  maintenance: readonly Entry<Maintenance>[];
  /** For the services' names in incidents and windows. */
  services: readonly Entry<{ name: string }>[];
}

/** A tenant as the site's tenant schema reads it: the services it uses, its environments, and fields scope rules name. */
export type FeedTenant = Entry<{ name: string; services: Record<string, unknown>; environments: readonly string[] }>;

export interface FeedContext {
  /** The site's public URL, for absolute links and event UIDs. */
  site: string;
  /** The build's day, YYYY-MM-DD: exemptions that ran out before it no longer count. */
  today: string;
}

/** One thing a tenant hears of: an item of its RSS feed, an event of its calendar, or both. */
export interface TenantFeedItem {
  rss?: RSSFeedItem;
  event?: CalendarEvent;
}

export type TenantFeedSource = (content: FeedContent, tenant: FeedTenant, context: FeedContext) => TenantFeedItem[];

/** Release notes of the services the tenant uses: a note whose areas name one of them. */
const releaseNotes: TenantFeedSource = (content, tenant, { site }) =>
  content.changelog.filter((note) => note.data.areas.some((area) => Object.hasOwn(tenant.data.services, area))).map((note) => ({ rss: releaseNoteFeedItem(note.id, note.data, site) }));

/**
 * Open campaigns with work left for the tenant: in scope, and to do (also once an exemption ran
 * out) or planned. Each is an item from the day the campaign started and an event on its deadline;
 * a planned day is an event of its own. Done and exempt tenants hear no more of the campaign.
 */
const campaignDeadlines: TenantFeedSource = (content, tenant, { site, today }) =>
  content.campaigns.filter((campaign) => isOpen(campaign.data)).flatMap((campaign) => {
    const state = content.campaignStates.find((s) => s.id === `${campaign.id}/${tenant.id}`)?.data;
    if (!inScope(campaign.data.scope, tenant.data, state)) return [];
    const [standing] = campaignProgress(campaign.data, [tenant.id], new Map(state ? [[tenant.id, state]] : []), today).tenants;
    if (standing?.status !== 'todo' && standing?.status !== 'planned') return [];
    const c = campaign.data;
    const link = campaignUrl(campaign.id, site);
    const planned = state?.state === 'planned' ? state.date : undefined;
    const plan = planned ? `<p>${escapeHtml(tenant.data.name)} plans to be done on ${formatDate(planned)}.</p>` : '';
    const items: TenantFeedItem[] = [
      {
        rss: {
          title: `Action needed by ${formatDate(c.deadline)}: ${c.title}`,
          link,
          pubDate: c.started,
          description: c.why,
          content: `<p><strong>Deadline:</strong> ${formatDate(c.deadline)}.</p>${plan}<p>${escapeHtml(c.why)}</p><p>Run by ${escapeHtml(c.run_by)}.</p>`,
          categories: ['campaign', c.scope.service],
        },
        event: campaignDeadlineEvent(campaign.id, c, site, `campaign-${campaign.id}.${tenant.id}`),
      },
    ];
    if (planned) {
      items.push({
        event: {
          uid: eventUid(`campaign-${campaign.id}.${tenant.id}.planned`, site),
          summary: `Planned: ${c.title}`,
          description: `${tenant.data.name} plans to be done on this day; the deadline is ${formatDate(c.deadline)}. ${link}`,
          url: link,
          day: planned,
        },
      });
    }
    return items;
  });

const namesOf = (content: FeedContent) => (id: string) => content.services.find((s) => s.id === id)?.data.name ?? id;
const scopeOf = (tenant: FeedTenant) => ({ slug: tenant.id, services: tenant.data.services, environments: tenant.data.environments });

/** Incidents that concern the tenant (lib/operations.ts), open and past: an item each. */
const incidents: TenantFeedSource = (content, tenant, { site }) =>
  content.incidents.filter((i) => concernsTenant(i.data, scopeOf(tenant))).map((i) => ({ rss: incidentFeedItem(i.id, i.data, site, namesOf(content)) }));

/** Maintenance windows that concern the tenant, past and to come: an item, and a timed event under a UID of the tenant's. */
const maintenanceWindows: TenantFeedSource = (content, tenant, { site }) =>
  content.maintenance
    .filter((m) => concernsTenant(m.data, scopeOf(tenant)))
    .map((m) => ({ rss: maintenanceFeedItem(m.id, m.data, site, namesOf(content)), event: maintenanceEvent(m.id, m.data, site, namesOf(content), `maintenance-${m.id}.${tenant.id}`) }));

/** Every kind of thing a tenant's feeds tell it of. */
export const TENANT_FEED_SOURCES: readonly TenantFeedSource[] = [releaseNotes, campaignDeadlines, incidents, maintenanceWindows];

/** Everything that concerns the tenant, from every source. */
export function tenantFeedItems(content: FeedContent, tenant: FeedTenant, context: FeedContext, sources = TENANT_FEED_SOURCES): TenantFeedItem[] {
  return sources.flatMap((source) => source(content, tenant, context));
}

/** The items of the tenant's RSS feed, newest first. */
export function tenantRssItems(items: readonly TenantFeedItem[]): RSSFeedItem[] {
  const time = (item: RSSFeedItem) => (item.pubDate ? new Date(item.pubDate).getTime() : 0);
  return items.flatMap((item) => (item.rss ? [item.rss] : [])).sort((a, b) => time(b) - time(a) || (a.link ?? '').localeCompare(b.link ?? ''));
}

/** The events of the tenant's calendar, by the day or moment they start. */
export function tenantCalendarEvents(items: readonly TenantFeedItem[]): CalendarEvent[] {
  return items.flatMap((item) => (item.event ? [item.event] : [])).sort((a, b) => eventStart(a).getTime() - eventStart(b).getTime() || a.uid.localeCompare(b.uid));
}
