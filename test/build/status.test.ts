/**
 * Operations in the open, as the basics fixture builds them (issue #31): the status page and
 * /status.json say the same figures, which follow from the incident files; the banner sits on the
 * pages of affected services, tenants and runbooks and nowhere else; the platform's and the tenants'
 * feeds hold the incidents and windows that concern them, read back as RSS 2.0 and RFC 5545.
 *
 * The fixture's files stay right as time passes: an incident open since 2020 (ClickHouse, degraded,
 * fraud-detection only), one resolved in 2021 (Kafka), a window from 2020 to 2099 (PostgreSQL, prod)
 * and one in 2022 (object storage).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseYaml } from 'yaml';
import { builtPage, DIST } from '../helpers/dist.ts';
import { readCalendar } from '../helpers/calendar.ts';
import { BASICS } from '../helpers/fixtures.ts';
import { availability } from '../../packages/platform-portal/src/lib/availability.ts';
import { concernsTenant } from '../../packages/platform-portal/src/lib/operations.ts';
import { formatAvailability, formatMinutes } from '../../packages/platform-portal/src/lib/status.ts';
import { BANNER_SCRIPT } from '../../packages/platform-portal/src/lib/status-banner.ts';
import portal from '../fixtures/basics/portal.config.ts';

const yamlIn = async (folder: string) => {
  const files = (await readdir(path.join(BASICS, 'content', folder))).filter((f) => f.endsWith('.yaml'));
  return new Map(await Promise.all(files.map(async (f) => [f.slice(0, -5), parseYaml(await readFile(path.join(BASICS, 'content', folder, f), 'utf-8'))] as const)));
};

interface StatusJson {
  asOf: string;
  services: { id: string; state: string; availability: number; minutes: { total: number; outage: number; degraded: number }; daysWithIncidents: { date: string; incidents: string[] }[]; openIncidents: string[]; maintenance: string[] }[];
  openIncidents: { id: string; latestUpdate: { message: string } | null }[];
  maintenance: { id: string; state: string }[];
}

let status: StatusJson;
let incidents: Map<string, any>;
let windows: Map<string, any>;
let tenants: Map<string, any>;
beforeAll(async () => {
  status = JSON.parse(await readFile(path.join(DIST, 'status.json'), 'utf-8'));
  [incidents, windows, tenants] = await Promise.all([yamlIn('incidents'), yamlIn('maintenance'), yamlIn('tenants')]);
});

describe('the status page and /status.json', () => {
  it('carry the figures that follow from the incident files, as of the build', () => {
    const asOf = new Date(status.asOf);
    expect(asOf.getUTCSeconds()).toBe(0);
    for (const service of status.services) {
      const own = [...incidents].filter(([, i]) => i.services.includes(service.id)).map(([id, i]) => ({ id, impact: i.impact, started: new Date(i.started), resolved: i.resolved ? new Date(i.resolved) : undefined }));
      const expected = availability(own, asOf, 90);
      expect([service.availability, service.minutes], service.id).toEqual([expected.availability, { total: expected.total, outage: expected.outage, degraded: expected.degraded }]);
      expect(service.daysWithIncidents).toEqual(expected.days.filter((d) => d.incidents.length > 0));
    }
    expect(status.services.map((s) => [s.id, s.state])).toEqual([
      ['clickhouse', 'degraded'],
      ['kafka', 'operational'],
      ['object-storage', 'operational'],
      ['postgresql', 'maintenance'],
    ]);
    expect(status.openIncidents.map((i) => [i.id, i.latestUpdate?.message])).toEqual([['clickhouse-slow-merges', incidents.get('clickhouse-slow-merges').updates.at(-1).message]]);
    expect(status.maintenance).toEqual([expect.objectContaining({ id: 'postgresql-long-window', state: 'open' })]);
  });

  it('shows on the page the same state, availability and minutes as the JSON, with a text for every day', async () => {
    const page = await builtPage('/status/');
    for (const service of status.services) {
      const section = page.querySelector(`#service-${service.id}`)!;
      expect(section.querySelector('[data-state]')?.getAttribute('data-state'), service.id).toBe(service.state);
      expect(section.querySelector('[data-figure="availability"]')?.text).toBe(formatAvailability(service.availability));
      expect(section.querySelector('[data-figure="outage"]')?.text).toBe(formatMinutes(service.minutes.outage));
      expect(section.querySelector('[data-figure="degraded"]')?.text).toBe(formatMinutes(service.minutes.degraded));
      const days = section.querySelectorAll('.status-days > span');
      expect(days).toHaveLength(90);
      for (const day of days) expect(day.getAttribute('title')).toMatch(/^\d{1,2} \w{3,4} \d{4}: (no incidents|.* min (outage|degraded))/);
      // The text equivalent every reader gets: one line per day with incidents.
      expect(section.querySelectorAll('.status-day-list li')).toHaveLength(service.daysWithIncidents.length);
    }
    const open = page.querySelectorAll('.status-incident h3 a').map((a) => a.getAttribute('href'));
    expect(open).toEqual(['/status/incidents/clickhouse-slow-merges/']);
    expect(page.querySelector('#maintenance-postgresql-long-window h3')?.text).toBe(windows.get('postgresql-long-window').title);
    // Hostile text is text.
    expect(page.querySelector('.status-incident h3 a')?.text).toBe(incidents.get('clickhouse-slow-merges').title);
    expect(page.toString()).not.toContain('<script>alert(1)');
  });

  it('gives every incident a page with its whole timeline', async () => {
    for (const [id, incident] of incidents) {
      const page = await builtPage(`/status/incidents/${id}/`);
      expect(page.querySelector('h1')?.text).toBe(incident.title);
      // A title of content is text in <title> too (Starlight writes its content as HTML).
      expect(page.querySelector('title')?.text).toBe(`${incident.title} | ${portal.title}`);
      expect(page.querySelectorAll('.status-timeline > li').map((li) => li.querySelectorAll('p')[1]?.text)).toEqual(incident.updates.map((u: { message: string }) => u.message));
    }
  });

  it('is linked from every sidebar', async () => {
    const page = await builtPage('/guides/getting-started/');
    expect(page.querySelectorAll('nav a[href="/status/"]').length).toBeGreaterThan(0);
  });
});

describe('banners', () => {
  const notices = async (sitePath: string) => (await builtPage(sitePath)).querySelectorAll('.sl-banner .status-notice').map((n) => n.querySelector('a')?.getAttribute('href'));

  it('sit on the runbooks and guides of affected services, and on no other docs page', async () => {
    expect(await notices('/runbooks/postgresql-connection-exhaustion/')).toEqual(['/status/#maintenance-postgresql-long-window']);
    expect(await notices('/runbooks/clickhouse-too-many-parts/')).toEqual(['/status/incidents/clickhouse-slow-merges/']);
    expect(await notices('/guides/postgresql-quickstart/')).toEqual(['/status/#maintenance-postgresql-long-window']);
    for (const unaffected of ['/runbooks/kafka-consumer-lag/', '/runbooks/object-storage-5xx-errors/', '/guides/getting-started/']) {
      expect(await notices(unaffected), unaffected).toEqual([]);
      expect((await builtPage(unaffected)).querySelector('.sl-banner'), unaffected).toBeNull();
    }
  });

  it("carry each window's end, and the script that hides them once it has passed, allowed by the CSP", async () => {
    const page = await builtPage('/runbooks/postgresql-connection-exhaustion/');
    expect(page.querySelector('.status-notice')?.getAttribute('data-ends')).toBe('2099-12-31T23:00:00.000Z');
    expect(page.querySelector('.sl-banner script')?.text).toBe(BANNER_SCRIPT);
    const hash = `'sha256-${createHash('sha256').update(BANNER_SCRIPT).digest('base64')}'`;
    expect(await readFile(path.join(DIST, '_headers'), 'utf-8')).toContain(hash);
  });

  it('sit on the catalog pages of affected services, with their state badge', async () => {
    for (const service of status.services) {
      const page = await builtPage(`/catalog/${service.id}/`);
      expect(page.querySelector('main .status-badge')?.getAttribute('data-state'), service.id).toBe(service.state);
      expect(page.querySelectorAll('.sl-banner .status-notice').length > 0, service.id).toBe(service.openIncidents.length + service.maintenance.length > 0);
    }
  });

  it('sit on the pages of exactly the tenants an open incident or window concerns', async () => {
    const open = [...[...incidents].filter(([, i]) => !i.resolved), ...windows].filter(([id]) => id === 'clickhouse-slow-merges' || status.maintenance.some((m) => m.id === id));
    for (const [slug, tenant] of tenants) {
      const scope = { slug, services: tenant.services, environments: tenant.environments };
      const expected = open.filter(([, item]) => concernsTenant(item, scope)).map(([id]) => (incidents.has(id) ? `/status/incidents/${id}/` : `/status/#maintenance-${id}`));
      expect(await notices(`/tenants/${slug}/`), slug).toEqual(expected);
    }
    // ClickHouse is degraded for fraud-detection, the tenant its incident names, and operational for the others.
    const state = async (slug: string) => (await builtPage(`/tenants/${slug}/`)).querySelector('main a.status-badge[href="/status/#service-clickhouse"]')?.getAttribute('data-state');
    expect(await state('fraud-detection')).toBe('degraded');
    expect(await state('search-ranking')).toBe('operational');
  });
});

describe('feeds of incidents and maintenance', () => {
  const host = new URL(portal.site).host;
  const xml = new XMLParser({ ignoreAttributes: false });
  const rssLinks = async (file: string) => {
    const feed = xml.parse(await readFile(path.join(DIST, file), 'utf-8'));
    expect(feed.rss['@_version']).toBe('2.0');
    expect(feed.rss.channel.title).toBeTruthy();
    return [feed.rss.channel.item ?? []].flat().map((i: { link: string }) => i.link);
  };
  const itemLinks = (ids: { incidents: string[]; windows: string[] }) => [...ids.incidents.map((id) => `${portal.site}/status/incidents/${id}/`), ...ids.windows.map((id) => `${portal.site}/status/#maintenance-${id}`)].sort();

  it('/status/rss.xml holds every incident and window; /maintenance.ics every window, as timed UTC events', async () => {
    expect((await rssLinks('status/rss.xml')).sort()).toEqual(itemLinks({ incidents: [...incidents.keys()], windows: [...windows.keys()] }));
    const calendar = readCalendar(await readFile(path.join(DIST, 'maintenance.ics'), 'utf-8'));
    expect(calendar.events.map((e) => [e.uid, e.startTime, e.endTime, e.allDay, e.utc]).sort()).toEqual(
      [...windows].map(([id, w]) => [`maintenance-${id}@${host}`, new Date(w.starts).toISOString(), new Date(w.ends).toISOString(), false, true]).sort(),
    );
  });

  it("a tenant's feeds hold exactly the incidents and windows that concern it", async () => {
    for (const [slug, tenant] of tenants) {
      const scope = { slug, services: tenant.services, environments: tenant.environments };
      const concerning = (items: Map<string, any>) => [...items].filter(([, item]) => concernsTenant(item, scope)).map(([id]) => id);
      const links = (await rssLinks(`tenants/${slug}/rss.xml`)).filter((l) => l.includes('/status/'));
      expect(links.sort(), slug).toEqual(itemLinks({ incidents: concerning(incidents), windows: concerning(windows) }));
      const { events } = readCalendar(await readFile(path.join(DIST, `tenants/${slug}/calendar.ics`), 'utf-8'));
      const ours = events.filter((e) => e.uid.startsWith('maintenance-'));
      expect(ours.map((e) => e.uid).sort(), slug).toEqual(concerning(windows).map((id) => `maintenance-${id}.${slug}@${host}`).sort());
    }
  });
});
