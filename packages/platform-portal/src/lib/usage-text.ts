/**
 * How usage reads on the site, the same on the tenant pages, the fleet view and in the charts'
 * text alternatives.
 */
import type { Exhaustion, UsageSummary } from './usage-forecast.ts';
import type { Problem } from './problems.ts';
import { roundUp } from './capacity-planner.ts';
import { formatNumber } from './numbers.ts';
import { formatIsoDay } from './dates.ts';

/** A no-break space: a number never wraps away from its unit. */
const NBSP = '\u00a0';

/** `328 GB`, `1,234.5 partitions`. */
export function formatAmount(value: number, unit: string): string {
  return `${formatNumber(value)}${NBSP}${unit}`;
}

const percentFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** `82 %`, `79.6 %`: one decimal, so a value just under the warning level does not read as on it. */
export function formatPercent(percent: number | undefined): string {
  return percent === undefined ? '–' : `${percentFormat.format(percent)}${NBSP}%`;
}

/** `+120 GB`, `−4 GB`, `0 GB`. */
export function formatGrowth(value: number, unit: string): string {
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${formatAmount(Math.abs(value), unit)}`;
}

/** The flags of a row as one sentence: "80% or more of the quota is used; the quota runs out within 30 days." */
export function flagSentence(flags: readonly string[]): string {
  const text = flags.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The forecast in words, without the date when there is one: that goes in a `<time>`. */
export function exhaustionText(exhaustion: Exhaustion): { date?: { iso: string; text: string }; text: string } {
  switch (exhaustion.kind) {
    case 'unknown':
      return { text: 'not enough data' };
    case 'not-within':
      return { text: `not within ${exhaustion.horizonDays} days` };
    case 'on': {
      const date = { iso: exhaustion.date, text: formatIsoDay(exhaustion.date) };
      if (exhaustion.days === 0) return { date, text: 'used up' };
      return { date, text: `in ${exhaustion.days} day${exhaustion.days === 1 ? '' : 's'}` };
    }
  }
}

/** The forecast as plain text, where there is no `<time>` (the planner, a request's pull request): `15 Dec 2026 (in 21 days)`. */
export function describeExhaustion(exhaustion: Exhaustion): string {
  const { date, text } = exhaustionText(exhaustion);
  return date ? `${date.text} (${text})` : text;
}

/**
 * A quota below what is in use would break the workload the day it merges: the capacity form says
 * so as the person types, and the capacity request refuses it in the same words.
 */
export function belowUsageProblem(value: number, usage: Pick<UsageSummary, 'current' | 'asOf'> | undefined, unitName: string): Problem | undefined {
  if (!usage || value >= usage.current) return undefined;
  return {
    path: 'value',
    message: `${formatNumber(value)} ${unitName} is below the ${formatNumber(usage.current)} ${unitName} in use on ${formatIsoDay(usage.asOf)}; ask for at least ${formatNumber(roundUp(usage.current))} ${unitName}`,
  };
}
