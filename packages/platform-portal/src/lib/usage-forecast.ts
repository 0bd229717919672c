/**
 * Usage against quota: the trend of the last days (least squares), the date the quota runs out at
 * that trend, whether to flag it, and the quota to suggest. Pure: the clock is the last sample.
 */
import type { UsagePoint } from '../schemas/usage.ts';
import type { PortalConfig } from '../schemas/site-config.ts';
import { fitToMaximum, planGrowth, roundUp } from './capacity-planner.ts';

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface LinearFit {
  /** Change per step of x. */
  slope: number;
  intercept: number;
}

/** Ordinary least squares, y = intercept + slope·x; undefined without two distinct x values. */
export function leastSquares(points: readonly (readonly [number, number])[]): LinearFit | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const [x, y] of points) {
    sxy += (x - meanX) * (y - meanY);
    sxx += (x - meanX) ** 2;
  }
  if (sxx === 0) return undefined;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

export type InsightsConfig = PortalConfig['insights'];

export type Exhaustion =
  /** At the trend, usage reaches the quota on this date, `days` after the last sample (0: already there). */
  | { kind: 'on'; date: string; days: number }
  /** Flat or shrinking usage, or a date past the horizon. */
  | { kind: 'not-within'; horizonDays: number }
  /** Too few samples for a trend. */
  | { kind: 'unknown' };

export interface UsageSummary {
  /** Last sample: the usage today. */
  current: number;
  asOf: string;
  quota: number;
  /** current ÷ quota × 100; undefined when the quota is 0. */
  percentUsed: number | undefined;
  /** Slope of the least-squares line over the trend window, per day. */
  growthPerDay: number | undefined;
  /** growthPerDay × trendDays: how much usage grew over the window, at the fitted rate. */
  growthOverTrend: number | undefined;
  trendDays: number;
  exhaustion: Exhaustion;
  /** Why the row is flagged (high use, running out soon); empty when it is not. */
  flags: string[];
}

/** The points of the trend window: the last `trendDays` days up to the last sample. */
export function trendWindow(points: readonly UsagePoint[], trendDays: number): UsagePoint[] {
  if (points.length === 0) return [];
  const last = dayNumber(points.at(-1)![0]);
  return points.filter(([date]) => dayNumber(date) > last - trendDays);
}

/** Usage, trend and forecast for one tenant × unit; undefined without samples. */
export function summarizeUsage(points: readonly UsagePoint[], quota: number, config: InsightsConfig): UsageSummary | undefined {
  const last = points.at(-1);
  if (!last) return undefined;
  const [asOf, current] = last;
  const fit = leastSquares(trendWindow(points, config.trendDays).map(([date, value]) => [dayNumber(date), value] as const));
  const growthPerDay = fit?.slope;
  const percentUsed = quota > 0 ? (current / quota) * 100 : undefined;

  let exhaustion: Exhaustion;
  if (current >= quota) exhaustion = { kind: 'on', date: asOf, days: 0 };
  else if (growthPerDay === undefined) exhaustion = { kind: 'unknown' };
  else {
    // From today's value at the fitted rate: the first whole day on which usage reaches the quota
    // (rounded up past floating-point dust: 16.4 ÷ 0.4 is 41.00000000000001, and must stay 41).
    const days = growthPerDay > 0 ? roundUp((quota - current) / growthPerDay) : Infinity;
    exhaustion = days <= config.horizonDays ? { kind: 'on', date: isoDate(dayNumber(asOf) + days), days } : { kind: 'not-within', horizonDays: config.horizonDays };
  }

  const flags: string[] = [];
  if (percentUsed === undefined ? current > 0 : percentUsed >= config.warnPercent) flags.push(`${config.warnPercent}% or more of the quota is used`);
  if (exhaustion.kind === 'on' && exhaustion.days <= config.warnDays) {
    flags.push(exhaustion.days === 0 ? 'the quota is used up' : `the quota runs out within ${config.warnDays} days`);
  }
  return {
    current,
    asOf,
    quota,
    percentUsed,
    growthPerDay,
    growthOverTrend: growthPerDay === undefined ? undefined : growthPerDay * config.trendDays,
    trendDays: config.trendDays,
    exhaustion,
    flags,
  };
}

/**
 * The monthly growth, in percent and to one decimal, that the planner compounds: the rate that over
 * `months` 30-day months gives what the linear trend adds in that time. A straight line written as
 * its first month's share of today's usage, compounded, would overshoot it several times over.
 */
export function monthlyGrowthPercent(summary: Pick<UsageSummary, 'current' | 'growthPerDay'>, months: number): number {
  if (!summary.growthPerDay || summary.growthPerDay <= 0 || summary.current <= 0 || months <= 0) return 0;
  const factor = 1 + (summary.growthPerDay * 30 * months) / summary.current;
  return Math.round((factor ** (1 / months) - 1) * 1000) / 10;
}

/**
 * The quota to ask for: the planner's arithmetic from today's usage at the trend's monthly growth,
 * `suggestMonths` ahead, with headroom, capped at the unit's maximum. Undefined when it would not
 * be more than the quota already is.
 */
export function suggestQuota(summary: UsageSummary, maximum: number, config: InsightsConfig): number | undefined {
  const plan = planGrowth(
    { current: summary.current, monthlyGrowthPercent: monthlyGrowthPercent(summary, config.suggestMonths), monthsAhead: config.suggestMonths, headroomPercent: config.headroomPercent },
    '',
  );
  if (!plan.ok) return undefined;
  const { value } = fitToMaximum(plan.plan.rounded, maximum);
  return value > summary.quota ? value : undefined;
}
