/**
 * The rules a tenant's access grants keep across files: the tenant exists and uses the service,
 * the service lets people ask for access and has the role, and a grant lasts no longer than the
 * service allows. A grant past its expiry is a warning: time made it so, not an edit, and the
 * access workflow's pull request removes it.
 */
import { granteeOf, isExpired, type AccessFile, type AccessGrant } from '../schemas/access.ts';
import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import type { Problem } from './problems.ts';
import { ownValue } from './records.ts';
import { isoDay } from './dates.ts';

interface AccessEntry {
  id: string;
  file: string;
  data: AccessFile;
}

const DAY_MS = 86_400_000;

/** Days a grant lasts, its first and last day counted. */
export const grantDays = (grant: Pick<AccessGrant, 'granted' | 'expires'>): number => Math.round((grant.expires.getTime() - grant.granted.getTime()) / DAY_MS) + 1;

function grantProblems(grant: AccessGrant, at: string, tenantId: string, tenant: Tenant, catalog: ReadonlyMap<string, Service>, today: string): Omit<Problem, 'file'>[] {
  const service = catalog.get(grant.service);
  if (!service) return [{ path: `${at}.service`, message: `unknown service "${grant.service}"; use a service id of content/services/ (${[...catalog.keys()].join(', ')})` }];
  if (!ownValue(tenant.services, grant.service)) {
    return [{ path: `${at}.service`, message: `tenant ${tenantId} does not use ${service.name}; grant access to a service in its services, or remove the grant` }];
  }
  if (!service.access) {
    return [{ path: `${at}.service`, message: `${service.name} grants no access on request: its catalog file has no access section; add one, or remove the grant` }];
  }
  const problems: Omit<Problem, 'file'>[] = [];
  if (!ownValue(service.access.roles, grant.role)) {
    problems.push({ path: `${at}.role`, message: `${service.name} has no access role "${grant.role}"; use one of ${Object.keys(service.access.roles).join(', ')}` });
  }
  const days = grantDays(grant);
  if (days > service.access.max_days) {
    problems.push({ path: `${at}.expires`, message: `the grant lasts ${days} days, longer than the ${service.access.max_days} ${service.name} allows; set expires at most ${service.access.max_days} days after granted` });
  }
  if (isExpired(grant, today)) {
    const last = isoDay(grant.expires);
    problems.push({ path: `${at}.expires`, severity: 'warning', message: `the access of ${granteeOf(grant)} expired on ${last}; the access workflow's pull request removes it, or delete the grant` });
  }
  return problems;
}

/** Every problem of the access files, errors and warnings, as of `today` (YYYY-MM-DD). */
export function accessProblems(access: readonly AccessEntry[], tenants: ReadonlyMap<string, Tenant>, catalog: ReadonlyMap<string, Service>, today: string): Problem[] {
  const problems: Problem[] = [];
  for (const { id, file, data } of access) {
    if (data.tenant !== id) problems.push({ file, path: 'tenant', message: `"${data.tenant}" differs from the file name; rename the file to ${data.tenant}.yaml or set tenant: ${id}` });
    const tenant = tenants.get(data.tenant);
    if (!tenant) {
      problems.push({ file, path: 'tenant', message: `no tenant "${data.tenant}" in content/tenants/; delete the file, or onboard the tenant first` });
      continue;
    }
    data.grants.forEach((grant, i) => problems.push(...grantProblems(grant, `grants[${i}]`, data.tenant, tenant, catalog, today).map((p) => ({ file, ...p }))));
  }
  return problems;
}
