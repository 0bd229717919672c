import { describe, expect, it } from 'vitest';
import {
  leastSquares,
  monthlyGrowthPercent,
  suggestQuota,
  summarizeUsage,
  type InsightsConfig,
  type UsageSummary,
} from '../../packages/platform-portal/src/lib/usage-forecast.ts';
import type { UsagePoint } from '../../packages/platform-portal/src/schemas/usage.ts';

const config: InsightsConfig = { trendDays: 30, horizonDays: 180, warnPercent: 80, warnDays: 30, suggestMonths: 6, headroomPercent: 25 };

/** `count` daily samples ending on `last`, the value growing by `perDay` from `start`. */
function linear(last: string, count: number, start: number, perDay: number): UsagePoint[] {
  const end = Date.parse(`${last}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(end - (count - 1 - i) * 86_400_000).toISOString().slice(0, 10);
    return [date, start + perDay * i] as UsagePoint;
  });
}

function summary(points: UsagePoint[], quota: number, overrides: Partial<InsightsConfig> = {}): UsageSummary {
  const s = summarizeUsage(points, quota, { ...config, ...overrides });
  if (!s) throw new Error('expected a summary');
  return s;
}

describe('leastSquares', () => {
  it('fits the line that minimises the squared error', () => {
    // mean x = 1, mean y = 2; Σ(x−x̄)(y−ȳ) = 1, Σ(x−x̄)² = 2 → slope ½, intercept 2 − ½ = 1.5.
    expect(leastSquares([[0, 1], [1, 3], [2, 2]])).toEqual({ slope: 0.5, intercept: 1.5 });
    expect(leastSquares([[10, 7], [20, 7]])).toEqual({ slope: 0, intercept: 7 });
  });

  it('has no line through fewer than two distinct x values', () => {
    expect(leastSquares([])).toBeUndefined();
    expect(leastSquares([[1, 5]])).toBeUndefined();
    expect(leastSquares([[1, 5], [1, 9]])).toBeUndefined();
  });
});

describe('summarizeUsage', () => {
  it('forecasts the day a linear series reaches the quota', () => {
    // 212 GB on 26 Oct, +4 GB a day: 328 GB on 24 Nov. 72 GB left at 4 a day is 18 days: 12 Dec.
    const s = summary(linear('2026-11-24', 30, 212, 4), 400);
    expect(s).toMatchObject({ current: 328, asOf: '2026-11-24', quota: 400, percentUsed: 82, growthPerDay: 4, growthOverTrend: 120 });
    expect(s.exhaustion).toEqual({ kind: 'on', date: '2026-12-12', days: 18 });
  });

  it('lands on the whole day when the fitted rate carries floating-point dust', () => {
    // 100 GB + 0.4 GB a day for 30 days: 111.6 GB on 24 Nov; 128 − 111.6 = 16.4 GB is 41 days: 4 Jan 2027.
    const s = summary(linear('2026-11-24', 30, 100, 0.4), 128);
    expect(s.exhaustion).toEqual({ kind: 'on', date: '2027-01-04', days: 41 });
  });

  it('fits only the last trendDays days', () => {
    // Flat at 100 for 30 days, then +2 a day for 30 days: the window sees only the growth.
    const flat = linear('2026-10-25', 30, 100, 0);
    const growing = linear('2026-11-24', 30, 102, 2);
    const s = summary([...flat, ...growing], 1000);
    expect(s.growthPerDay).toBeCloseTo(2, 9);
    expect(summary([...flat, ...growing], 1000, { trendDays: 60 }).growthPerDay!).toBeLessThan(2);
  });

  it('says "not within" the horizon for flat, shrinking or slow usage', () => {
    expect(summary(linear('2026-11-24', 30, 100, 0), 400).exhaustion).toEqual({ kind: 'not-within', horizonDays: 180 });
    expect(summary(linear('2026-11-24', 30, 300, -2), 400).exhaustion).toEqual({ kind: 'not-within', horizonDays: 180 });
    // 200 GB left at 1 GB a day: 200 days, past the 180-day horizon; 180 days is still within.
    expect(summary(linear('2026-11-24', 30, 171, 1), 400).exhaustion).toEqual({ kind: 'not-within', horizonDays: 180 });
    expect(summary(linear('2026-11-24', 30, 191, 1), 400).exhaustion).toEqual({ kind: 'on', date: '2027-05-23', days: 180 });
  });

  it('gives 0 days from the last sample when usage is at or over the quota', () => {
    const s = summary(linear('2026-11-24', 30, 500, -1), 400);
    expect(s.exhaustion).toEqual({ kind: 'on', date: '2026-11-24', days: 0 });
    expect(s.percentUsed).toBeCloseTo(117.75, 9);
    expect(s.flags).toEqual(['80% or more of the quota is used', 'the quota is used up']);
  });

  it('has no trend with fewer than two samples in the window', () => {
    expect(summarizeUsage([], 400, config)).toBeUndefined();
    const one = summary([['2026-11-24', 50]], 400);
    expect(one).toMatchObject({ current: 50, growthPerDay: undefined, growthOverTrend: undefined, exhaustion: { kind: 'unknown' } });
    // The older sample is 40 days back, outside the 30-day window.
    expect(summary([['2026-10-15', 10], ['2026-11-24', 50]], 400).exhaustion).toEqual({ kind: 'unknown' });
  });

  it('flags use from the configured percentage on, and a forecast within the configured days', () => {
    expect(summary(linear('2026-11-24', 30, 80, 0), 100).flags).toEqual(['80% or more of the quota is used']);
    expect(summary(linear('2026-11-24', 30, 79.9, 0), 100).flags).toEqual([]);
    // 30 days left at 1 a day is flagged; 31 is not.
    expect(summary(linear('2026-11-24', 30, 41, 1), 100).flags).toEqual(['the quota runs out within 30 days']);
    expect(summary(linear('2026-11-24', 30, 40, 1), 100).flags).toEqual([]);
    expect(summary(linear('2026-11-24', 30, 40, 1), 100, { warnDays: 31 }).flags).toEqual(['the quota runs out within 31 days']);
  });
});

describe('suggestQuota', () => {
  // 328 GB growing 4 GB a day: in 6 months of 30 days the line adds 720 GB, to 1,048 GB;
  // compounded monthly that is (1048 / 328)^(1/6) = 1.2136…, i.e. 21.4 % a month.
  const growing = summary(linear('2026-11-24', 30, 212, 4), 400);

  it('grows today’s usage at the monthly rate that matches the trend over suggestMonths, adds headroom and rounds up', () => {
    expect(monthlyGrowthPercent(growing, 6)).toBe(21.4);
    expect(monthlyGrowthPercent(growing, 1)).toBe(36.6);
    const byHand = Math.ceil(328 * 1.214 ** 6 * 1.25);
    expect(suggestQuota(growing, 100_000, config)).toBe(byHand);
  });

  it('never suggests more than the unit’s maximum', () => {
    expect(suggestQuota(growing, 1000, config)).toBe(1000);
  });

  it('suggests nothing when the result would not be above the quota', () => {
    // Flat at 100 GB: 100 × 1.25 = 125 GB, below the 400 GB quota.
    expect(suggestQuota(summary(linear('2026-11-24', 30, 100, 0), 400), 2000, config)).toBeUndefined();
    // The maximum is the quota already.
    expect(suggestQuota(summary(linear('2026-11-24', 30, 380, 0), 400), 400, config)).toBeUndefined();
    // Flat at 380 GB: 475 GB.
    expect(suggestQuota(summary(linear('2026-11-24', 30, 380, 0), 400), 2000, config)).toBe(475);
  });
});
