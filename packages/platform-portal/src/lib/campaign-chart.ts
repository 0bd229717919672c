/**
 * Geometry and words of a campaign's progress chart, drawn at build time as inline SVG: the
 * tenants done, exempt and planned stacked over time as steps (a state holds until the next
 * change), the deadline as a line, and the same facts as a sentence for people who cannot see the
 * picture. Pure: coordinates in a fixed viewBox, rounded to whole units to keep the markup small.
 */
import { scaleLinear, scaleUtc } from 'd3-scale';
import type { ProgressPoint } from './campaign-history.ts';
import { formatIsoDay } from './dates.ts';

const DAY_MS = 86_400_000;
const WIDTH = 640;
const HEIGHT = 180;
const MARGIN = { top: 10, right: 12, bottom: 24, left: 36 };
/** Width of the last step, which ends on the build's day: wide enough to see when it is the only one. */
const LAST_STEP = 6;

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: '2-digit', timeZone: 'UTC' });
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** Stacked from the bottom, in this order. */
export const CHART_SERIES = ['done', 'exempt', 'planned'] as const;
export type ChartSeries = (typeof CHART_SERIES)[number];

export interface CampaignChartInput {
  title: string;
  started: string;
  deadline: string;
  /** Oldest first; the last is the build's day. */
  points: readonly ProgressPoint[];
}

export interface CampaignChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  areas: { series: ChartSeries; d: string }[];
  deadlineX: number;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  description: string;
}

/** A band between two stacked step lines: along the top forwards, back along the bottom. */
function bandPath(starts: number[], ends: number[], low: number[], high: number[]): string {
  const forward = starts.flatMap((x, i) => [`${x} ${high[i]}`, `${ends[i]} ${high[i]}`]);
  const back = starts.map((x, i) => [`${ends[i]} ${low[i]}`, `${x} ${low[i]}`]).reverse().flat();
  return `M${[...forward, ...back].join('L')}Z`;
}

export function campaignChart({ title, started, deadline, points }: CampaignChartInput): CampaignChart {
  const plot = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const first = [started, points[0]!.day].sort()[0]!;
  const last = [deadline, points.at(-1)!.day].sort().at(-1)!;
  const x = scaleUtc()
    .domain([toDate(first), first === last ? new Date(toDate(last).getTime() + DAY_MS) : toDate(last)])
    .range([plot.left, plot.right - LAST_STEP]);
  const total = Math.max(1, ...points.map((p) => p.total));
  const y = scaleLinear().domain([0, total]).range([plot.bottom, plot.top]);
  const px = (n: number) => Math.round(n);

  const starts = points.map((p) => px(x(toDate(p.day))));
  const ends = starts.map((start, i) => (i + 1 < starts.length ? starts[i + 1]! : start + LAST_STEP));
  let below = points.map(() => 0);
  const areas = CHART_SERIES.map((series) => {
    const above = points.map((p, i) => below[i]! + p[series]);
    const d = bandPath(starts, ends, below.map((v) => px(y(v))), above.map((v) => px(y(v))));
    below = above;
    return { series, d };
  });
  return {
    width: WIDTH,
    height: HEIGHT,
    plot,
    areas,
    deadlineX: px(x(toDate(deadline))),
    xTicks: x.ticks(4).map((d) => ({ x: px(x(d)), label: dayMonth.format(d) })),
    yTicks: y.ticks(Math.min(total, 4)).filter(Number.isInteger).map((v) => ({ y: px(y(v)), label: String(v) })),
    description: describeProgress({ title, started, deadline, points }),
  };
}

const standingText = (p: ProgressPoint) => `${p.done} done, ${p.exempt} exempt and ${p.planned} planned of ${p.total}`;

/** The chart in words: "Upgrade PostgreSQL 14: on 2 Dec 2026 1 done, …; on 4 Dec 2026 2 done, …; deadline 31 Mar 2027." */
export function describeProgress({ title, deadline, points }: CampaignChartInput): string {
  const first = points[0]!;
  const last = points.at(-1)!;
  const span = points.length > 1 ? `on ${formatIsoDay(first.day)} ${standingText(first)}; on ${formatIsoDay(last.day)} ${standingText(last)}` : `on ${formatIsoDay(last.day)} ${standingText(last)}`;
  return `${title}: ${span}; deadline ${formatIsoDay(deadline)}.`;
}
