/**
 * Who an incident or a maintenance window concerns, and the rules their files keep across files:
 * the services are in the catalog, the tenants exist and use one of the services, and the updates
 * of an incident fall between its start and its end.
 */
import type { Incident, Maintenance } from '../schemas/operations.ts';
import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import type { Problem } from './problems.ts';

type Scoped = Pick<Incident | Maintenance, 'services' | 'tenants' | 'environments'>;

/** Whether it concerns the tenant: the tenant uses one of its services, is among its tenants when it names some, and runs in one of its environments. */
export function concernsTenant(item: Scoped, tenant: { slug: string; services: Record<string, unknown>; environments: readonly string[] }): boolean {
  if (!item.services.some((service) => Object.hasOwn(tenant.services, service))) return false;
  if (item.tenants && !item.tenants.includes(tenant.slug)) return false;
  return !item.environments || item.environments.some((environment) => tenant.environments.includes(environment));
}

interface Entry<T> {
  id: string;
  file: string;
  data: T;
}

function scopeProblems({ file, data }: Entry<Scoped>, tenants: ReadonlyMap<string, Tenant>, catalog: ReadonlyMap<string, Service>): Problem[] {
  const problems: Problem[] = [];
  data.services.forEach((service, i) => {
    if (!catalog.has(service)) problems.push({ file, path: `services[${i}]`, message: `unknown service "${service}"; use a service id of content/services/ (${[...catalog.keys()].join(', ')})` });
  });
  data.tenants?.forEach((slug, i) => {
    const tenant = tenants.get(slug);
    if (!tenant) problems.push({ file, path: `tenants[${i}]`, message: `no tenant "${slug}" in content/tenants/` });
    else if (!data.services.some((service) => Object.hasOwn(tenant.services, service))) problems.push({ file, path: `tenants[${i}]`, message: `tenant ${slug} uses none of ${data.services.join(', ')}; leave it out` });
  });
  return problems;
}

export function operationsProblems(incidents: readonly Entry<Incident>[], maintenance: readonly Entry<Maintenance>[], tenants: ReadonlyMap<string, Tenant>, catalog: ReadonlyMap<string, Service>): Problem[] {
  const problems: Problem[] = [];
  for (const incident of incidents) {
    problems.push(...scopeProblems(incident, tenants, catalog));
    const { started, resolved, updates } = incident.data;
    updates.forEach((update, i) => {
      if (update.at < started || (resolved && update.at.getTime() > resolved.getTime() + 7 * 86_400_000)) {
        problems.push({ file: incident.file, path: `updates[${i}].at`, message: 'the update is dated before the incident started, or more than a week after it was resolved; check its time' });
      }
    });
  }
  for (const window of maintenance) problems.push(...scopeProblems(window, tenants, catalog));
  return problems;
}
