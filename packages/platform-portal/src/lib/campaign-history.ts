/**
 * A campaign's progress over time, from the commits that changed its state files: after each day
 * with a commit, where the tenants stood as of that day. Pure: the commits come in as data
 * (data/campaign-history.ts reads them from git), the build's own standing as `current`.
 */
import { parse } from 'yaml';
import { CampaignStateSchema, type Campaign, type CampaignState } from '../schemas/campaign.ts';
import { campaignProgress, type CampaignProgress } from './campaigns.ts';

/** One commit's changes to a campaign's state files. */
export interface StateCommit {
  /** Day of the commit (YYYY-MM-DD, UTC). */
  day: string;
  /** The state file of each tenant the commit changed, as text; null where it removed the file. */
  files: ReadonlyMap<string, string | null>;
}

export interface ProgressPoint {
  day: string;
  done: number;
  exempt: number;
  planned: number;
  todo: number;
  overdue: number;
  total: number;
}

const pointOf = (day: string, progress: CampaignProgress): ProgressPoint => ({ day, ...progress.counts, total: progress.total });

/** A state file as it was: one that did not parse then counts as no state, as the tenant's work to do. */
function stateOf(text: string | null): CampaignState | undefined {
  if (text === null) return undefined;
  try {
    const parsed = CampaignStateSchema.safeParse(parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One point per day with a commit, oldest first, then the build's day from `current`. Every point
 * counts the tenants in scope at the build (`tenants`): a tenant that left the scope or the platform
 * since is not counted back in time, one that joined counts as to do before its state file.
 */
export function progressHistory(
  campaign: Pick<Campaign, 'deadline'>,
  tenants: readonly string[],
  commits: readonly StateCommit[],
  current: CampaignProgress,
  today: string,
): ProgressPoint[] {
  const states = new Map<string, CampaignState>();
  const byDay = new Map<string, ProgressPoint>();
  for (const commit of commits) {
    if (commit.day >= today) break;
    for (const [tenant, text] of commit.files) {
      const state = stateOf(text);
      if (state) states.set(tenant, state);
      else states.delete(tenant);
    }
    byDay.set(commit.day, pointOf(commit.day, campaignProgress(campaign, tenants, states, commit.day)));
  }
  return [...[...byDay.values()].sort((a, b) => a.day.localeCompare(b.day)), pointOf(today, current)];
}
