/**
 * Every campaign as the pages show it: the tenants in its scope, where each stands and the
 * progress, as of the build's day. The campaign pages, the tenant pages, the release notes, the
 * home and insights pages and the scorecard all take their figures from here, so they agree.
 */
import type { CollectionEntry } from 'astro:content';
import { getSiteData, type SiteData } from './site-data.ts';
import { campaignProgress, inScope, isOpen, type CampaignProgress } from '../lib/campaigns.ts';
import { campaignHref } from '../lib/campaign-figures.ts';
import { isoDay } from '../lib/dates.ts';
import type { Campaign, CampaignState } from '../schemas/campaign.ts';

interface Link {
  id: string;
  title: string;
  href: string;
}

export interface CampaignView {
  id: string;
  href: string;
  data: Campaign;
  /** The file, from the site's root. */
  file: string;
  open: boolean;
  releaseNote: Link;
  roadmap: Link | undefined;
  service: { id: string; name: string };
  /** Names of the tenants in scope, by slug. */
  tenantNames: ReadonlyMap<string, string>;
  /** The state files, by tenant slug. */
  states: ReadonlyMap<string, CampaignState>;
  progress: CampaignProgress;
}

export interface Campaigns {
  /** The day the figures are as of (YYYY-MM-DD, UTC): the build's. */
  today: string;
  /** By deadline, as the site data sorts them. */
  all: CampaignView[];
}

function view(entry: CollectionEntry<'campaigns'>, data: SiteData, today: string): CampaignView {
  const c = entry.data;
  const states = new Map(data.campaignStates.flatMap((s) => (s.id.startsWith(`${entry.id}/`) ? [[s.id.slice(entry.id.length + 1), s.data] as const] : [])));
  const tenants = data.tenants.filter((t) => inScope(c.scope, t.data, states.get(t.id)));
  // The build checks that the note, the item and the service exist (lib/campaign-rules.ts).
  const note = data.changelog.find((n) => n.id === c.release_note)!;
  const item = c.roadmap === undefined ? undefined : data.roadmap.find((r) => r.id === c.roadmap);
  return {
    id: entry.id,
    href: campaignHref(entry.id),
    data: c,
    file: entry.filePath ?? `content/campaigns/${entry.id}.yaml`,
    open: isOpen(c),
    releaseNote: { id: note.id, title: note.data.title, href: `/changelog/${note.id}/` },
    roadmap: item && { id: item.id, title: item.data.title, href: `/roadmap/${item.id}/` },
    service: { id: c.scope.service, name: data.services.find((s) => s.id === c.scope.service)?.data.name ?? c.scope.service },
    tenantNames: new Map(tenants.map((t) => [t.id, t.data.name])),
    states,
    progress: campaignProgress(c, tenants.map((t) => t.id), states, today),
  };
}

async function load(): Promise<Campaigns> {
  const data = await getSiteData();
  const today = isoDay(new Date());
  return { today, all: data.campaigns.map((entry) => view(entry, data, today)) };
}

let cached: Promise<Campaigns> | undefined;

/** Computed once per production build, so that every page counts as of the same day. */
export function getCampaigns(): Promise<Campaigns> {
  if (!import.meta.env.PROD) return load();
  cached ??= load();
  return cached;
}
