/**
 * The direction page and the scorecard's shipped items per goal, on the basics fixture (its
 * content/direction/ and the `goal` of each roadmap item): every figure is checked against the
 * fixture's own files, so the page, the JSON and the roadmap cannot disagree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { HTMLElement } from 'node-html-parser';
import { builtPages, DIST } from '../helpers/dist.ts';
import { BASICS } from '../helpers/fixtures.ts';

interface Item {
  id: string;
  title: string;
  status: string;
  goal?: string;
  shipped_in?: string;
}

let pages: Map<string, HTMLElement>;
let items: Item[];
let goals: { id: string; title: string; status: string }[];
let json: any;

const frontmatter = async (file: string) => parseYaml((await readFile(path.join(BASICS, file), 'utf-8')).split(/^---$/m)[1]!);
const filesOf = async (folder: string) => (await readdir(path.join(BASICS, 'content', folder))).filter((f) => f.endsWith('.md'));
const hrefs = (el: HTMLElement) => el.querySelectorAll('a[href]').map((a) => a.getAttribute('href'));

beforeAll(async () => {
  pages = await builtPages();
  items = await Promise.all((await filesOf('roadmap')).map(async (f) => ({ id: f.replace(/\.md$/, ''), ...(await frontmatter(`content/roadmap/${f}`)) })));
  goals = await Promise.all((await filesOf('direction/goals')).map(async (f) => ({ id: f.replace(/\.md$/, ''), status: 'active', ...(await frontmatter(`content/direction/goals/${f}`)) })));
  json = JSON.parse(await readFile(path.join(DIST, 'insights/scorecard.json'), 'utf-8'));
});

describe('the direction page', () => {
  it('shows the mission, then every goal, active ones first', async () => {
    const page = pages.get('/direction/')!;
    const mission = await frontmatter('content/direction/mission.md');
    expect(page.querySelector('#mission + p')!.text).toBe(mission.title);
    const shown = page.querySelectorAll('section.goal h2').map((h) => h.getAttribute('id'));
    expect([...shown].sort()).toEqual(goals.map((g) => `goal-${g.id}`).sort());
    const statuses = shown.map((id) => goals.find((g) => `goal-${g.id}` === id)!.status);
    expect(statuses.indexOf('active')).toBe(0);
    expect(statuses.lastIndexOf('active')).toBe(statuses.filter((s) => s === 'active').length - 1);
  });

  it('lists under each goal the roadmap items that name it, by status, each linked; dropped ones left out', () => {
    const page = pages.get('/direction/')!;
    for (const goal of goals) {
      const section = page.querySelector(`section[aria-labelledby="goal-${goal.id}"]`)!;
      const expected = items.filter((i) => i.goal === goal.id && i.status !== 'dropped');
      expect(hrefs(section.querySelector('.goal-items') ?? section).sort(), goal.id).toEqual(expected.map((i) => `/roadmap/${i.id}/`).sort());
      for (const group of section.querySelectorAll('.goal-items dt')) {
        const [, status, count] = /^(\w+) \((\d+)\)$/.exec(group.text)!;
        expect(expected.filter((i) => i.status === status!.toLowerCase()).length, `${goal.id} ${status}`).toBe(Number(count));
      }
    }
  });

  it('shows each key result as a bar and in figures', async () => {
    const page = pages.get('/direction/')!;
    const goal = await frontmatter('content/direction/goals/self-service.md');
    const results = page.querySelectorAll('section[aria-labelledby="goal-self-service"] .key-results li');
    expect(results.map((li) => li.querySelector('.key-results__title')!.text)).toEqual(goal.key_results.map((kr: { title: string }) => kr.title));
    // 10 days at the start, 4 now, 2 the target: three quarters of the way.
    expect(results[0]!.querySelector('.key-results__figures')!.text.replace(/\s+/g, ' ')).toBe('4 days now, target 2 days (from 10 days): 75% of the way');
    expect(results[0]!.querySelector('svg[aria-hidden="true"] .allocation-bar__fill')!.getAttribute('width')).toBe('75');
  });

  it('counts the maintenance items apart, and ships no script of its own', () => {
    const page = pages.get('/direction/')!;
    const upkeep = items.filter((i) => i.goal === 'maintenance' && i.status !== 'dropped');
    const section = page.querySelector('section[aria-labelledby="maintenance"]')!;
    expect(section.text).toContain(`${upkeep.length} roadmap items are upkeep`);
    expect(hrefs(section).sort()).toEqual(upkeep.map((i) => `/roadmap/${i.id}/`).sort());
    expect(page.querySelectorAll('astro-island')).toHaveLength(0);
  });

  it('is linked before the roadmap in the sidebar, from the roadmap, and from each item to its goal', () => {
    const sidebar = hrefs(pages.get('/roadmap/')!.querySelector('#starlight__sidebar')!);
    expect(sidebar.indexOf('/direction/')).toBe(sidebar.indexOf('/roadmap/') - 1);
    expect(hrefs(pages.get('/roadmap/')!.querySelector('main')!)).toContain('/direction/');
    for (const item of items) {
      const link = pages.get(`/roadmap/${item.id}/`)!.querySelector('a.serves-goal')!;
      expect(link.getAttribute('href'), item.id).toBe(item.goal === 'maintenance' ? '/direction/#maintenance' : `/direction/#goal-${item.goal}`);
    }
  });
});

describe("the scorecard's shipped items per goal", () => {
  it('counts the shipped items naming each goal, ever and in its window, as the roadmap and the changelog say', async () => {
    const byGoal = json.roadmap.by_goal;
    const since = Date.parse(`${byGoal.since}T00:00:00Z`);
    const generated = Date.parse(json.generated_at);
    const noteDate = async (id: string) => Date.parse(`${String((await frontmatter(`content/changelog/${id}.mdx`)).date).slice(0, 10)}T00:00:00Z`);
    const expectedGoals = [...goals.map((g) => g.id), ...(items.some((i) => i.goal === 'maintenance') ? ['maintenance'] : [])];
    expect(byGoal.goals.map((g: any) => g.goal).sort()).toEqual(expectedGoals.sort());
    for (const row of byGoal.goals) {
      const shipped = items.filter((i) => i.status === 'shipped' && i.goal === row.goal);
      expect(row.items.map((i: any) => i.id).sort(), row.goal).toEqual(shipped.map((i) => i.id).sort());
      expect(row.shipped).toBe(shipped.length);
      const dates = await Promise.all(shipped.map((i) => noteDate(i.shipped_in!)));
      expect(row.shipped_in_window, row.goal).toBe(dates.filter((d) => d >= since && d <= generated).length);
    }
    expect(byGoal.goals.reduce((n: number, g: any) => n + g.shipped, 0)).toBe(json.roadmap.shipped.count);
  });

  it('shows the same on the page, each goal linking to it on the direction page', () => {
    const rows = pages.get('/insights/scorecard/')!.querySelectorAll('#shipped-by-goal ~ table tbody tr');
    expect(rows.map((tr) => [tr.querySelector('th a')!.getAttribute('href'), Number(tr.querySelectorAll('td')[0]!.text)])).toEqual(
      json.roadmap.by_goal.goals.map((g: any) => [g.href, g.shipped]),
    );
    for (const row of json.roadmap.by_goal.goals) expect(pages.get('/direction/')!.querySelector(row.href.replace('/direction/', ''))).not.toBeNull();
  });
});
