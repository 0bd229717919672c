import type { APIRoute } from 'astro';
import { getStatus } from '../data/status.ts';
import { incidentHref, maintenanceHref, STATUS_DAYS } from '../lib/status.ts';
import portal from 'virtual:platform-portal/config';

/**
 * The status page's figures for machines (data/status.ts, the same report): each service's state,
 * availability over 90 days, minutes of outage and degradation and the days with incidents; the open
 * incidents with their latest update; the windows open and to come. Minutes are exact (the page
 * rounds them), availability is 1 − outage / total.
 */
export const GET: APIRoute = async () => {
  const report = await getStatus();
  const link = (href: string) => new URL(href, portal.site).href;
  const body = {
    asOf: report.asOf.toISOString(),
    days: STATUS_DAYS,
    services: report.services.map((s) => ({
      id: s.id,
      name: s.name,
      state: s.state,
      availability: s.availability,
      from: s.from,
      minutes: { total: s.total, outage: s.outage, degraded: s.degraded },
      daysWithIncidents: s.days.filter((d) => d.incidents.length > 0),
      openIncidents: s.openIncidents,
      maintenance: s.maintenance,
    })),
    openIncidents: report.openIncidents.map(({ id, data: i }) => ({
      id,
      url: link(incidentHref(id)),
      title: i.title,
      services: i.services,
      tenants: i.tenants ?? null,
      environments: i.environments ?? null,
      severity: i.severity,
      impact: i.impact,
      started: i.started.toISOString(),
      latestUpdate: i.updates.at(-1) ?? null,
    })),
    maintenance: [...report.openMaintenance, ...report.upcomingMaintenance].map(({ id, data: m }) => ({
      id,
      url: link(maintenanceHref(id)),
      title: m.title,
      state: m.starts <= report.asOf ? 'open' : 'upcoming',
      services: m.services,
      tenants: m.tenants ?? null,
      environments: m.environments ?? null,
      impact: m.impact,
      starts: m.starts.toISOString(),
      ends: m.ends.toISOString(),
    })),
  };
  return new Response(JSON.stringify(body, null, 2), { headers: { 'content-type': 'application/json' } });
};
