/**
 * The rules connect templates keep across files: every placeholder of every template is one the
 * syntax knows, a `{{tenant.<field>}}` names a field of the site's tenant schema (and a quota unit
 * the catalog has), and every tenant that uses the service has a value for each field the template
 * needs, in each of its environments. A tenant's page is never built with a hole in it.
 */
import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import type { Connect } from '../schemas/connect.ts';
import { ADDRESS_ONLY, placeholdersIn, renderConnect, templatesOf, usableIn, type ConnectGap, type Found, type Template } from './connect.ts';
import type { Problem } from './problems.ts';
import { ownValue } from './records.ts';

interface Entry<T> {
  id: string;
  file: string;
  data: T;
}

export interface ConnectContent {
  services: readonly Entry<Service>[];
  tenants: readonly Entry<Tenant>[];
  /** Whether the site's tenant schema has the field at a dotted path; absent where the schema is not at hand (the check with the schema runs first). */
  tenantHasField?: ((path: string) => boolean) | undefined;
}

const FIELD_HINT = "name a field of the tenant files, e.g. {{tenant.slug}}, or add the field to the site's tenants in src/content.config.ts";

/** What is wrong with one placeholder of a template on its own, if anything: against the syntax, the endpoints, the tenant schema and the catalog. */
function placeholderProblem({ raw, placeholder, problem }: Found, template: Template, connect: Connect, content: ConnectContent, catalog: ReadonlyMap<string, Service>): string | undefined {
  if (!placeholder) return problem;
  if (!usableIn(placeholder, template.use)) return `${raw} ${ADDRESS_ONLY}`;
  if (placeholder.kind === 'endpoint' && placeholder.id !== undefined && !ownValue(connect.endpoints, placeholder.id)) {
    return `${raw} names no endpoint; connect.endpoints has ${Object.keys(connect.endpoints).join(', ')}`;
  }
  if (placeholder.kind !== 'tenant' || placeholder.path.length === 0) return undefined;
  if (content.tenantHasField && !content.tenantHasField(placeholder.path.join('.'))) return `${raw} is not a field of the tenant files; ${FIELD_HINT}`;
  const [first, serviceId, unit] = placeholder.path;
  if (first !== 'services' || serviceId === undefined) return undefined;
  const service = catalog.get(serviceId);
  if (!service) return `${raw} names the service "${serviceId}", which is not in the catalog (${[...catalog.keys()].join(', ')})`;
  if (unit !== undefined && !ownValue(service.quotas, unit)) return `${raw} names the quota unit "${unit}", which ${service.name} does not have (it has ${Object.keys(service.quotas).join(', ')})`;
  return undefined;
}

/** Problems of one service's templates on their own, each said once per template. */
function templateProblems({ file, data }: Entry<Service>, content: ConnectContent, catalog: ReadonlyMap<string, Service>): Problem[] {
  const connect = data.connect!;
  return templatesOf(connect).flatMap((template) => {
    const messages = placeholdersIn(template.text).map((found) => placeholderProblem(found, template, connect, content, catalog));
    return [...new Set(messages)].flatMap((message) => (message === undefined ? [] : [{ file, path: template.path, message }]));
  });
}

/** A gap of one tenant's page, said on the tenant's file when its field is to blame, else on the service's. */
function gapProblem(gap: ConnectGap, service: Entry<Service>, tenant: Entry<Tenant>): Problem {
  const uses = `${service.file} uses ${gap.placeholder} in ${gap.template} of the tenant's ${service.data.name} connect page`;
  switch (gap.reason) {
    case 'missing':
      return { file: tenant.file, path: gap.field!, message: `${uses}, and this file has no ${gap.field}; add it, or take the placeholder out of the template` };
    case 'composite':
    case 'unsafe':
      return { file: tenant.file, path: gap.field!, message: `${uses}: ${gap.message}; use another field in the template` };
    default:
      return { file: service.file, path: gap.template, message: gap.message };
  }
}

export function connectProblems(content: ConnectContent): Problem[] {
  const catalog = new Map(content.services.map((s) => [s.id, s.data]));
  const problems: Problem[] = [];
  for (const service of content.services) {
    if (!service.data.connect) continue;
    const found = templateProblems(service, content, catalog);
    problems.push(...found);
    // Each tenant's pages would only repeat a problem of the template.
    if (found.length > 0) continue;
    for (const tenant of content.tenants) {
      if (ownValue(tenant.data.services, service.id) === undefined) continue;
      const said = new Set<string>();
      for (const environment of tenant.data.environments) {
        for (const gap of renderConnect(service.data.connect, tenant.data, environment).gaps) {
          const problem = gapProblem(gap, service, tenant);
          const key = `${problem.file}\u0000${problem.path}\u0000${problem.message}`;
          if (!said.has(key)) problems.push(problem);
          said.add(key);
        }
      }
    }
  }
  return problems;
}
