/**
 * The platform's status as of one moment, the build: each service's state and its availability
 * over the last 90 days, the open incidents, the maintenance windows open, upcoming and recent, and
 * what the banner of a service's or a tenant's page says. One function makes it all: the status
 * page, /status.json, the state badges of the catalog and tenant pages and the banners read the same
 * report, so their figures agree. Pure: the moment comes in (data/status.ts takes the build's).
 */
import type { Incident, Maintenance } from '../schemas/operations.ts';
import { availability, inWindow, isOngoing, stateAt, type Availability, type ImpactSpan, type ServiceState } from './availability.ts';
import { concernsTenant } from './operations.ts';

interface Entry<T> {
  id: string;
  data: T;
}

/** How many days of history the status page shows, and availability covers. */
export const STATUS_DAYS = 90;
/** A maintenance window is announced on its pages this many days before it opens. */
export const SCHEDULED_DAYS = 7;
const DAY_MS = 86_400_000;

export interface StatusContent {
  /** In the order the page lists them. */
  services: readonly Entry<{ name: string }>[];
  incidents: readonly Entry<Incident>[];
  maintenance: readonly Entry<Maintenance>[];
}

export interface ServiceStatus extends Availability {
  id: string;
  name: string;
  state: ServiceState;
  /** Ids of the incidents open at the moment that name the service. */
  openIncidents: string[];
  /** Ids of the windows open at the moment, or still to come, that name the service. */
  maintenance: string[];
}

export interface StatusReport {
  /** The moment the report is of. */
  asOf: Date;
  services: ServiceStatus[];
  /** Open at `asOf`, the latest started first. */
  openIncidents: Entry<Incident>[];
  /** Resolved, with impact in the last 90 days, the latest started first. */
  pastIncidents: Entry<Incident>[];
  /** Open at `asOf`, then those still to come, soonest first. */
  openMaintenance: Entry<Maintenance>[];
  upcomingMaintenance: Entry<Maintenance>[];
  /** Ended in the last 90 days, the latest first. */
  pastMaintenance: Entry<Maintenance>[];
}

const spanOf = (incident: Entry<Incident>): ImpactSpan => ({ id: incident.id, impact: incident.data.impact, started: incident.data.started, resolved: incident.data.resolved });

/** The report as of `asOf`: every figure the status page, its JSON, the badges and the banners show. */
export function statusReport({ services, incidents, maintenance }: StatusContent, asOf: Date): StatusReport {
  const byStart = [...incidents].sort((a, b) => b.data.started.getTime() - a.data.started.getTime() || a.id.localeCompare(b.id));
  const bySoonest = [...maintenance].sort((a, b) => a.data.starts.getTime() - b.data.starts.getTime() || a.id.localeCompare(b.id));
  const openIncidents = byStart.filter((i) => isOngoing(spanOf(i), asOf));
  const historyFrom = asOf.getTime() - STATUS_DAYS * DAY_MS;
  const pastIncidents = byStart.filter((i) => i.data.resolved !== undefined && i.data.resolved <= asOf && i.data.resolved.getTime() > historyFrom);
  const openMaintenance = bySoonest.filter((m) => inWindow(m.data, asOf));
  const upcomingMaintenance = bySoonest.filter((m) => m.data.starts > asOf);
  const pastMaintenance = bySoonest.filter((m) => m.data.ends <= asOf && m.data.ends.getTime() > historyFrom).reverse();
  return {
    asOf,
    services: services.map((service) => {
      const ofService = incidents.filter((i) => i.data.services.includes(service.id));
      const windows = maintenance.filter((m) => m.data.services.includes(service.id));
      return {
        id: service.id,
        name: service.data.name,
        state: stateAt(ofService.map(spanOf), windows.map((w) => w.data), asOf),
        ...availability(ofService.map(spanOf), asOf, STATUS_DAYS),
        openIncidents: openIncidents.filter((i) => i.data.services.includes(service.id)).map((i) => i.id),
        maintenance: [...openMaintenance, ...upcomingMaintenance].filter((m) => m.data.services.includes(service.id)).map((m) => m.id),
      };
    }),
    openIncidents,
    pastIncidents,
    openMaintenance,
    upcomingMaintenance,
    pastMaintenance,
  };
}

/** A tenant as concernsTenant reads it. */
export interface StatusTenant {
  slug: string;
  services: Record<string, unknown>;
  environments: readonly string[];
}

/** What a page's banner announces: an open incident, or a window open now or opening within 7 days. */
export type Notice =
  | { kind: 'incident'; id: string; title: string; impact: Incident['impact']; started: Date; href: string }
  | { kind: 'maintenance'; id: string; title: string; impact: Maintenance['impact']; phase: 'open' | 'scheduled'; starts: Date; ends: Date; href: string };

export const incidentHref = (id: string) => `/status/incidents/${id}/`;
export const maintenanceHref = (id: string) => `/status/#maintenance-${id}`;
export const serviceStatusHref = (id: string) => `/status/#service-${id}`;

/**
 * What the banner of a page says: on a service's pages (its catalog page, its guides and runbooks)
 * what names the service; on a tenant's page what concerns the tenant (lib/operations.ts).
 */
export function noticesFor(report: StatusReport, scope: { service: string } | { tenant: StatusTenant }): Notice[] {
  const applies = (item: Incident | Maintenance) => ('service' in scope ? item.services.includes(scope.service) : concernsTenant(item, scope.tenant));
  const soon = report.asOf.getTime() + SCHEDULED_DAYS * DAY_MS;
  const incidents: Notice[] = report.openIncidents
    .filter((i) => applies(i.data))
    .map((i) => ({ kind: 'incident', id: i.id, title: i.data.title, impact: i.data.impact, started: i.data.started, href: incidentHref(i.id) }));
  const windows: Notice[] = [...report.openMaintenance, ...report.upcomingMaintenance.filter((m) => m.data.starts.getTime() <= soon)]
    .filter((m) => applies(m.data))
    .map((m) => ({
      kind: 'maintenance',
      id: m.id,
      title: m.data.title,
      impact: m.data.impact,
      phase: m.data.starts <= report.asOf ? 'open' : 'scheduled',
      starts: m.data.starts,
      ends: m.data.ends,
      href: maintenanceHref(m.id),
    }));
  return [...incidents, ...windows];
}

/**
 * The state of each service a tenant uses, from what concerns the tenant alone: an incident of
 * other tenants leaves its services operational for this one.
 */
export function tenantStates(report: StatusReport, content: Pick<StatusContent, 'incidents' | 'maintenance'>, tenant: StatusTenant): Map<string, ServiceState> {
  const incidents = content.incidents.filter((i) => concernsTenant(i.data, tenant));
  const windows = content.maintenance.filter((m) => concernsTenant(m.data, tenant));
  return new Map(
    Object.keys(tenant.services).map((service) => [
      service,
      stateAt(incidents.filter((i) => i.data.services.includes(service)).map(spanOf), windows.filter((w) => w.data.services.includes(service)).map((w) => w.data), report.asOf),
    ]),
  );
}

/** `99.962 %`: rounded down, so that a service with any outage never reads 100 %. */
export function formatAvailability(availability: number): string {
  // The small epsilon keeps a float just below an exact figure (0.9995 × 100 000 = 99 949.999…) from losing a digit.
  return `${(Math.floor(availability * 100_000 + 1e-6) / 1000).toFixed(3)} %`;
}

/** `35 min`: whole minutes, as the page shows them. */
export const formatMinutes = (minutes: number): string => `${Math.round(minutes).toLocaleString('en-GB')} min`;

/** The words and badge variant of a state. */
export const STATE_LABELS: Record<ServiceState, { text: string; variant: 'success' | 'caution' | 'danger' | 'note' }> = {
  operational: { text: 'Operational', variant: 'success' },
  degraded: { text: 'Degraded', variant: 'caution' },
  outage: { text: 'Outage', variant: 'danger' },
  maintenance: { text: 'Maintenance', variant: 'note' },
};
