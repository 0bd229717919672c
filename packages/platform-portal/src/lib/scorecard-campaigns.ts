/**
 * The scorecard's campaign figures: completion and on-time rate per campaign and over all of
 * them, from the same progress the campaign pages show (data/campaigns.ts), each count linked to
 * the rows of the campaign's table it counts. Pure.
 */
import type { CampaignProgress } from './campaigns.ts';
import { CAMPAIGN_FILTERS, CAMPAIGNS_PATH, campaignHref, figureHref, wholePercent } from './campaign-figures.ts';
import type { CampaignsFigures } from '../schemas/scorecard.ts';

export interface CampaignInput {
  id: string;
  title: string;
  open: boolean;
  /** YYYY-MM-DD. */
  deadline: string;
  progress: CampaignProgress;
}

export function campaignsFigures(campaigns: readonly CampaignInput[]): CampaignsFigures {
  const sum = (of: (p: CampaignProgress) => number) => campaigns.reduce((n, c) => n + of(c.progress), 0);
  const total = sum((p) => p.total);
  const done = sum((p) => p.counts.done);
  const onTime = sum((p) => p.tenants.filter((t) => t.onTime).length);
  return {
    definition:
      'Per campaign, the tenants in its scope as of the build: complete counts those done or exempt (an expired exemption ' +
      'counts as to do), on time those done by the deadline, of those done. Overall counts every tenant of every campaign, ' +
      'open and finished, once per campaign.',
    campaigns: { count: campaigns.length, href: CAMPAIGNS_PATH },
    open: campaigns.filter((c) => c.open).length,
    completion_percent: total === 0 ? null : wholePercent(sum((p) => p.counts.done + p.counts.exempt) / total),
    on_time_percent: done === 0 ? null : wholePercent(onTime / done),
    by_campaign: campaigns.map(({ id, title, open, deadline, progress }) => ({
      id,
      title,
      href: campaignHref(id),
      open,
      deadline,
      tenants: { count: progress.total, href: figureHref(id, 'all') },
      ...(Object.fromEntries(CAMPAIGN_FILTERS.map((f) => [f, { count: progress.counts[f], href: figureHref(id, f) }])) as Record<(typeof CAMPAIGN_FILTERS)[number], { count: number; href: string }>),
      completion_percent: wholePercent(progress.completion)!,
      on_time_percent: wholePercent(progress.onTimeRate),
    })),
  };
}
