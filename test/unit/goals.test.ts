/**
 * Goals above the roadmap: the rules that tie roadmap items to goals (lib/goal-rules.ts), the
 * goal's schema, a key result's progress, the items per goal, and the scorecard's shipped items
 * per goal (lib/scorecard.ts).
 */
import { describe, expect, it } from 'vitest';
import { goalProblems } from '../../packages/platform-portal/src/lib/goal-rules.ts';
import { itemsByGoal, keyResultProgress, formatFigure } from '../../packages/platform-portal/src/lib/goals.ts';
import { computeScorecard, type ScorecardInput } from '../../packages/platform-portal/src/lib/scorecard.ts';
import { formatProblem, isWarning, problemsFromZod } from '../../packages/platform-portal/src/lib/problems.ts';
import { GoalSchema, type GoalInput } from '../../packages/platform-portal/src/schemas/goal.ts';
import { RoadmapItemSchema, type RoadmapItem } from '../../packages/platform-portal/src/schemas/roadmap-item.ts';
import { ScorecardSchema } from '../../packages/platform-portal/src/schemas/scorecard.ts';

const goalInput = (fields: Partial<GoalInput> = {}): GoalInput => ({
  title: 'Teams self-serve',
  period: '2027-H1',
  key_results: [{ title: 'Days to a tenant', baseline: 10, current: 4, target: 2, unit: 'days' }],
  ...fields,
});
const goal = (id: string, fields: Partial<GoalInput> = {}) => ({ id, file: `content/direction/goals/${id}.md`, data: GoalSchema.parse(goalInput(fields)) });
const item = (id: string, fields: Partial<RoadmapItem> = {}) => ({
  id,
  file: `content/roadmap/${id}.md`,
  data: RoadmapItemSchema.parse({ title: `Item ${id}`, summary: 'S', status: 'now', area: 'kafka', ...fields }),
});
const messages = (...args: Parameters<typeof goalProblems>) => goalProblems(...args).map(formatProblem);

describe('roadmap items and goals', () => {
  it('asks nothing of a site without goals: an item may name no goal, or the escape', () => {
    expect(messages([], [item('a'), item('b', { goal: 'maintenance' })])).toEqual([]);
  });

  it('refuses a goal that does not exist, also on a site without goals', () => {
    expect(messages([], [item('a', { goal: 'cost' })])).toEqual([
      'content/roadmap/a.md → goal: unknown goal "cost"; the site has no goals yet; add content/direction/goals/cost.md, or remove goal',
    ]);
  });

  it('once the site has goals, refuses an item that names none or an unknown one, listing the goals and the escape', () => {
    const goals = [goal('self-service'), goal('secure-by-default')];
    expect(messages(goals, [item('a', { goal: 'self-service' }), item('b'), item('c', { goal: 'cost' }), item('d', { goal: 'maintenance' })])).toEqual([
      'content/roadmap/b.md → goal: names no goal; the site has goals in content/direction/goals/, so each roadmap item names the one it serves: self-service, secure-by-default, or maintenance for upkeep that serves none',
      'content/roadmap/c.md → goal: unknown goal "cost"; use a goal of content/direction/goals/: self-service, secure-by-default, or maintenance for upkeep that serves none',
    ]);
  });

  it('keeps the escape for roadmap items: no goal may be named maintenance', () => {
    expect(messages([goal('maintenance')], [item('a', { goal: 'maintenance' })])).toEqual([
      'content/direction/goals/maintenance.md → (file name): "maintenance" is what roadmap items name for upkeep that serves no goal, so no goal may have it as its id; rename the file',
    ]);
  });

  it('asks for a goal file named as roadmap items can name it', () => {
    expect(messages([{ ...goal('x'), id: 'Cost Visible', file: 'content/direction/goals/Cost Visible.md' }], [])).toEqual([
      'content/direction/goals/Cost Visible.md → (file name): "Cost Visible" is the goal\'s id, which roadmap items name in goal; rename the file with lowercase letters, digits and single hyphens, e.g. cost-visible.md',
    ]);
  });

  it('warns, without stopping the build, about planned work for a dropped goal; shipped and dropped items may keep it', () => {
    const goals = [goal('old', { status: 'dropped' })];
    const problems = goalProblems(goals, [item('a', { goal: 'old', status: 'next' }), item('b', { goal: 'old', status: 'dropped' })]);
    expect(problems.map(formatProblem)).toEqual(['content/roadmap/a.md → goal: goal "old" is dropped, yet this item is still planned; name another goal, or drop the item']);
    expect(problems.every(isWarning)).toBe(true);
  });
});

describe('a goal file', () => {
  it('defaults to active and a baseline of 0', () => {
    const parsed = GoalSchema.parse(goalInput({ key_results: [{ title: 'Share', current: 40, target: 100, unit: '%' }] }));
    expect(parsed.status).toBe('active');
    expect(parsed.key_results[0]!.baseline).toBe(0);
  });

  it('refuses a key result whose target is its baseline, and a period that is no year, half or quarter, naming the field', () => {
    const result = GoalSchema.safeParse(goalInput({ period: '2027-S1', key_results: [{ title: 'Incidents', current: 3, target: 0 }] }));
    expect(result.success).toBe(false);
    expect(problemsFromZod(result.error!, { file: 'content/direction/goals/a.md', schema: GoalSchema }).map(formatProblem)).toEqual([
      'content/direction/goals/a.md → period: Use a year, a half or a quarter, e.g. 2027, 2027-H1 or 2027-Q1.',
      'content/direction/goals/a.md → key_results[0].target: The target equals the baseline (0 when not given), so progress cannot be measured; set baseline to the figure when the goal was set.',
    ]);
  });
});

describe('key result progress', () => {
  it('runs from the baseline to the target, up or down, and stays within 0 and 1', () => {
    expect(keyResultProgress({ baseline: 0, current: 40, target: 100 })).toBe(0.4);
    expect(keyResultProgress({ baseline: 10, current: 4, target: 2 })).toBe(0.75);
    expect(keyResultProgress({ baseline: 4, current: 5, target: 0 })).toBe(0);
    expect(keyResultProgress({ baseline: 0, current: 120, target: 100 })).toBe(1);
  });

  it('writes a figure with its unit, a percentage without a space', () => {
    expect([formatFigure(4, 'days'), formatFigure(65, '%'), formatFigure(1234.5, undefined)]).toEqual(['4\u00a0days', '65%', '1,234.5']);
  });
});

describe('items per goal', () => {
  it('groups every item that names a goal under it, in the order of the roadmap, and leaves out the others', () => {
    const items = [item('b', { goal: 'gg', quarter: '2027-Q1' }), item('a', { goal: 'gg', quarter: '2026-Q4' }), item('m', { goal: 'maintenance' }), item('x')];
    const byGoal = itemsByGoal(items);
    expect([...byGoal.keys()].sort()).toEqual(['gg', 'maintenance']);
    expect(byGoal.get('gg')!.map((i) => i.id)).toEqual(['a', 'b']);
  });
});

describe('the scorecard: shipped items per goal', () => {
  const NOW = new Date('2026-11-25T14:30:00Z');
  const base: ScorecardInput = {
    now: NOW,
    tenants: [],
    runbooks: [],
    reviewAgeDays: 180,
    roadmap: [],
    goals: [],
    changelog: [],
    campaigns: [],
    feedback: undefined,
    pageServices: new Map(),
    areaLabel: (area) => area,
    requests: { history: { status: 'not-configured' }, windowDays: 90, types: [], search: { webUrl: 'https://github.com', repository: 'acme/portal', branchPrefix: 'requests', labels: {} } },
  };
  const changelog = [
    { id: 'old', title: 'Old', date: new Date('2026-05-12T00:00:00Z') },
    { id: 'recent', title: 'Recent', date: new Date('2026-10-13T00:00:00Z') },
  ];
  const roadmap = [
    { id: 'a', title: 'A', status: 'shipped', shippedIn: 'old', goal: 'self' },
    { id: 'b', title: 'B', status: 'shipped', shippedIn: 'recent', goal: 'self' },
    { id: 'c', title: 'C', status: 'now', goal: 'self' },
    { id: 'd', title: 'D', status: 'shipped', shippedIn: 'recent', goal: 'maintenance' },
  ];

  it('has no figures per goal on a site without goals', () => {
    expect(computeScorecard({ ...base, roadmap, changelog }).roadmap.by_goal).toBeUndefined();
  });

  it('counts each goal shipped items, ever and in the window, newest first, with maintenance last, and loses none', () => {
    const scorecard = ScorecardSchema.parse(computeScorecard({ ...base, roadmap, changelog, goals: [{ id: 'self', title: 'Self-service' }, { id: 'secure', title: 'Secure' }] }));
    const byGoal = scorecard.roadmap.by_goal!;
    expect(byGoal).toMatchObject({ window_days: 90, since: '2026-08-27' });
    expect(byGoal.goals.map((g) => [g.goal, g.href, g.shipped, g.shipped_in_window, g.items.map((i) => i.id)])).toEqual([
      ['self', '/direction/#goal-self', 2, 1, ['b', 'a']],
      ['secure', '/direction/#goal-secure', 0, 0, []],
      ['maintenance', '/direction/#maintenance', 1, 1, ['d']],
    ]);
    // Every shipped item is counted under exactly one goal when every item names one.
    expect(byGoal.goals.reduce((n, g) => n + g.shipped, 0)).toBe(scorecard.roadmap.shipped.count);
  });
});
