import { describe, expect, it } from 'vitest';
import { describeUsage, usageChart } from '../../packages/platform-portal/src/lib/usage-chart.ts';
import { summarizeUsage, type InsightsConfig } from '../../packages/platform-portal/src/lib/usage-forecast.ts';
import type { UsagePoint } from '../../packages/platform-portal/src/schemas/usage.ts';

const config: InsightsConfig = { trendDays: 30, horizonDays: 180, warnPercent: 80, warnDays: 30, suggestMonths: 6, headroomPercent: 25 };

/** 91 daily samples from 26 Aug to 24 Nov 2026, growing by `perDay` from `start`. */
function series(start: number, perDay: number): UsagePoint[] {
  const first = Date.UTC(2026, 7, 26);
  return Array.from({ length: 91 }, (_, i) => [new Date(first + i * 86_400_000).toISOString().slice(0, 10), start + perDay * i] as UsagePoint);
}

/** The text with its no-break spaces (between number and unit) as plain ones. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

function input(points: UsagePoint[], quota: number) {
  return { label: 'Storage on Kafka', unit: 'GB', points, summary: summarizeUsage(points, quota, config)! };
}

describe('describeUsage', () => {
  it('says the first and last sample, the quota and the forecast date', () => {
    // 212 GB + 2 a day: 392 GB on 24 Nov; 8 GB left is 4 days: 28 Nov.
    expect(plain(describeUsage(input(series(212, 2), 400)))).toBe('Storage on Kafka: 212 GB on 26 Aug to 392 GB on 24 Nov 2026; quota 400 GB; at the trend it runs out on 28 Nov 2026.');
  });

  it('says when there is no date within the horizon, the quota is used up, or there are too few samples', () => {
    expect(plain(describeUsage(input(series(100, 0), 400)))).toMatch(/; quota 400 GB; at the trend it does not run out within 180 days\.$/);
    expect(plain(describeUsage(input(series(500, 0), 400)))).toMatch(/; quota 400 GB; the quota is used up\.$/);
    expect(plain(describeUsage(input([['2026-11-24', 50]], 400)))).toBe('Storage on Kafka: 50 GB on 24 Nov 2026; quota 400 GB; too few samples for a trend.');
  });

  it('gives the first date its year when the series spans a new year', () => {
    const points: UsagePoint[] = [['2026-12-20', 10], ['2027-01-10', 20]];
    expect(plain(describeUsage(input(points, 400)))).toMatch(/^Storage on Kafka: 10 GB on 20 Dec 2026 to 20 GB on 10 Jan 2027;/);
  });
});

describe('usageChart', () => {
  it('draws one path through every sample in whole units, inside the plot', () => {
    const chart = usageChart(input(series(212, 2), 400));
    const coordinates = [...chart.usagePath.matchAll(/[ML](-?\d+) (-?\d+)/g)];
    expect(coordinates).toHaveLength(91);
    expect(chart.usagePath).toMatch(/^M\d+ \d+(L\d+ \d+)+$/);
    for (const [, x, y] of coordinates) {
      expect(Number(x)).toBeGreaterThanOrEqual(chart.plot.left);
      expect(Number(x)).toBeLessThanOrEqual(chart.plot.right);
      expect(Number(y)).toBeGreaterThanOrEqual(chart.plot.top);
      expect(Number(y)).toBeLessThanOrEqual(chart.plot.bottom);
    }
  });

  it('runs the trend from the last sample to the quota line on the forecast date, at the right edge', () => {
    const chart = usageChart(input(series(212, 2), 400));
    const last = chart.usagePath.match(/L(\d+) (\d+)$/)!;
    expect(chart.trend).toEqual({ x1: Number(last[1]), y1: Number(last[2]), x2: chart.plot.right, y2: chart.quotaY });
  });

  it('has no trend once the quota is used up or without one, and a few labelled ticks on both axes', () => {
    expect(usageChart(input(series(500, 0), 400)).trend).toBeUndefined();
    expect(usageChart(input([['2026-11-24', 50]], 400)).trend).toBeUndefined();
    const chart = usageChart(input(series(212, 2), 400));
    expect(chart.xTicks.length).toBeGreaterThanOrEqual(2);
    expect(chart.xTicks.length).toBeLessThanOrEqual(8);
    expect(chart.yTicks.map((t) => t.label)).toContain('0');
    expect(chart.yTicks.length).toBeLessThanOrEqual(8);
  });
});
