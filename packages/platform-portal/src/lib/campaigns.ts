/**
 * Where each tenant stands in a campaign, and the campaign's progress: one function that every
 * page, the scorecard and its JSON take their figures from, so that they agree.
 */
import type { Campaign, CampaignScope, CampaignState } from '../schemas/campaign.ts';
import { isoDay } from './dates.ts';

/** What the tenant has left: `todo` also when its exemption has expired. */
export type CampaignStatus = 'done' | 'planned' | 'exempt' | 'todo';

export interface TenantStanding {
  tenant: string;
  status: CampaignStatus;
  /** Past the deadline with the work not done (to do or planned). */
  overdue: boolean;
  /** The state file as written, when there is one. */
  state?: CampaignState | undefined;
  /** The exemption ran out: the tenant has its work to do again. */
  exemptionExpired: boolean;
  /** Done on or before the deadline. */
  onTime: boolean;
}

export interface CampaignProgress {
  tenants: TenantStanding[];
  counts: Record<CampaignStatus | 'overdue', number>;
  /** Tenants in scope. */
  total: number;
  /** Done or exempt, of all in scope, 0 to 1; 1 for a campaign with no tenant in scope. */
  completion: number;
  /** Of the tenants done, those done by the deadline, 0 to 1; undefined while none is done. */
  onTimeRate: number | undefined;
}

/** A value of the tenant's data at a dotted path, own keys only; undefined when it is not there. */
export function valueAt(data: unknown, path: string): unknown {
  let at: unknown = data;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * Whether a tenant is in the campaign's scope: it uses the service and, with `where`, its field
 * holds one of the values, or it is done. A tenant that is done has usually moved off the value
 * (PostgreSQL 14 to 16): its done state keeps it in the campaign it finished.
 */
export function inScope(scope: CampaignScope, tenant: { services: Record<string, unknown> }, state?: Pick<CampaignState, 'state'>): boolean {
  if (!Object.hasOwn(tenant.services, scope.service)) return false;
  if (!scope.where || state?.state === 'done') return true;
  const value = valueAt(tenant, scope.where.field);
  return scope.where.in.some((wanted) => wanted === value);
}

function standing(tenant: string, state: CampaignState | undefined, deadline: string, today: string): TenantStanding {
  const exemptionExpired = state?.state === 'exempt' && isoDay(state.exemption.expires) < today;
  const status: CampaignStatus = !state || exemptionExpired ? 'todo' : state.state;
  const done = state?.state === 'done' ? isoDay(state.date) : undefined;
  return {
    tenant,
    status,
    overdue: (status === 'todo' || status === 'planned') && today > deadline,
    state,
    exemptionExpired,
    onTime: done !== undefined && done <= deadline,
  };
}

/**
 * The campaign's progress as of `today` (YYYY-MM-DD), over `tenants` in its scope (by slug) and
 * their state files (by slug; a tenant without one has its work to do).
 */
export function campaignProgress(campaign: Pick<Campaign, 'deadline'>, tenants: readonly string[], states: ReadonlyMap<string, CampaignState>, today: string): CampaignProgress {
  const deadline = isoDay(campaign.deadline);
  const standings = [...tenants].sort().map((tenant) => standing(tenant, states.get(tenant), deadline, today));
  const counts = { done: 0, planned: 0, exempt: 0, todo: 0, overdue: 0 };
  for (const s of standings) {
    counts[s.status] += 1;
    if (s.overdue) counts.overdue += 1;
  }
  const total = standings.length;
  return {
    tenants: standings,
    counts,
    total,
    completion: total === 0 ? 1 : (counts.done + counts.exempt) / total,
    onTimeRate: counts.done === 0 ? undefined : standings.filter((s) => s.onTime).length / counts.done,
  };
}

/** Open until the platform team sets `finished`. */
export const isOpen = (campaign: Pick<Campaign, 'finished'>): boolean => campaign.finished === undefined;
