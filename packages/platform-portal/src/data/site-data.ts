import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import { contentProblems } from '../lib/content-integrity.ts';
import { isoDay } from '../lib/dates.ts';
import { compareGoals } from '../lib/goals.ts';
import { formatProblems, isWarning, type Problem } from '../lib/problems.ts';
import { lostTextProblems, yamlOf } from '../lib/yaml-lost-text.ts';
import portal from 'virtual:platform-portal/config';

export interface SiteData {
  docs: CollectionEntry<'docs'>[];
  services: CollectionEntry<'services'>[];
  tenants: CollectionEntry<'tenants'>[];
  roadmap: CollectionEntry<'roadmap'>[];
  /** Newest first. */
  changelog: CollectionEntry<'changelog'>[];
  /** Usage per tenant, by tenant slug. */
  usage: Map<string, CollectionEntry<'usage'>>;
  /** Merged feedback, oldest first. */
  feedback: CollectionEntry<'feedback'>[];
  /** Access grants per tenant, by tenant slug. */
  access: Map<string, CollectionEntry<'access'>>;
  /** The directory of people, by GitHub login. */
  people: CollectionEntry<'people'>[];
  campaigns: CollectionEntry<'campaigns'>[];
  /** Tenants' states in campaigns, ids `<campaign>/<tenant>`. */
  campaignStates: CollectionEntry<'campaignStates'>[];
  /** Newest first. */
  incidents: CollectionEntry<'incidents'>[];
  /** Soonest first. */
  maintenance: CollectionEntry<'maintenance'>[];
  /** content/direction/mission.md, when the site has written one. */
  mission: CollectionEntry<'mission'> | undefined;
  /** Active first, then achieved, then dropped (lib/goals.ts). */
  goals: CollectionEntry<'goals'>[];
}

async function load(): Promise<SiteData> {
  const [docs, services, tenants, roadmap, changelog, usage, feedback, access, people, campaigns, campaignStates, mission, goals, incidents, maintenance] = await Promise.all([
    getCollection('docs'),
    getCollection('services'),
    getCollection('tenants'),
    getCollection('roadmap'),
    getCollection('changelog'),
    getCollection('usage'),
    getCollection('feedback'),
    getCollection('access'),
    getCollection('people'),
    getCollection('campaigns'),
    getCollection('campaignStates'),
    getCollection('mission'),
    getCollection('goals'),
    getCollection('incidents'),
    getCollection('maintenance'),
  ]);
  const file = (e: { filePath?: string | undefined; id: string }) => e.filePath ?? e.id;
  // Each entry as the rules across files read it: its id, its file and its data.
  const entries = <T>(list: readonly { id: string; filePath?: string | undefined; data: T }[]) => list.map((e) => ({ id: e.id, file: file(e), data: e.data }));
  const problems = contentProblems({
    docs: docs.map((d) => ({ id: d.id, file: file(d), kind: d.data.kind, service: d.data.service })),
    services: entries(services),
    tenants: entries(tenants),
    roadmap: entries(roadmap),
    changelog: entries(changelog),
    usage: entries(usage),
    access: entries(access),
    people: entries(people),
    campaigns: entries(campaigns),
    campaignStates: entries(campaignStates),
    goals: entries(goals),
    incidents: entries(incidents),
    maintenance: entries(maintenance),
    approvers: portal.campaigns.approvers,
    themes: portal.themes,
    today: isoDay(new Date()),
  });
  // Hand-written files only: the requests API and the usage exporter write theirs with a serializer.
  problems.push(...[...docs, ...services, ...tenants, ...roadmap, ...changelog, ...access, ...people, ...campaigns, ...campaignStates, ...mission, ...goals, ...incidents, ...maintenance].flatMap((e) => lostTextIn(file(e))));
  // Builds check the content before they start (integration/content-check.ts); this is for `astro dev`,
  // where an edit made since shows on the page. Warnings were said then, and stop nothing.
  const errors = problems.filter((p) => !isWarning(p));
  if (errors.length > 0) throw new Error(formatProblems(`The content has ${errors.length} problem(s):`, errors));
  return {
    docs,
    services: services.sort((a, b) => a.data.name.localeCompare(b.data.name)),
    tenants: tenants.sort((a, b) => a.data.name.localeCompare(b.data.name)),
    roadmap,
    changelog: changelog.sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id)),
    usage: new Map(usage.map((u) => [u.id, u])),
    feedback: feedback.sort((a, b) => a.data.submitted.getTime() - b.data.submitted.getTime() || a.id.localeCompare(b.id)),
    access: new Map(access.map((a) => [a.id, a])),
    people,
    campaigns: campaigns.sort((a, b) => a.data.deadline.getTime() - b.data.deadline.getTime() || a.id.localeCompare(b.id)),
    campaignStates,
    mission: mission[0],
    goals: goals.sort((a, b) => compareGoals(a.data, b.data) || a.id.localeCompare(b.id)),
    incidents: incidents.sort((a, b) => b.data.started.getTime() - a.data.started.getTime() || a.id.localeCompare(b.id)),
    maintenance: maintenance.sort((a, b) => a.data.starts.getTime() - b.data.starts.getTime() || a.id.localeCompare(b.id)),
  };
}

function lostTextIn(file: string): Problem[] {
  const yaml = yamlOf(readFileSync(path.resolve(file), 'utf-8'), file);
  return yaml === undefined ? [] : lostTextProblems(yaml, file);
}

let cached: Promise<SiteData> | undefined;

/** All content, checked across files; loaded once per production build. */
export function getSiteData(): Promise<SiteData> {
  if (!import.meta.env.PROD) return load();
  cached ??= load();
  return cached;
}

/** One page per tenant, `/tenants/<slug>/…`: the static paths of every route under a tenant. */
export async function tenantPaths() {
  const data = await getSiteData();
  return data.tenants.map((tenant) => ({ params: { slug: tenant.id }, props: { tenant } }));
}

/**
 * The guides or runbooks of a service: the pages whose frontmatter names it, in the order of the
 * sidebar (its `order`, then the title).
 */
export function docsOfService(data: SiteData, serviceId: string, kind: 'guide' | 'runbook'): CollectionEntry<'docs'>[] {
  return data.docs
    .filter((d) => d.data.kind === kind && d.data.service === serviceId)
    .sort((a, b) => (a.data.sidebar.order ?? Infinity) - (b.data.sidebar.order ?? Infinity) || a.data.title.localeCompare(b.data.title));
}

/** Display name of a roadmap or changelog area: the service's name, or the theme in words. */
export function areaLabel(data: SiteData, area: string): string {
  const service = data.services.find((s) => s.id === area);
  if (service) return service.data.name;
  const words = area.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Every area that has roadmap items or release notes, services first. */
export function usedAreas(data: SiteData): string[] {
  const used = new Set([...data.roadmap.map((r) => r.data.area), ...data.changelog.flatMap((c) => c.data.areas)]);
  const services = data.services.map((s) => s.id).filter((id) => used.has(id));
  return [...services, ...[...used].filter((a) => !services.includes(a)).sort()];
}
