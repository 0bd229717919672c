/**
 * The direction page's figures, from plain inputs: how far each key result has come, and each
 * goal with the roadmap items that serve it. Pure, so the page and the scorecard read the same.
 */
import { MAINTENANCE, type Goal, type GoalStatus, type KeyResult } from '../schemas/goal.ts';
import type { RoadmapItem } from '../schemas/roadmap-item.ts';
import { compareRoadmapItems } from './roadmap.ts';
import { formatNumber } from './numbers.ts';

export const DIRECTION_PATH = '/direction/';

/** Where a goal is on the direction page: its heading's anchor. */
export const goalHref = (id: string) => (id === MAINTENANCE ? `${DIRECTION_PATH}#maintenance` : `${DIRECTION_PATH}#goal-${id}`);

/**
 * How far a key result has come from its baseline toward its target, 0 to 1 (a figure past the
 * target counts as met, one behind the baseline as none): targets that go down, such as lead
 * times, count the same way as those that go up.
 */
export function keyResultProgress(kr: Pick<KeyResult, 'baseline' | 'target' | 'current'>): number {
  const share = (kr.current - kr.baseline) / (kr.target - kr.baseline);
  return Math.min(1, Math.max(0, share));
}

/** The order goals are shown in: active first, then achieved, then dropped; within each, by period, then title. */
const STATUS_ORDER: Record<GoalStatus, number> = { active: 0, achieved: 1, dropped: 2 };

export function compareGoals(a: Goal, b: Goal): number {
  return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.period.localeCompare(b.period) || a.title.localeCompare(b.title);
}

/** The columns of a goal's items, in the roadmap's words; dropped items are not shown under a goal. */
export const GOAL_ITEM_GROUPS = [
  { status: 'now', title: 'Now' },
  { status: 'next', title: 'Next' },
  { status: 'later', title: 'Later' },
  { status: 'shipped', title: 'Shipped' },
] as const satisfies readonly { status: RoadmapItem['status']; title: string }[];

export interface ItemRef<T extends Pick<RoadmapItem, 'goal' | 'status' | 'quarter' | 'target' | 'title'>> {
  id: string;
  data: T;
}

/** Items serving each goal, by the id they name (`maintenance` included), sorted as on the roadmap. */
export function itemsByGoal<T extends Pick<RoadmapItem, 'goal' | 'status' | 'quarter' | 'target' | 'title'>>(items: readonly ItemRef<T>[]): Map<string, ItemRef<T>[]> {
  const byGoal = new Map<string, ItemRef<T>[]>();
  for (const item of [...items].sort((a, b) => compareRoadmapItems(a.data, b.data))) {
    if (item.data.goal === undefined) continue;
    byGoal.set(item.data.goal, [...(byGoal.get(item.data.goal) ?? []), item]);
  }
  return byGoal;
}

/** A figure with its unit (`%` without a space), the unit never wrapped away from the number. */
export function formatFigure(value: number, unit: string | undefined): string {
  const number = formatNumber(value);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number}\u00a0${unit}`;
}
