/**
 * The rules goals keep across files: once a site has goals, every roadmap item names the goal it
 * serves, or `maintenance` for upkeep that serves none; a goal an item names exists. A site without
 * goals builds as before, but an item that names a goal still names one that exists.
 */
import { MAINTENANCE, type Goal } from '../schemas/goal.ts';
import type { RoadmapItem } from '../schemas/roadmap-item.ts';
import { SlugSchema } from '../schemas/slug.ts';
import type { Problem } from './problems.ts';

interface Entry<T> {
  id: string;
  file: string;
  data: T;
}

export function goalProblems(goals: readonly Entry<Goal>[], roadmap: readonly Entry<Pick<RoadmapItem, 'goal' | 'status'>>[]): Problem[] {
  const problems: Problem[] = [];
  const known = new Map(goals.map((g) => [g.id, g.data]));
  const choices = `${[...known.keys()].join(', ')}, or ${MAINTENANCE} for upkeep that serves none`;
  for (const { id, file } of goals) {
    if (!SlugSchema.safeParse(id).success) problems.push({ file, path: '(file name)', message: `"${id}" is the goal's id, which roadmap items name in goal; rename the file with lowercase letters, digits and single hyphens, e.g. cost-visible.md` });
    if (id === MAINTENANCE) problems.push({ file, path: '(file name)', message: `"${MAINTENANCE}" is what roadmap items name for upkeep that serves no goal, so no goal may have it as its id; rename the file` });
  }
  for (const { file, data } of roadmap) {
    if (data.goal === undefined) {
      if (known.size > 0) problems.push({ file, path: 'goal', message: `names no goal; the site has goals in content/direction/goals/, so each roadmap item names the one it serves: ${choices}` });
      continue;
    }
    if (data.goal === MAINTENANCE) continue;
    const goal = known.get(data.goal);
    if (!goal) {
      const fix = known.size > 0 ? `use a goal of content/direction/goals/: ${choices}` : `the site has no goals yet; add content/direction/goals/${data.goal}.md, or remove goal`;
      problems.push({ file, path: 'goal', message: `unknown goal "${data.goal}"; ${fix}` });
    } else if (goal.status === 'dropped' && ['now', 'next', 'later'].includes(data.status)) {
      problems.push({ file, path: 'goal', severity: 'warning', message: `goal "${data.goal}" is dropped, yet this item is still planned; name another goal, or drop the item` });
    }
  }
  return problems;
}
