import { describe, expect, it } from 'vitest';
import { fitToMaximum, isStorageUnit, planGrowth, planStorage, roundUp, type StorageWorkload } from '../../packages/platform-portal/src/lib/capacity-planner.ts';
import { formatNumber } from '../../packages/platform-portal/src/lib/numbers.ts';

const workload: StorageWorkload = {
  eventsPerSecond: 2000,
  eventSizeKb: 1.5,
  retentionDays: 7,
  replicationFactor: 1,
  monthlyGrowthPercent: 0,
  monthsAhead: 0,
  headroomPercent: 0,
};

function plan(result: ReturnType<typeof planStorage>) {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  return result.plan;
}

describe('planStorage', () => {
  it('sizes retained storage from rate, size and retention, and writes out each step', () => {
    // 2,000/s × 1.5 KB × 86,400 s = 259.2 GB a day; a week of it is 1,814.4 GB.
    const p = plan(planStorage(workload));
    expect(p.estimate).toBeCloseTo(1814.4, 6);
    expect(p.rounded).toBe(1815);
    expect(p.steps).toMatchInlineSnapshot(`
      [
        {
          "formula": "2,000 events/s × 1.5 KB × 86,400 s ÷ 1,000,000 KB/GB",
          "label": "Written per day",
          "result": "259.2 GB/day",
        },
        {
          "formula": "259.2 GB/day × 7 days",
          "label": "Retained",
          "result": "1,814.4 GB",
        },
        {
          "formula": "1,814.4 GB × 1",
          "label": "Replicated",
          "result": "1,814.4 GB",
        },
        {
          "formula": "1,814.4 GB × (1 + 0 %)^0 = 1,814.4 × 1",
          "label": "Growth over 0 months",
          "result": "1,814.4 GB",
        },
        {
          "formula": "1,814.4 GB × (1 + 0 %)",
          "label": "Headroom",
          "result": "1,814.4 GB",
        },
        {
          "formula": "⌈1,814.4⌉",
          "label": "Rounded up",
          "result": "1,815 GB",
        },
      ]
    `);
  });

  it('multiplies by replication, compound monthly growth and headroom', () => {
    const p = plan(planStorage({ ...workload, eventsPerSecond: 100, eventSizeKb: 1, retentionDays: 10, replicationFactor: 3, monthlyGrowthPercent: 10, monthsAhead: 2, headroomPercent: 20 }));
    // 8.64 GB/day × 10 days × 3 × 1.1² × 1.2
    expect(p.estimate).toBeCloseTo(8.64 * 10 * 3 * 1.21 * 1.2, 9);
    expect(p.rounded).toBe(377);
  });

  it('names every field that is out of range instead of computing', () => {
    const result = planStorage({ ...workload, eventSizeKb: 0, replicationFactor: 1.5, monthsAhead: -1, retentionDays: Number.NaN });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field)).toEqual(['eventSizeKb', 'retentionDays', 'replicationFactor', 'monthsAhead']);
  });
});

describe('planGrowth', () => {
  it('grows today’s value and adds headroom', () => {
    const result = planGrowth({ current: 96, monthlyGrowthPercent: 5, monthsAhead: 6, headroomPercent: 25 }, 'partitions');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.estimate).toBeCloseTo(96 * 1.05 ** 6 * 1.25, 9);
    expect(result.plan.rounded).toBe(161);
    expect(result.plan.steps.map((s) => `${s.label}: ${s.formula} = ${s.result}`)).toEqual([
      'Today: what you use or hold now = 96 partitions',
      'Growth over 6 months: 96 partitions × (1 + 5 %)^6 = 96 × 1.34 = 128.65 partitions',
      'Headroom: 128.65 partitions × (1 + 25 %) = 160.81 partitions',
      'Rounded up: ⌈160.81⌉ = 161 partitions',
    ]);
  });

  it('accepts shrinking workloads but not below nothing', () => {
    expect(planGrowth({ current: 100, monthlyGrowthPercent: -10, monthsAhead: 1, headroomPercent: 0 }, 'x').ok).toBe(true);
    expect(planGrowth({ current: 100, monthlyGrowthPercent: -100, monthsAhead: 1, headroomPercent: 0 }, 'x').ok).toBe(false);
    expect(planGrowth({ current: -1, monthlyGrowthPercent: 0, monthsAhead: 0, headroomPercent: 0 }, 'x').ok).toBe(false);
  });
});

describe('invariants', () => {
  it('the rounded estimate is the smallest whole number not below the estimate', () => {
    for (const current of [0, 1, 7, 96, 1234.5]) {
      for (const growth of [0, 3, 12.5]) {
        for (const headroom of [0, 10, 33]) {
          const r = planGrowth({ current, monthlyGrowthPercent: growth, monthsAhead: 4, headroomPercent: headroom }, 'u');
          if (!r.ok) throw new Error('unexpected problems');
          expect(r.plan.rounded).toBeGreaterThanOrEqual(r.plan.estimate - 1e-6);
          expect(r.plan.rounded - 1).toBeLessThan(r.plan.estimate);
          expect(Number.isInteger(r.plan.rounded)).toBe(true);
        }
      }
    }
  });

  it('a value with floating-point dust does not round up a whole unit', () => {
    expect(1.1 * 100).not.toBe(110);
    expect(roundUp(1.1 * 100)).toBe(110);
    expect(roundUp(110.2)).toBe(111);
  });

  it('an estimate is capped at the maximum, and says so', () => {
    expect(fitToMaximum(700, 600)).toEqual({ value: 600, capped: true });
    expect(fitToMaximum(600, 600)).toEqual({ value: 600, capped: false });
    expect(fitToMaximum(12, 600)).toEqual({ value: 12, capped: false });
  });
});

describe('helpers', () => {
  it('treats GB units as storage', () => {
    expect(isStorageUnit('storage_gb', { unit: 'GB' })).toBe(true);
    expect(isStorageUnit('archive', { unit: 'gb' })).toBe(true);
    expect(isStorageUnit('partitions', { unit: 'partitions' })).toBe(false);
    expect(isStorageUnit('throughput_mbps', { unit: 'MB/s' })).toBe(false);
  });

  it('keeps small numbers readable', () => {
    expect(formatNumber(0.000123)).toBe('0.000123');
    expect(formatNumber(1234.567)).toBe('1,234.57');
    expect(formatNumber(0)).toBe('0');
  });
});
