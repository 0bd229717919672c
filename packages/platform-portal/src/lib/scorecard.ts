/**
 * Every figure of the platform scorecard, from plain inputs: the page /insights/scorecard/ and
 * /insights/scorecard.json both render what this returns, so they cannot disagree. Pure: the
 * content and the request pull requests come in as data, the build time as `now`.
 */
import { isoDay, isoQuarter } from './dates.ts';
import { hrefOfId } from './navigation.ts';
import { reviewStaleness } from './staleness.ts';
import { requestsFigures, requestWindowStart, type RequestsInput } from './scorecard-requests.ts';
import type { DocsHealthFigures, FeedbackFigures, GoalDelivery, RoadmapFigures, Scorecard, TenantsFigures } from '../schemas/scorecard.ts';
import { goalHref } from './goals.ts';
import { MAINTENANCE } from '../schemas/goal.ts';
import { feedbackArea } from './feedback-stats.ts';
import { campaignsFigures, type CampaignInput } from './scorecard-campaigns.ts';

export const SCORECARD_PATH = '/insights/scorecard/';
export const FEEDBACK_PATH = '/insights/feedback/';

export interface ScorecardInput {
  now: Date;
  tenants: { slug: string; name: string; onboarded: Date }[];
  /** Runbooks by docs id (`runbooks/kafka-consumer-lag`). */
  runbooks: { id: string; title: string; lastReviewed: Date }[];
  reviewAgeDays: number;
  roadmap: { id: string; title: string; status: string; shippedIn?: string | undefined; goal?: string | undefined }[];
  /** The site's goals in the order of the direction page; none when it has no goals, and the scorecard has no figures per goal. */
  goals: { id: string; title: string }[];
  changelog: { id: string; title: string; date: Date }[];
  /** Merged feedback; undefined when the site takes no feedback and has none, so the scorecard has no feedback figures. */
  feedback: { area?: string | undefined; page?: string | undefined; rating: number }[] | undefined;
  /** Service of each docs page that names one, by its path (`/runbooks/kafka-consumer-lag/`). */
  pageServices: Map<string, string>;
  /** Display name of a service or theme id. */
  areaLabel: (area: string) => string;
  requests: Omit<RequestsInput, 'now'>;
  /** Every campaign with its progress as the campaign pages show it (data/campaigns.ts). */
  campaigns: CampaignInput[];
}

const twoDecimals = (n: number) => Math.round(n * 100) / 100;
const mean = (values: number[]) => (values.length === 0 ? null : twoDecimals(values.reduce((a, b) => a + b, 0) / values.length));

/** Every quarter from `first` to `last`, both included: `2025-Q4`, `2026-Q1`, ... */
export function quarterRange(first: string, last: string): string[] {
  const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const quarters: string[] = [];
  for (let i = index(first); i <= index(last); i++) quarters.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return quarters;
}

/** Buckets dated things by quarter, from the first one's quarter to the build's (or the last one's, if later). */
function byQuarter<T>(things: T[], dateOf: (t: T) => Date, now: Date): { quarter: string; things: T[] }[] {
  if (things.length === 0) return [];
  const quarters = things.map((t) => isoQuarter(dateOf(t))).sort();
  const last = [quarters.at(-1)!, isoQuarter(now)].sort().at(-1)!;
  return quarterRange(quarters[0]!, last).map((quarter) => ({
    quarter,
    things: things.filter((t) => isoQuarter(dateOf(t)) === quarter).sort((a, b) => dateOf(a).getTime() - dateOf(b).getTime()),
  }));
}

function tenantsFigures(input: ScorecardInput): TenantsFigures {
  let cumulative = 0;
  return {
    definition:
      'Tenant files in content/tenants/, counted in the calendar quarter (UTC) of their onboarded date; cumulative is the ' +
      'running total. A tenant whose file was removed no longer counts.',
    total: { count: input.tenants.length, href: '/tenants/' },
    by_quarter: byQuarter(input.tenants, (t) => t.onboarded, input.now).map(({ quarter, things }) => ({
      quarter,
      onboarded: things.length,
      cumulative: (cumulative += things.length),
      tenants: things.map((t) => ({ slug: t.slug, name: t.name, onboarded: isoDay(t.onboarded), href: `/tenants/${t.slug}/` })),
    })),
  };
}

function feedbackFigures(input: ScorecardInput, feedback: NonNullable<ScorecardInput['feedback']>): FeedbackFigures {
  const groups = new Map<string | null, number[]>();
  for (const entry of feedback) {
    const area = feedbackArea(entry, (path) => input.pageServices.get(path)) ?? null;
    groups.set(area, [...(groups.get(area) ?? []), entry.rating]);
  }
  const byArea = [...groups].map(([area, ratings]) => ({
    area,
    label: area === null ? 'No area' : input.areaLabel(area),
    count: ratings.length,
    average_rating: mean(ratings)!,
  }));
  return {
    definition:
      'Feedback files merged into content/feedback/, by the area (service or theme) they name, or else by the service of ' +
      'the docs page they are about; the average is the mean of their 1–5 ratings.',
    href: FEEDBACK_PATH,
    count: feedback.length,
    average_rating: mean(feedback.map((f) => f.rating)),
    by_area: byArea.sort((a, b) => b.count - a.count || (a.area === null ? 1 : 0) - (b.area === null ? 1 : 0) || a.label.localeCompare(b.label)),
  };
}

/** Day ranges for runbook ages: up to six of equal width up to the review age, then one open-ended for the stale. */
export function reviewAgeRanges(reviewAgeDays: number): { min: number; max: number | null }[] {
  const width = Math.ceil(reviewAgeDays / 6);
  const ranges = [{ min: 0, max: Math.min(width, reviewAgeDays) }];
  while (ranges.at(-1)!.max < reviewAgeDays) {
    const min = ranges.at(-1)!.max + 1;
    ranges.push({ min, max: Math.min(min + width - 1, reviewAgeDays) });
  }
  return [...ranges, { min: reviewAgeDays + 1, max: null }];
}

const rangeLabel = ({ min, max }: { min: number; max: number | null }) =>
  max === null ? `over ${min - 1} days (stale)` : min === max ? `${min} days` : `${min}–${max} days`;

function docsHealthFigures(input: ScorecardInput): DocsHealthFigures {
  const runbooks = input.runbooks
    .map((r) => {
      const { ageDays, stale } = reviewStaleness(r.lastReviewed, input.now, input.reviewAgeDays);
      return { id: r.id, title: r.title, href: hrefOfId(r.id), last_reviewed: isoDay(r.lastReviewed), age_days: ageDays, stale };
    })
    .sort((a, b) => b.age_days - a.age_days || a.title.localeCompare(b.title));
  const reviewed = runbooks.filter((r) => !r.stale).length;
  return {
    definition:
      `Runbooks in content/docs/runbooks/ whose last_reviewed date is at most ${input.reviewAgeDays} days ` +
      '(runbooks.reviewAgeDays in portal.config.ts) before the build, as a share of all runbooks; the others are stale.',
    review_age_days: input.reviewAgeDays,
    runbooks: { count: runbooks.length, href: '/runbooks/' },
    reviewed,
    reviewed_percent: runbooks.length === 0 ? null : Math.round((reviewed / runbooks.length) * 100),
    stale: { count: runbooks.length - reviewed, href: `${SCORECARD_PATH}#stale-runbooks` },
    by_review_age: reviewAgeRanges(input.reviewAgeDays).map((range) => {
      const inRange = runbooks.filter((r) => r.age_days >= range.min && (range.max === null || r.age_days <= range.max));
      return {
        label: rangeLabel(range),
        min_days: range.min,
        max_days: range.max,
        stale: range.max === null,
        count: inRange.length,
        runbooks: inRange.map(({ id, title, href }) => ({ id, title, href })),
      };
    }),
    by_age: runbooks,
  };
}

function roadmapFigures(input: ScorecardInput): RoadmapFigures {
  const notes = new Map(input.changelog.map((n) => [n.id, n]));
  const shipped = input.roadmap
    .filter((item) => item.status === 'shipped')
    .map((item) => {
      const note = notes.get(item.shippedIn ?? '');
      if (!note) throw new Error(`content/roadmap/${item.id}.md → shipped_in: no release note "${item.shippedIn}" in content/changelog/.`);
      return { item, note };
    });
  const shippedItem = ({ item, note }: (typeof shipped)[number]) => ({
    id: item.id,
    title: item.title,
    href: `/roadmap/${item.id}/`,
    release: { id: note.id, title: note.title, date: isoDay(note.date), href: `/changelog/${note.id}/` },
  });
  return {
    definition:
      'Roadmap items with status shipped, counted in the calendar quarter (UTC) of the release note named in their shipped_in.',
    shipped: { count: shipped.length, href: '/roadmap/#shipped' },
    ...(input.goals.length > 0 ? { by_goal: goalDelivery(input, shipped, shippedItem) } : {}),
    by_quarter: byQuarter(shipped, (s) => s.note.date, input.now).map(({ quarter, things }) => ({
      quarter,
      shipped: things.length,
      items: things.map(shippedItem),
    })),
  };
}

/** Shipped items per goal, ever and in the scorecard's window (the requests' days before the build), by their release notes' dates. */
function goalDelivery<S extends { item: ScorecardInput['roadmap'][number]; note: { date: Date } }>(
  input: ScorecardInput,
  shipped: S[],
  shippedItem: (s: S) => GoalDelivery['items'][number],
): NonNullable<RoadmapFigures['by_goal']> {
  const windowDays = input.requests.windowDays;
  const since = requestWindowStart(input.now, windowDays);
  const upkeep = input.roadmap.some((item) => item.goal === MAINTENANCE) ? [{ id: MAINTENANCE, title: 'Maintenance' }] : [];
  return {
    definition:
      `Shipped roadmap items (as above) by the goal their goal field names: all of them, and those whose release note is dated from ` +
      `${isoDay(since)} (the last ${windowDays} days) to the build. Maintenance is upkeep that serves no goal.`,
    window_days: windowDays,
    since: isoDay(since),
    goals: [...input.goals, ...upkeep].map((goal) => {
      const own = shipped.filter((s) => s.item.goal === goal.id).sort((a, b) => b.note.date.getTime() - a.note.date.getTime());
      return {
        goal: goal.id,
        title: goal.title,
        href: goalHref(goal.id),
        shipped: own.length,
        shipped_in_window: own.filter((s) => s.note.date.getTime() >= since.getTime() && s.note.date.getTime() <= input.now.getTime()).length,
        items: own.map(shippedItem),
      };
    }),
  };
}

export function computeScorecard(input: ScorecardInput): Scorecard {
  return {
    generated_at: input.now.toISOString(),
    tenants: tenantsFigures(input),
    requests: requestsFigures({ ...input.requests, now: input.now }),
    ...(input.feedback ? { feedback: feedbackFigures(input, input.feedback) } : {}),
    docs_health: docsHealthFigures(input),
    roadmap: roadmapFigures(input),
    campaigns: campaignsFigures(input.campaigns),
  };
}
