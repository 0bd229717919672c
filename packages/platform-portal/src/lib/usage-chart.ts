/**
 * Geometry and words of a usage chart, drawn at build time as inline SVG: the usage line, the
 * quota, the trend to the forecast, a few ticks, and the same facts as a sentence for people who
 * cannot see the picture. Pure: coordinates in a fixed viewBox, rounded to whole units to keep the
 * markup small.
 */
import { scaleLinear, scaleUtc } from 'd3-scale';
import type { UsagePoint } from '../schemas/usage.ts';
import type { UsageSummary } from './usage-forecast.ts';
import { formatNumber } from './numbers.ts';
import { formatAmount } from './usage-text.ts';
import { formatDate } from './dates.ts';

const DAY_MS = 86_400_000;
const WIDTH = 640;
const HEIGHT = 200;
const MARGIN = { top: 10, right: 12, bottom: 24, left: 52 };

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export interface UsageChartInput {
  /** What is measured, e.g. "Storage on Kafka". */
  label: string;
  /** The unit's unit, e.g. GB. */
  unit: string;
  points: readonly UsagePoint[];
  summary: UsageSummary;
}

export interface UsageChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** One path through every sample. */
  usagePath: string;
  quotaY: number;
  /** From the last sample along the trend: to the forecast date, or a trend window ahead when there is none. */
  trend: { x1: number; y1: number; x2: number; y2: number } | undefined;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  description: string;
}

/** Where the trend line ends: the forecast date, else `trendDays` ahead; none without a trend or once used up. */
function trendEnd(summary: UsageSummary): { date: Date; value: number } | undefined {
  const { exhaustion, growthPerDay, current, asOf } = summary;
  if (growthPerDay === undefined || (exhaustion.kind === 'on' && exhaustion.days === 0)) return undefined;
  const days = exhaustion.kind === 'on' ? exhaustion.days : summary.trendDays;
  return { date: new Date(toDate(asOf).getTime() + days * DAY_MS), value: Math.max(0, current + growthPerDay * days) };
}

export function usageChart(input: UsageChartInput): UsageChart {
  const { points, summary } = input;
  const plot = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const end = trendEnd(summary);
  const first = toDate(points[0]![0]);
  const last = end?.date ?? toDate(summary.asOf);
  // One sample still needs a width to stand in.
  const x = scaleUtc()
    .domain([first, last.getTime() > first.getTime() ? last : new Date(first.getTime() + DAY_MS)])
    .range([plot.left, plot.right]);
  const top = Math.max(summary.quota, end?.value ?? 0, ...points.map(([, v]) => v));
  const y = scaleLinear()
    .domain([0, top > 0 ? top * 1.05 : 1])
    .nice(4)
    .range([plot.bottom, plot.top]);
  const px = (n: number) => Math.round(n);

  const usagePath = points.map(([date, value], i) => `${i === 0 ? 'M' : 'L'}${px(x(toDate(date)))} ${px(y(value))}`).join('');
  const trend = end && { x1: px(x(toDate(summary.asOf))), y1: px(y(summary.current)), x2: px(x(end.date)), y2: px(y(end.value)) };
  return {
    width: WIDTH,
    height: HEIGHT,
    plot,
    usagePath,
    quotaY: px(y(summary.quota)),
    trend,
    xTicks: x.ticks(4).map((d) => ({ x: px(x(d)), label: dayMonth.format(d) })),
    yTicks: y.ticks(4).map((v) => ({ y: px(y(v)), label: formatNumber(v) })),
    description: describeUsage(input),
  };
}

/** The chart in words: "Storage on Kafka: 212 GB on 26 Aug to 330 GB on 24 Nov 2026; quota 400 GB; …". */
export function describeUsage({ label, unit, points, summary }: UsageChartInput): string {
  const amount = (n: number) => formatAmount(n, unit);
  const [firstDate, firstValue] = points[0]!;
  const lastDay = toDate(summary.asOf);
  const from = toDate(firstDate);
  const span =
    points.length > 1
      ? `${amount(firstValue)} on ${from.getUTCFullYear() === lastDay.getUTCFullYear() ? dayMonth.format(from) : formatDate(from)} to ${amount(summary.current)} on ${formatDate(lastDay)}`
      : `${amount(summary.current)} on ${formatDate(lastDay)}`;
  const { exhaustion } = summary;
  const outlook =
    exhaustion.kind === 'unknown'
      ? 'too few samples for a trend'
      : exhaustion.kind === 'not-within'
        ? `at the trend it does not run out within ${exhaustion.horizonDays} days`
        : exhaustion.days === 0
          ? 'the quota is used up'
          : `at the trend it runs out on ${formatDate(toDate(exhaustion.date))}`;
  return `${label}: ${span}; quota ${amount(summary.quota)}; ${outlook}.`;
}
