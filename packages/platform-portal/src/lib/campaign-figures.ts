/**
 * Where a campaign's figures lead and how they are written. The campaign pages, the tenant pages,
 * the release notes, the home page and the scorecard take their links and percentages from here,
 * so a figure reads and links the same wherever it shows. Pure.
 */
import type { CampaignStatus, TenantStanding } from './campaigns.ts';

export const CAMPAIGNS_PATH = '/campaigns/';

/** The rows of a campaign's tenant table a figure counts. */
export type CampaignFilter = CampaignStatus | 'overdue';

/** In the order the figures are written. */
export const CAMPAIGN_FILTERS: readonly CampaignFilter[] = ['done', 'planned', 'exempt', 'todo', 'overdue'];

export const FILTER_LABELS: Record<CampaignFilter, string> = { done: 'Done', planned: 'Planned', exempt: 'Exempt', todo: 'To do', overdue: 'Overdue' };

export const campaignHref = (campaign: string) => `${CAMPAIGNS_PATH}${campaign}/`;

/**
 * The anchor that shows only the rows a figure counts: the campaign page hides the other rows of
 * its table while the anchor is the page's target (CSS `:target`, no script); `all` shows every row.
 */
export const filterAnchor = (filter: CampaignFilter | 'all') => (filter === 'all' ? 'tenants' : `tenants-${filter}`);

export const figureHref = (campaign: string, filter: CampaignFilter | 'all') => `${campaignHref(campaign)}#${filterAnchor(filter)}`;

/** A tenant's row in the campaign's table. */
export const tenantRowAnchor = (tenant: string) => `tenant-${tenant}`;

/** The classes of a tenant's row that the filters select on: its status, and overdue. */
export const rowClasses = (standing: Pick<TenantStanding, 'status' | 'overdue'>) => [`is-${standing.status}`, ...(standing.overdue ? ['is-overdue'] : [])];

/** A share of 0 to 1 as a whole percentage; null for a share there is none of (on time while nobody is done). */
export const wholePercent = (share: number | undefined): number | null => (share === undefined ? null : Math.round(share * 100));

/** `60%`, or the words for a share there is none of. */
export const percentText = (share: number | undefined, none = 'none done yet') => {
  const percent = wholePercent(share);
  return percent === null ? none : `${percent}%`;
};

/** What a tenant's status is called in a sentence: "to do", "planned". */
export const STATUS_WORDS: Record<CampaignStatus, string> = { done: 'done', planned: 'planned', exempt: 'exempt', todo: 'to do' };
