/**
 * The arithmetic of the capacity planner: from a described workload to a quota, with every step
 * written out so the person (and the reviewer, if it is pasted into the justification) can check
 * it. Pure: no DOM, no clock.
 */
import { formatNumber } from './numbers.ts';

/** One line of the working: what is computed, the formula with the numbers, the result. */
export interface PlanStep {
  label: string;
  formula: string;
  result: string;
}

export interface Plan {
  steps: PlanStep[];
  /** The exact estimate, in the quota's unit. */
  estimate: number;
  /** The estimate rounded up to a whole unit: what "Use this estimate" puts into the request. */
  rounded: number;
}

/** A storage workload: what is written, how long it is kept, how it grows. */
export interface StorageWorkload {
  eventsPerSecond: number;
  /** Average size of one event in KB (1 KB = 1,000 bytes). */
  eventSizeKb: number;
  retentionDays: number;
  /** Copies kept; 1 when the quota counts data before replication (Kafka's does). */
  replicationFactor: number;
  monthlyGrowthPercent: number;
  monthsAhead: number;
  headroomPercent: number;
}

/** Any other unit: today's need, grown and given headroom. */
export interface GrowthWorkload {
  current: number;
  monthlyGrowthPercent: number;
  monthsAhead: number;
  headroomPercent: number;
}

export type PlannerField = keyof StorageWorkload | keyof GrowthWorkload;
export interface PlannerProblem {
  field: PlannerField;
  message: string;
}
export type PlanResult = { ok: true; plan: Plan } | { ok: false; problems: PlannerProblem[] };

const SECONDS_PER_DAY = 86_400;
/** GB as the catalog counts it: 10^9 bytes, so KB to GB is a division by 10^6. */
const KB_PER_GB = 1_000_000;

/** Storage units are sized from the workload; the rest from today's value. */
export function isStorageUnit(unitId: string, unit: { unit: string }): boolean {
  return /(?:^|_)gb$/.test(unitId) || unit.unit.toUpperCase() === 'GB';
}

/**
 * Rounds up to a whole unit, ignoring floating-point dust: 1.1 × 100 is 110.00000000000001 in
 * binary floating point and must give 110, not 111.
 */
export function roundUp(n: number): number {
  return Math.ceil(Math.round(n * 1e6) / 1e6);
}

/** The estimate the request can carry: never above the unit's maximum, and says when it was cut. */
export function fitToMaximum(rounded: number, maximum: number): { value: number; capped: boolean } {
  return rounded > maximum ? { value: maximum, capped: true } : { value: rounded, capped: false };
}

type Rule = [field: PlannerField, ok: (n: number) => boolean, message: string];

function check(input: Partial<Record<PlannerField, number>>, rules: Rule[]): PlannerProblem[] {
  return rules.flatMap(([field, ok, message]) => {
    const n = input[field];
    return n === undefined || !Number.isFinite(n) || !ok(n) ? [{ field, message }] : [];
  });
}

const growthRules: Rule[] = [
  ['monthlyGrowthPercent', (n) => n > -100 && n <= 1000, 'Enter a monthly growth between -99 and 1000 %.'],
  ['monthsAhead', (n) => Number.isInteger(n) && n >= 0 && n <= 60, 'Enter whole months from 0 to 60.'],
  ['headroomPercent', (n) => n >= 0 && n <= 1000, 'Enter a headroom from 0 to 1000 %.'],
];

/** Growth and headroom steps shared by both plans. */
function grow(start: number, unit: string, w: Omit<GrowthWorkload, 'current'>): { steps: PlanStep[]; estimate: number } {
  const factor = (1 + w.monthlyGrowthPercent / 100) ** w.monthsAhead;
  const grown = start * factor;
  const estimate = grown * (1 + w.headroomPercent / 100);
  return {
    estimate,
    steps: [
      {
        label: `Growth over ${w.monthsAhead} month${w.monthsAhead === 1 ? '' : 's'}`,
        formula: `${formatNumber(start)} ${unit} × (1 + ${formatNumber(w.monthlyGrowthPercent)} %)^${w.monthsAhead} = ${formatNumber(start)} × ${formatNumber(factor)}`,
        result: `${formatNumber(grown)} ${unit}`,
      },
      {
        label: 'Headroom',
        formula: `${formatNumber(grown)} ${unit} × (1 + ${formatNumber(w.headroomPercent)} %)`,
        result: `${formatNumber(estimate)} ${unit}`,
      },
    ],
  };
}

function finish(steps: PlanStep[], estimate: number, unit: string): PlanResult {
  const rounded = roundUp(estimate);
  return {
    ok: true,
    plan: { steps: [...steps, { label: 'Rounded up', formula: `⌈${formatNumber(estimate)}⌉`, result: `${formatNumber(rounded)} ${unit}` }], estimate, rounded },
  };
}

/** Storage in GB from events per second, event size, retention, replication, growth and headroom. */
export function planStorage(w: StorageWorkload): PlanResult {
  const problems = check(w, [
    ['eventsPerSecond', (n) => n >= 0, 'Enter the events per second, 0 or more.'],
    ['eventSizeKb', (n) => n > 0, 'Enter the average event size in KB, above 0.'],
    ['retentionDays', (n) => n > 0 && n <= 3650, 'Enter the retention in days, from 1 to 3650.'],
    ['replicationFactor', (n) => Number.isInteger(n) && n >= 1 && n <= 10, 'Enter a whole replication factor from 1 to 10.'],
    ...growthRules,
  ]);
  if (problems.length > 0) return { ok: false, problems };

  const perDay = (w.eventsPerSecond * w.eventSizeKb * SECONDS_PER_DAY) / KB_PER_GB;
  const retained = perDay * w.retentionDays;
  const replicated = retained * w.replicationFactor;
  const grown = grow(replicated, 'GB', w);
  return finish(
    [
      {
        label: 'Written per day',
        formula: `${formatNumber(w.eventsPerSecond)} events/s × ${formatNumber(w.eventSizeKb)} KB × 86,400 s ÷ 1,000,000 KB/GB`,
        result: `${formatNumber(perDay)} GB/day`,
      },
      { label: 'Retained', formula: `${formatNumber(perDay)} GB/day × ${formatNumber(w.retentionDays)} days`, result: `${formatNumber(retained)} GB` },
      { label: 'Replicated', formula: `${formatNumber(retained)} GB × ${w.replicationFactor}`, result: `${formatNumber(replicated)} GB` },
      ...grown.steps,
    ],
    grown.estimate,
    'GB',
  );
}

/** Any unit: today's value × growth × headroom. */
export function planGrowth(w: GrowthWorkload, unit: string): PlanResult {
  const problems = check(w, [['current', (n) => n >= 0, 'Enter what you use today, 0 or more.'], ...growthRules]);
  if (problems.length > 0) return { ok: false, problems };
  const grown = grow(w.current, unit, w);
  return finish([{ label: 'Today', formula: 'what you use or hold now', result: `${formatNumber(w.current)} ${unit}` }, ...grown.steps], grown.estimate, unit);
}
