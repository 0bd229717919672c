/**
 * A campaign's progress over time: the points from the commits of its state files, read from a
 * real git repository (complete, shallow, or none at all), the chart drawn from them, and the
 * scorecard's figures over the same progress.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { campaignProgress } from '../../packages/platform-portal/src/lib/campaigns.ts';
import { progressHistory, type StateCommit } from '../../packages/platform-portal/src/lib/campaign-history.ts';
import { campaignChart } from '../../packages/platform-portal/src/lib/campaign-chart.ts';
import { campaignsFigures } from '../../packages/platform-portal/src/lib/scorecard-campaigns.ts';
import { readCampaignHistory } from '../../packages/platform-portal/src/data/campaign-history.ts';
import { CampaignStateSchema } from '../../packages/platform-portal/src/schemas/campaign.ts';

const campaign = { deadline: new Date('2026-11-30T00:00:00Z') };
const TENANTS = ['aa', 'bb', 'cc'];
const TODAY = '2026-12-04';
const commit = (day: string, files: Record<string, string | null>): StateCommit => ({ day, files: new Map(Object.entries(files)) });
const current = (states: Record<string, unknown>, today = TODAY) =>
  campaignProgress(campaign, TENANTS, new Map(Object.entries(states).map(([t, s]) => [t, CampaignStateSchema.parse(s)])), today);

describe("a campaign's progress over time", () => {
  const commits = [
    commit('2026-11-20', { aa: 'state: planned\ndate: 2026-11-26\n', bb: 'state: exempt\nexemption: {reason: Retired., approver: lea, expires: 2026-11-28}\n' }),
    commit('2026-11-20', { cc: 'state: done\ndate: 2026-11-19\n' }),
    commit('2026-11-26', { aa: 'state: done\ndate: 2026-11-26\n' }),
    commit('2026-11-27', { cc: null, zz: 'state: done\ndate: 2026-11-27\n' }),
    commit('2026-11-28', { aa: 'state: [not, a, state' }),
  ];

  it('has one point per day with a commit, as of that day, then the build day from the current progress', () => {
    const now = current({ aa: { state: 'done', date: '2026-11-26' } });
    const points = progressHistory(campaign, TENANTS, commits, now, TODAY);
    expect(points.map((p) => [p.day, p.done, p.exempt, p.planned, p.todo, p.overdue])).toEqual([
      ['2026-11-20', 1, 1, 1, 0, 0],
      ['2026-11-26', 2, 1, 0, 0, 0],
      // A removed file is to do again; a tenant out of scope today (zz) is not counted.
      ['2026-11-27', 1, 1, 0, 1, 0],
      // A file that did not parse then counts as no state.
      ['2026-11-28', 0, 1, 0, 2, 0],
      ['2026-12-04', 1, 0, 0, 2, 2],
    ]);
    expect(points.every((p) => p.total === TENANTS.length)).toBe(true);
  });

  it('is the build day alone without commits, and never counts a commit of the build day twice', () => {
    const now = current({});
    expect(progressHistory(campaign, TENANTS, [], now, TODAY).map((p) => p.day)).toEqual([TODAY]);
    expect(progressHistory(campaign, TENANTS, [commit(TODAY, { aa: 'state: done\ndate: 2026-12-04\n' })], now, TODAY)).toEqual([
      { day: TODAY, ...now.counts, total: 3 },
    ]);
  });
});

describe("a campaign's chart", () => {
  const points = progressHistory(campaign, TENANTS, [commit('2026-11-20', { aa: 'state: done\ndate: 2026-11-20\n' })], current({ aa: { state: 'done', date: '2026-11-20' } }), TODAY);
  const chart = campaignChart({ title: 'Upgrade', started: '2026-11-18', deadline: '2026-11-30', points });

  it('stacks done, exempt and planned as closed step bands inside the plot, and puts the deadline between start and today', () => {
    expect(chart.areas.map((a) => a.series)).toEqual(['done', 'exempt', 'planned']);
    for (const { d } of chart.areas) {
      expect(d).toMatch(/^M\d+ \d+(L\d+ \d+)+Z$/);
      const xs = [...d.matchAll(/(\d+) (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
      for (const [x, y] of xs) {
        expect(x).toBeGreaterThanOrEqual(chart.plot.left);
        expect(x).toBeLessThanOrEqual(chart.plot.right);
        expect(y).toBeGreaterThanOrEqual(chart.plot.top);
        expect(y).toBeLessThanOrEqual(chart.plot.bottom);
      }
    }
    expect(chart.deadlineX).toBeGreaterThan(chart.plot.left);
    expect(chart.deadlineX).toBeLessThan(chart.plot.right);
    expect(chart.yTicks.map((t) => t.label)).toEqual(['0', '1', '2', '3']);
  });

  it('says the first and last standing and the deadline in words', () => {
    expect(chart.description).toBe('Upgrade: on 20 Nov 2026 1 done, 0 exempt and 0 planned of 3; on 4 Dec 2026 1 done, 0 exempt and 0 planned of 3; deadline 30 Nov 2026.');
  });

  it('draws a lone point, the build day, with a width of its own', () => {
    const lone = campaignChart({ title: 'Upgrade', started: TODAY, deadline: TODAY, points: [points.at(-1)!] });
    expect(lone.areas[0]!.d).not.toMatch(/^M(\d+) \d+L\1 /);
    expect(lone.description).toBe('Upgrade: on 4 Dec 2026 1 done, 0 exempt and 0 planned of 3; deadline 4 Dec 2026.');
  });
});

describe('the scorecard’s campaign figures', () => {
  it('are the progress of each campaign, as whole percentages, and overall over every tenant of every campaign', () => {
    const late = current({ aa: { state: 'done', date: '2026-12-01' }, bb: { state: 'done', date: '2026-11-01' } });
    const none = campaignProgress(campaign, [], new Map(), TODAY);
    const figures = campaignsFigures([
      { id: 'late', title: 'Late', open: true, deadline: '2026-11-30', progress: late },
      { id: 'empty', title: 'Empty', open: false, deadline: '2026-11-30', progress: none },
    ]);
    expect(figures.by_campaign[0]).toMatchObject({
      completion_percent: 67,
      on_time_percent: 50,
      done: { count: 2, href: '/campaigns/late/#tenants-done' },
      overdue: { count: 1, href: '/campaigns/late/#tenants-overdue' },
      tenants: { count: 3, href: '/campaigns/late/#tenants' },
    });
    expect(figures.by_campaign[1]).toMatchObject({ completion_percent: 100, on_time_percent: null });
    expect(figures).toMatchObject({ open: 1, completion_percent: 67, on_time_percent: 50, campaigns: { count: 2, href: '/campaigns/' } });
  });
});

describe('the history read from git', () => {
  let root: string;
  let firstFlat: string;
  const git = (cwd: string, args: string[], date?: string) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf-8',
      env: { ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.com', ...(date && { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }) },
    });
  const write = async (dir: string, file: string, text: string) => {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'portal-campaign-history-'));
    const site = path.join(root, 'site');
    // The site in a folder of its repository, as a monorepo holds it: paths go through the prefix.
    const dir = path.join(site, 'docs-site');
    await write(dir, 'content/campaigns/up.yaml', 'title: Up\n');
    await write(dir, 'content/campaigns/up/aa.yaml', 'state: planned\ndate: 2026-11-26\n');
    git(site, ['init', '-q', '-b', 'main']);
    git(site, ['add', '-A']);
    git(site, ['commit', '-q', '-m', 'one'], '2026-11-20T10:00:00Z');
    await write(dir, 'content/campaigns/up/aa.yaml', 'state: done\ndate: 2026-11-26\n');
    await write(dir, 'content/campaigns/other/bb.yaml', 'state: done\ndate: 2026-11-26\n');
    git(site, ['commit', '-q', '-am', 'two'], '2026-11-26T23:30:00Z');
    git(site, ['add', '-A']);
    git(site, ['commit', '-q', '-m', 'three'], '2026-11-27T01:00:00Z');
    git(site, ['rm', '-q', 'docs-site/content/campaigns/up/aa.yaml']);
    git(site, ['commit', '-q', '-m', 'four'], '2026-11-28T10:00:00Z');
    git(root, ['clone', '-q', '--depth', '1', `file://${site}`, 'shallow']);
    await write(root, 'plain/content/campaigns/up/aa.yaml', 'state: done\ndate: 2026-11-26\n');
    // The local GitHub of `platform-portal start`: a bare repository, the site's content at its root.
    const flat = path.join(root, 'flat');
    await write(flat, 'content/campaigns/up/aa.yaml', 'state: planned\ndate: 2026-11-26\n');
    git(flat, ['init', '-q', '-b', 'main']);
    git(flat, ['add', '-A']);
    git(flat, ['commit', '-q', '-m', 'one'], '2026-11-20T10:00:00Z');
    firstFlat = git(flat, ['rev-parse', 'HEAD']).trim();
    await write(flat, 'content/campaigns/up/aa.yaml', 'state: done\ndate: 2026-11-26\n');
    git(flat, ['commit', '-q', '-am', 'two'], '2026-11-26T10:00:00Z');
    git(root, ['clone', '-q', '--bare', flat, 'local-github.git']);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('gives each campaign its commits, oldest first, with the files as they were', () => {
    const history = readCampaignHistory(path.join(root, 'site/docs-site'), {});
    expect(history.status).toBe('complete');
    if (history.status === 'unavailable') return;
    const up = history.commits.get('up')!.map((c) => [c.day, Object.fromEntries(c.files)]);
    expect(up).toEqual([
      ['2026-11-20', { aa: 'state: planned\ndate: 2026-11-26\n' }],
      ['2026-11-26', { aa: 'state: done\ndate: 2026-11-26\n' }],
      ['2026-11-28', { aa: null }],
    ]);
    expect(history.commits.get('other')!.map((c) => c.day)).toEqual(['2026-11-27']);
  });

  it('says when the clone is shallow, and has its oldest commit', () => {
    const history = readCampaignHistory(path.join(root, 'shallow/docs-site'), {});
    expect(history.status).toBe('shallow');
    if (history.status === 'unavailable') return;
    expect(history.commits.get('other')!.map((c) => c.day)).toEqual(['2026-11-28']);
  });

  it("reads the local GitHub's repository under platform-portal start, up to the commit built", () => {
    const gitDir = path.join(root, 'local-github.git');
    const days = (env: Record<string, string>) => {
      const history = readCampaignHistory(path.join(root, 'plain'), env);
      return history.status === 'unavailable' ? history.reason : history.commits.get('up')!.map((c) => c.day);
    };
    expect(days({ PORTAL_CONTENT_GIT_DIR: gitDir })).toEqual(['2026-11-20', '2026-11-26']);
    expect(days({ PORTAL_CONTENT_GIT_DIR: gitDir, PORTAL_BUILD_COMMIT: firstFlat })).toEqual(['2026-11-20']);
  });

  it('says why there is none outside a git repository', () => {
    expect(readCampaignHistory(path.join(root, 'plain'), {})).toEqual({ status: 'unavailable', reason: 'the content folder (content) is not in a git repository' });
  });
});
