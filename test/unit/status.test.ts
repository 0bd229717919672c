/**
 * The status report (lib/status.ts) the status page, /status.json, the badges and the banners share;
 * the banner's HTML; and incidents and maintenance windows in the feeds: a tenant's hold exactly
 * what concerns it, calendars read back as RFC 5545 with UTC times, RSS as RSS 2.0.
 */
import { describe, expect, it } from 'vitest';
import rss from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { availability } from '../../packages/platform-portal/src/lib/availability.ts';
import { calendarFile } from '../../packages/platform-portal/src/lib/calendar.ts';
import { concernsTenant } from '../../packages/platform-portal/src/lib/operations.ts';
import { formatAvailability, noticesFor, statusReport, tenantStates, type StatusTenant } from '../../packages/platform-portal/src/lib/status.ts';
import { BANNER_SCRIPT, statusBannerHtml } from '../../packages/platform-portal/src/lib/status-banner.ts';
import { maintenanceEvent } from '../../packages/platform-portal/src/lib/status-feeds.ts';
import { tenantCalendarEvents, tenantFeedItems, tenantRssItems, type FeedContent, type FeedTenant } from '../../packages/platform-portal/src/lib/tenant-feeds.ts';
import { IncidentSchema, MaintenanceSchema, type IncidentInput, type MaintenanceInput } from '../../packages/platform-portal/src/schemas/operations.ts';
import { readCalendar } from '../helpers/calendar.ts';

const SITE = 'https://portal.example.com';
const NOW = new Date('2026-12-04T12:00:00Z');
const HOSTILE = 'Kafka <script>alert(1)</script> & "quotes"; commas, a \\ backslash';

const incident = (id: string, input: Partial<IncidentInput>) => ({
  id,
  data: IncidentSchema.parse({ title: `Incident ${id}`, services: ['kafka'], severity: 'sev2', impact: 'outage', started: '2026-12-02T08:00:00Z', updates: [], ...input }),
});
const window = (id: string, input: Partial<MaintenanceInput>) => ({
  id,
  data: MaintenanceSchema.parse({ title: `Window ${id}`, services: ['postgresql'], impact: 'degraded', starts: '2026-12-12T22:00:00Z', ends: '2026-12-13T02:00:00Z', description: 'Upgrades.', ...input }),
});

const services = [
  { id: 'kafka', data: { name: 'Kafka' } },
  { id: 'postgresql', data: { name: 'PostgreSQL' } },
  { id: 'clickhouse', data: { name: 'ClickHouse' } },
];
const incidents = [
  // 35 minutes of outage, resolved; 100 minutes degraded of which 20 overlap the outage.
  incident('pg-refused', { services: ['postgresql'], tenants: ['ledger'], environments: ['prod'], started: '2026-12-02T08:41:00Z', resolved: '2026-12-02T09:16:00Z' }),
  incident('pg-slow', { services: ['postgresql'], impact: 'degraded', started: '2026-12-02T08:56:00Z', resolved: '2026-12-02T10:36:00Z' }),
  // Open: Kafka is degraded now, for the tenants in prod.
  incident('kafka-lag', { title: HOSTILE, impact: 'degraded', environments: ['prod'], started: '2026-12-04T10:00:00Z', updates: [{ at: '2026-12-04T10:10:00Z', status: 'investigating', message: 'Looking.' }] }),
  // Long ago: outside the 90 days.
  incident('old', { started: '2025-01-01T00:00:00Z', resolved: '2025-01-01T01:00:00Z' }),
];
const maintenance = [
  window('open-now', { services: ['clickhouse'], starts: '2026-12-04T11:00:00Z', ends: '2026-12-04T13:00:00Z' }),
  window('in-six-days', { starts: '2026-12-10T12:00:00Z', ends: '2026-12-10T14:00:00Z', environments: ['staging'] }),
  window('in-eight-days', { starts: '2026-12-12T12:00:00Z', ends: '2026-12-12T14:00:00Z' }),
  window('over', { services: ['kafka'], starts: '2026-11-01T00:00:00Z', ends: '2026-11-01T02:00:00Z' }),
];
const report = statusReport({ services, incidents, maintenance }, NOW);
const of = (id: string) => report.services.find((s) => s.id === id)!;

const ledger = { slug: 'ledger', services: { postgresql: {}, kafka: {} }, environments: ['dev', 'prod'] };
const search = { slug: 'search', services: { postgresql: {}, clickhouse: {} }, environments: ['staging'] };

describe('the status report', () => {
  it("gives each service its state as of the moment: an open incident's impact, else an open window, else operational", () => {
    expect(report.services.map((s) => [s.id, s.state])).toEqual([
      ['kafka', 'degraded'],
      ['postgresql', 'operational'],
      ['clickhouse', 'maintenance'],
    ]);
  });

  it('counts minutes from the incident files: outage once, degraded without the minutes an outage covers, and availability from the outage alone', () => {
    // PostgreSQL: 35 min outage (08:41–09:16); degraded 08:56–10:36 = 100 min, minus 20 under the outage = 80.
    expect([of('postgresql').outage, of('postgresql').degraded]).toEqual([35, 80]);
    // The window is 89 whole days and today up to 12:00.
    expect(of('postgresql').total).toBe(89 * 1440 + 720);
    expect(of('postgresql').availability).toBeCloseTo(1 - 35 / (89 * 1440 + 720), 12);
    // Kafka: the open incident counts up to the moment (2 h degraded); the old one is out of the window.
    expect([of('kafka').outage, of('kafka').degraded, of('kafka').availability]).toEqual([0, 120, 1]);
    // The same figures as availability() gives for the service's own incidents: one computation.
    const pg = incidents.filter((i) => i.data.services.includes('postgresql')).map((i) => ({ id: i.id, ...i.data }));
    expect(of('postgresql')).toMatchObject(availability(pg, NOW, 90));
    expect(of('postgresql').days.find((d) => d.date === '2026-12-02')).toEqual({ date: '2026-12-02', outage: 35, degraded: 80, incidents: ['pg-refused', 'pg-slow'] });
  });

  it('sorts incidents and windows into open, upcoming and the last 90 days', () => {
    expect(report.openIncidents.map((i) => i.id)).toEqual(['kafka-lag']);
    expect(report.pastIncidents.map((i) => i.id)).toEqual(['pg-slow', 'pg-refused']);
    expect(report.openMaintenance.map((m) => m.id)).toEqual(['open-now']);
    expect(report.upcomingMaintenance.map((m) => m.id)).toEqual(['in-six-days', 'in-eight-days']);
    expect(report.pastMaintenance.map((m) => m.id)).toEqual(['over']);
    expect(of('postgresql').maintenance).toEqual(['in-six-days', 'in-eight-days']);
    expect(of('kafka').openIncidents).toEqual(['kafka-lag']);
  });

  it('shows availability rounded down, so that any outage keeps it under 100 %', () => {
    expect(formatAvailability(1)).toBe('100.000 %');
    expect(formatAvailability(1 - 1 / 129_600)).toBe('99.999 %');
    expect(formatAvailability(0.9995)).toBe('99.950 %');
    expect(formatAvailability(0)).toBe('0.000 %');
  });
});

describe('banners', () => {
  const ids = (scope: Parameters<typeof noticesFor>[1]) => noticesFor(report, scope).map((n) => `${n.kind}:${n.id}${n.kind === 'maintenance' ? `:${n.phase}` : ''}`);

  it("announce on a service's pages its open incidents and the windows open now or opening within 7 days", () => {
    expect(ids({ service: 'kafka' })).toEqual(['incident:kafka-lag']);
    expect(ids({ service: 'postgresql' })).toEqual(['maintenance:in-six-days:scheduled']);
    expect(ids({ service: 'clickhouse' })).toEqual(['maintenance:open-now:open']);
  });

  it("announce on a tenant's page exactly what concerns it: its services, its environments, the tenants named", () => {
    // ledger runs prod: the Kafka incident is its; the staging window is not. search runs staging only.
    expect(ids({ tenant: ledger })).toEqual(['incident:kafka-lag']);
    expect(ids({ tenant: search })).toEqual(['maintenance:open-now:open', 'maintenance:in-six-days:scheduled']);
    for (const tenant of [ledger, search]) {
      for (const n of noticesFor(report, { tenant })) {
        const item = [...incidents, ...maintenance].find((x) => x.id === n.id)!;
        expect(concernsTenant(item.data, tenant)).toBe(true);
      }
    }
  });

  it("give a tenant its services' states from what concerns it alone", () => {
    const states = (tenant: StatusTenant) => Object.fromEntries(tenantStates(report, { incidents, maintenance }, tenant));
    expect(states(ledger)).toEqual({ postgresql: 'operational', kafka: 'degraded' });
    expect(states(search)).toEqual({ postgresql: 'operational', clickhouse: 'maintenance' });
  });

  it('write hostile titles as text, each window with its end in data-ends, the same script everywhere, and keep a banner of the page', () => {
    const html = statusBannerHtml(noticesFor(report, { service: 'kafka' }), '<strong>Own</strong>')!;
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('Kafka &#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;quotes&#34;');
    expect(html).toContain('<div><strong>Own</strong></div>');
    expect(html.endsWith(`<script>${BANNER_SCRIPT}</script>`)).toBe(true);
    const scheduled = statusBannerHtml(noticesFor(report, { service: 'postgresql' }))!;
    expect(scheduled).toContain('data-ends="2026-12-10T14:00:00.000Z"');
    expect(scheduled).toContain('Maintenance scheduled from 10 Dec 2026, 12:00 UTC to 10 Dec 2026, 14:00 UTC');
    expect(statusBannerHtml([])).toBeUndefined();
    expect(statusBannerHtml([], 'Own')).toBe('Own');
  });
});

describe('incidents and maintenance in the feeds', () => {
  const content: FeedContent = { changelog: [], campaigns: [], campaignStates: [], incidents, maintenance, services };
  const tenants: FeedTenant[] = [ledger, search, { slug: 'stream', services: { kafka: {} }, environments: ['dev'] }].map((t) => ({ id: t.slug, data: { name: `Team ${t.slug}`, services: t.services, environments: t.environments } }));
  const context = { site: SITE, today: '2026-12-04' };

  it("hold in a tenant's RSS and calendar exactly the incidents and windows that concern it", () => {
    for (const tenant of tenants) {
      const scope = { slug: tenant.id, services: tenant.data.services, environments: tenant.data.environments };
      const items = tenantFeedItems(content, tenant, context);
      const links = tenantRssItems(items).map((i) => i.link);
      const expected = [
        ...incidents.filter((i) => concernsTenant(i.data, scope)).map((i) => `${SITE}/status/incidents/${i.id}/`),
        ...maintenance.filter((m) => concernsTenant(m.data, scope)).map((m) => `${SITE}/status/#maintenance-${m.id}`),
      ];
      expect(links.sort(), tenant.id).toEqual(expected.sort());
      const uids = tenantCalendarEvents(items).map((e) => e.uid);
      expect(uids.sort(), tenant.id).toEqual(maintenance.filter((m) => concernsTenant(m.data, scope)).map((m) => `maintenance-${m.id}.${tenant.id}@portal.example.com`).sort());
    }
    // stream runs Kafka in dev only: the prod incident passes it by; the old incident and the Kafka window (all environments) do not.
    expect(tenantRssItems(tenantFeedItems(content, tenants[2]!, context)).map((i) => i.link)).toEqual([`${SITE}/status/#maintenance-over`, `${SITE}/status/incidents/old/`]);
  });

  it('write each window as a timed event in UTC, read back by an RFC 5545 parser, hostile text intact', () => {
    const hostile = window('hostile', { title: HOSTILE, description: `${HOSTILE}\nsecond line` });
    const events = [...maintenance, hostile].map((m) => maintenanceEvent(m.id, m.data, SITE, (id) => id));
    const parsed = readCalendar(calendarFile({ name: 'Maintenance', description: 'Windows', events, stamp: NOW }));
    expect(parsed.events.map((e) => [e.uid, e.startTime, e.endTime, e.allDay, e.utc])).toEqual(
      [...maintenance, hostile].map((m) => [`maintenance-${m.id}@portal.example.com`, m.data.starts.toISOString(), m.data.ends.toISOString(), false, true]),
    );
    const read = parsed.events.at(-1)!;
    expect(read.summary).toBe(`Maintenance: ${HOSTILE}`);
    expect(read.description).toContain(`${HOSTILE}\nsecond line`);
    expect(read.url).toBe(`${SITE}/status/#maintenance-hostile`);
  });

  it('write incidents and windows as RSS 2.0 items, hostile text escaped', async () => {
    const items = tenantRssItems(tenantFeedItems(content, tenants[0]!, context));
    const response = await rss({ title: 'Feed', description: 'Status', site: SITE, items });
    const feed = new XMLParser({ ignoreAttributes: false }).parse(await response.text());
    expect(feed.rss['@_version']).toBe('2.0');
    const read = [feed.rss.channel.item].flat();
    expect(read).toHaveLength(items.length);
    expect(read.map((i: { title: string }) => i.title)).toEqual(items.map((i) => i.title));
    expect(read.map((i: { title: string }) => i.title)).toContain(`Incident (Investigating): ${HOSTILE}`);
  });
});
