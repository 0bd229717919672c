import type { Service } from '../schemas/service.ts';
import type { Tenant } from '../schemas/tenant.ts';
import type { RoadmapItem } from '../schemas/roadmap-item.ts';
import type { ReleaseNote } from '../schemas/release-note.ts';
import type { UsageFile } from '../schemas/usage.ts';
import type { AccessFile } from '../schemas/access.ts';
import type { Person } from '../schemas/person.ts';
import type { Campaign, CampaignState } from '../schemas/campaign.ts';
import type { Incident, Maintenance } from '../schemas/operations.ts';
import type { Goal } from '../schemas/goal.ts';
import type { DocsKind } from '../schemas/docs-page.ts';
import type { Problem } from './problems.ts';
import { tenantQuotaProblems } from './tenant-quotas.ts';
import { ownValue } from './records.ts';
import { accessProblems } from './access-grants.ts';
import { peopleProblems } from './people.ts';
import { campaignProblems } from './campaign-rules.ts';
import { operationsProblems } from './operations.ts';
import { goalProblems } from './goal-rules.ts';
import { connectProblems } from './connect-rules.ts';

export interface Entry<T> {
  id: string;
  file: string;
  data: T;
}

export interface DocsRef {
  id: string;
  file: string;
  kind: DocsKind;
  service?: string | undefined;
}

export interface ContentSet {
  docs: DocsRef[];
  services: Entry<Service>[];
  tenants: Entry<Tenant>[];
  roadmap: Entry<RoadmapItem>[];
  changelog: Entry<ReleaseNote>[];
  usage: Entry<UsageFile>[];
  access: Entry<AccessFile>[];
  people: Entry<Person>[];
  campaigns: Entry<Campaign>[];
  /** Ids `<campaign>/<tenant>`. */
  campaignStates: Entry<CampaignState>[];
  incidents: Entry<Incident>[];
  maintenance: Entry<Maintenance>[];
  /** The platform's goals, content/direction/goals/<id>.md, which roadmap items name. */
  goals: Entry<Goal>[];
  /** GitHub logins who may approve an exemption from a campaign (portal config `campaigns.approvers`). */
  approvers: readonly string[];
  /** Whether the site's tenant schema has a field at a dotted path; given where the schema is at hand. */
  tenantHasField?: ((path: string) => boolean) | undefined;
  /** Areas that are not services, e.g. security (portal config `themes`). */
  themes: readonly string[];
  /** The day the content is checked on, YYYY-MM-DD: grants past their expiry are flagged. */
  today: string;
}

/**
 * Cross-file rules that no single schema can see: docs → catalog, roadmap ↔ changelog (both
 * directions), tenants → catalog, usage and access grants → tenants and catalog, people's emails once each, campaigns → changelog, roadmap, catalog and tenants, roadmap → goals, connect templates → tenant fields. Returns every problem, not just the
 * first; usage that no longer matches a tenant is a warning (see usageProblems).
 */
export function contentProblems(content: ContentSet): Problem[] {
  const problems: Problem[] = [];
  const catalog = new Map(content.services.map((s) => [s.id, s.data]));
  const roadmap = new Map(content.roadmap.map((r) => [r.id, r]));
  const changelog = new Map(content.changelog.map((c) => [c.id, c]));
  const areas = new Set([...catalog.keys(), ...content.themes]);
  const areaHint = `use a service id or a theme from portal.config.ts (${[...areas].join(', ')})`;

  // A page names its service; that alone places it on the service's catalog page.
  for (const doc of content.docs) {
    if (doc.service && !catalog.has(doc.service)) problems.push({ file: doc.file, path: 'service', message: `unknown service "${doc.service}"; ${serviceHint(catalog)}` });
  }

  for (const { id, file, data } of content.tenants) {
    if (data.slug !== id) problems.push({ file, path: 'slug', message: `"${data.slug}" differs from the file name; rename the file to ${data.slug}.yaml or set slug: ${id}` });
    problems.push(...tenantQuotaProblems(data.services, catalog, file));
  }

  for (const { id, file, data } of content.roadmap) {
    if (!areas.has(data.area)) problems.push({ file, path: 'area', message: `unknown area "${data.area}"; ${areaHint}` });
    if (data.shipped_in) {
      const note = changelog.get(data.shipped_in);
      if (!note) problems.push({ file, path: 'shipped_in', message: `no release note "${data.shipped_in}" in content/changelog/` });
      else if (note.data.roadmap.length > 0 && !note.data.roadmap.includes(id))
        problems.push({ file: note.file, path: 'roadmap', message: `content/roadmap/${id}.md says it shipped here; add "${id}"` });
    }
  }

  for (const { id, file, data } of content.changelog) {
    data.areas.forEach((area, i) => {
      if (!areas.has(area)) problems.push({ file, path: `areas[${i}]`, message: `unknown area "${area}"; ${areaHint}` });
    });
    data.roadmap.forEach((itemId, i) => {
      const item = roadmap.get(itemId);
      if (!item) problems.push({ file, path: `roadmap[${i}]`, message: `no roadmap item "${itemId}" in content/roadmap/` });
      else if (item.data.shipped_in !== id)
        problems.push({ file: item.file, path: 'shipped_in', message: `content/changelog/${id} says it ships this item; set status: shipped and shipped_in: ${id}` });
    });
  }
  const tenants = new Map(content.tenants.map((t) => [t.id, t.data]));
  problems.push(...usageProblems(content.usage, tenants, catalog));
  problems.push(...accessProblems(content.access, tenants, catalog, content.today));
  problems.push(...peopleProblems(content.people));
  problems.push(...operationsProblems(content.incidents, content.maintenance, tenants, catalog));
  problems.push(
    ...campaignProblems({
      campaigns: content.campaigns,
      states: content.campaignStates,
      tenants,
      catalog,
      releaseNotes: new Set(changelog.keys()),
      roadmap: new Set(roadmap.keys()),
      tenantHasField: content.tenantHasField,
      approvers: content.approvers,
    }),
  );
  problems.push(...goalProblems(content.goals, content.roadmap));
  problems.push(...connectProblems({ services: content.services, tenants: content.tenants, tenantHasField: content.tenantHasField }));
  return problems;
}

function serviceHint(catalog: ReadonlyMap<string, Service>): string {
  return `use a service id of content/services/ (${[...catalog.keys()].join(', ')})`;
}

/**
 * Usage must belong to a tenant and to a quota unit that tenant has. A usage file is written by the
 * daily export from what Prometheus measured: once a tenant is offboarded, or a quota dropped, its
 * usage is left over until the next export deletes it. That is a warning, and the pages ignore it.
 */
function usageProblems(usage: Entry<UsageFile>[], tenants: ReadonlyMap<string, Tenant>, catalog: ReadonlyMap<string, Service>): Problem[] {
  const problems: Problem[] = [];
  for (const { id, file, data } of usage) {
    if (data.tenant !== id) problems.push({ file, path: 'tenant', message: `"${data.tenant}" differs from the file name; rename the file to ${data.tenant}.json or set tenant: ${id}` });
    const tenant = tenants.get(data.tenant);
    if (!tenant) {
      problems.push({ file, path: 'tenant', severity: 'warning', message: `no tenant "${data.tenant}" in content/tenants/, so this usage is not shown; delete the file (the usage export writes none for it)` });
      continue;
    }
    const seen = new Set<string>();
    data.series.forEach(({ service: serviceId, unit: unitId }, i) => {
      const service = catalog.get(serviceId);
      const key = `${serviceId}.${unitId}`;
      const stale = (path: string, why: string): Problem => ({ file, path, severity: 'warning', message: `${why}, so this series is not shown; the next usage export drops it` });
      if (!service) problems.push(stale(`series[${i}].service`, `unknown service "${serviceId}" (the catalog has ${[...catalog.keys()].join(', ')})`));
      else if (!ownValue(service.quotas, unitId)) problems.push(stale(`series[${i}].unit`, `${service.name} has no quota unit "${unitId}" (it has ${Object.keys(service.quotas).join(', ')})`));
      else if (ownValue(ownValue(tenant.services, serviceId), unitId) === undefined) problems.push(stale(`series[${i}]`, `tenant ${data.tenant} has no ${key} quota in content/tenants/${data.tenant}.yaml`));
      if (seen.has(key)) problems.push({ file, path: `series[${i}]`, message: `${key} appears twice; keep one series per service and unit` });
      seen.add(key);
    });
  }
  return problems;
}
