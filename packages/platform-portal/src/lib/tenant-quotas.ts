import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import type { Problem } from './problems.ts';
import { ownValue } from './records.ts';

/**
 * Checks a tenant's quotas against the service catalog: every service and unit must exist and
 * every value must be within the unit's maximum. Used by the site build and by the request types,
 * so a pull request can never propose what the build would refuse.
 */
export function tenantQuotaProblems(
  services: Tenant['services'],
  catalog: ReadonlyMap<string, Service>,
  file?: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const [serviceId, quotas] of Object.entries(services)) {
    const service = catalog.get(serviceId);
    if (!service) {
      problems.push({ file, path: `services.${serviceId}`, message: `unknown service "${serviceId}"; the catalog has ${[...catalog.keys()].join(', ')}` });
      continue;
    }
    for (const [unitId, value] of Object.entries(quotas)) {
      const unit = ownValue(service.quotas, unitId);
      const path = `services.${serviceId}.${unitId}`;
      if (!unit) {
        problems.push({ file, path, message: `${service.name} has no quota unit "${unitId}"; use one of ${Object.keys(service.quotas).join(', ')}` });
      } else if (value > unit.maximum) {
        problems.push({ file, path, message: `${value} is above the maximum ${unit.maximum} ${unit.unit}; ask the ${service.owner} team for an exception` });
      }
    }
  }
  return problems;
}
