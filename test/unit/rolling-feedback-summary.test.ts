/**
 * The rolling feedback pull request's summary on a local GitHub, without wrangler: what one
 * submission costs with 10 and with 800 files already in the pull request (issue 32, "CPU": the
 * YAML files it parses and the GitHub calls it makes must not grow with the pile), and that the
 * body counts every file once whatever happens to it (races, a body edited by hand, a file
 * changed by a push, a merge of the base branch). Piles are committed straight to the branch with
 * git. No times are asserted, only counts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { adminFetch, OWNER, plumbingRepo, REPO as NAME, startHarness, type Harness } from '../local-github/helpers.ts';
import { commitFiles } from '../helpers/git-commit.ts';
import { openPullRequest, type Repo } from '../../packages/platform-portal/src/github/pull-requests.ts';
import { feedback, feedbackFolder, feedbackPeriod } from '../../packages/platform-portal/src/requests/feedback.ts';
import { requestConfig } from '../../packages/platform-portal/src/requests/config.ts';
import type { BuildContext } from '../../packages/platform-portal/src/requests/types.ts';
import portal from '../fixtures/basics/portal.config.ts';

/** Every YAML parse in the process: the seam that counts the feedback files a submission reads. */
const yamlParses = vi.hoisted(() => ({ count: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const yaml = await importOriginal<typeof import('yaml')>();
  return {
    ...yaml,
    parse: (...args: Parameters<typeof yaml.parse>) => {
      yamlParses.count += 1;
      return yaml.parse(...args);
    },
  };
});

let harness: Harness;
let repo: Repo;

beforeAll(async () => {
  harness = await startHarness();
  repo = plumbingRepo(harness.server);
});
afterAll(() => harness?.close());

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Submission `id` in the week of `now`, as the request edge builds it: rated 1 to 5 by id, on one of 7 pages. */
function submission(id: number, now: Date) {
  const context: BuildContext = {
    // The file is named by the id's first 16 characters.
    requestId: `${hex(id, 16)}${'a'.repeat(48)}`,
    requesterHash: 'f'.repeat(64),
    requester: { email: 'dev@example.com' },
    now,
    catalog: new Map(),
    config: { ...requestConfig(portal, 'feedback'), labels: [] },
  };
  const request = feedback.schema.parse({ page: `/guides/page-${id % 7}/`, rating: (id % 5) + 1, category: 'docs', message: `Submission ${id}.` });
  const change = feedback.build(request, new Map(), context);
  return { change, folder: feedbackFolder(feedbackPeriod(context)), submit: () => openPullRequest(repo, change, context.requestId) };
}

/** `n` feedback files, as a person or a script might push them, rated 3 on one page. */
const piled = (folder: string, from: number, n: number, now: Date): [string, string][] =>
  Array.from({ length: n }, (_, i) => [
    `${folder}${hex(from + i, 16)}.yaml`,
    stringify({ page: '/guides/piled/', rating: 3, category: 'docs', message: `Piled ${from + i}.`, submitted: now.toISOString() }),
  ]);

const stats = async () => (await (await adminFetch(harness.server, 'stats')).json()) as { total: number };
const resetStats = () => adminFetch(harness.server, 'stats/reset', { method: 'POST' });
const body = async (number: number) => (await harness.octokit.rest.pulls.get({ owner: OWNER, repo: NAME, pull_number: number })).data.body ?? '';
const fileCount = async (number: number) => (await harness.octokit.paginate(harness.octokit.rest.pulls.listFiles, { owner: OWNER, repo: NAME, pull_number: number, per_page: 100 })).length;
const submissions = (text: string) => Number(text.match(/\| Submissions \| (\d+) \|/)?.[1]);

/** Runs `submit` and counts the YAML files it parsed and the GitHub calls it made. */
async function measured<T>(submit: () => Promise<T>): Promise<{ answer: T; yamlParses: number; githubCalls: number }> {
  yamlParses.count = 0;
  await resetStats();
  const answer = await submit();
  return { answer, yamlParses: yamlParses.count, githubCalls: (await stats()).total };
}

/**
 * Opens a rolling pull request for the week of `now`, piles files onto its branch, lets one
 * submission take them in (`pile` files in all by then), then measures the next one.
 */
async function submissionCost(now: Date, pile: number, first: number) {
  const opener = submission(first, now);
  const opened = await opener.submit();
  commitFiles(harness.server.repoPath, opened.branch, piled(opener.folder, first + 1, pile - 2, now));
  await submission(first + pile, now).submit();
  const cost = await measured(submission(first + pile + 1, now).submit);
  return { ...cost, opened: opened.number, body: await body(cost.answer.number) };
}

describe('one submission to a rolling feedback pull request', () => {
  it('reads as many feedback files and makes as many GitHub calls with 800 files in the pull request as with 10', async () => {
    const small = await submissionCost(new Date('2026-11-24T12:00:00Z'), 10, 1_000);
    const large = await submissionCost(new Date('2026-12-01T12:00:00Z'), 800, 2_000);
    // Its own file, and nothing of the pile (before, every file was parsed in each of two rounds: 22 and 1,600).
    expect(small.yamlParses).toBeLessThanOrEqual(2);
    expect(large.yamlParses).toBe(small.yamlParses);
    expect(large.githubCalls).toBe(small.githubCalls);
    expect([small.answer.number, large.answer.number]).toEqual([small.opened, large.opened]);
    // Every file is counted: the opener, the pile, the catch-up and the measured submission.
    expect(submissions(small.body)).toBe(11);
    expect(submissions(large.body)).toBe(801);
  }, 120_000);
});

describe('the summary counts every file once', () => {
  let week = 0;
  /** A rolling pull request of its own for each test: a week of its own. */
  async function opened(first: number) {
    const now = new Date(Date.parse('2027-01-05T12:00:00Z') + 7 * 86_400_000 * week++);
    const opener = submission(first, now);
    const answer = await opener.submit();
    return { ...answer, now, folder: opener.folder, next: (id: number) => submission(id, now).submit() };
  }

  it('ten submissions at once: never counted twice, and all of them once the next submission is in', async () => {
    const pr = await opened(3_000);
    await Promise.all(Array.from({ length: 10 }, (_, i) => pr.next(3_001 + i)));
    expect(submissions(await body(pr.number))).toBeLessThanOrEqual(11);
    await pr.next(3_100);
    expect(submissions(await body(pr.number))).toBe(12);
    expect(await fileCount(pr.number)).toBe(12);
  }, 60_000);

  it('a body edited by hand, its state garbled or removed, is counted again from the files once', async () => {
    const pr = await opened(4_000);
    commitFiles(harness.server.repoPath, pr.branch, piled(pr.folder, 4_001, 30, pr.now));
    await pr.next(4_100);
    const edits = [
      (text: string) => text.replace(/"n":\d+/, '"n":999999'),
      (text: string) => text.replace(/<!-- portal-feedback-state: .* -->/, '<!-- portal-feedback-state: {"v":1,"at":"not json -->'),
      (text: string) => text.replace(/<!-- portal-feedback-state: .* -->/, ''),
      () => 'Thanks, looking into these.',
    ];
    for (const [i, edit] of edits.entries()) {
      await harness.octokit.rest.pulls.update({ owner: OWNER, repo: NAME, pull_number: pr.number, body: edit(await body(pr.number)) });
      const rebuilt = await measured(() => pr.next(4_200 + i));
      expect(submissions(await body(pr.number)), `edit ${i}`).toBe(33 + 2 * i);
      expect(rebuilt.yamlParses, `edit ${i}`).toBeGreaterThan(30);
      // And counted from its state again after that.
      const next = await measured(() => pr.next(4_300 + i));
      expect(next.yamlParses, `edit ${i}`).toBeLessThanOrEqual(2);
      expect(submissions(await body(pr.number)), `edit ${i}`).toBe(34 + 2 * i);
    }
  }, 60_000);

  it('a counted file changed by a push, and a merge of the base branch, are counted again from the files', async () => {
    const pr = await opened(5_000);
    const files = piled(pr.folder, 5_001, 5, pr.now);
    commitFiles(harness.server.repoPath, pr.branch, files);
    await pr.next(5_100);
    expect(await body(pr.number)).toContain('| `/guides/piled/` | 5 | 3.0 |');

    // A reviewer rates the piled ones 1 instead.
    commitFiles(harness.server.repoPath, pr.branch, files.map(([path, text]) => [path, text.replace('rating: 3', 'rating: 1')]));
    await pr.next(5_101);
    expect(await body(pr.number)).toContain('| `/guides/piled/` | 5 | 1.0 |');
    expect(submissions(await body(pr.number))).toBe(8);

    // The base branch moves on and is merged into the pull request's branch: a file it adds is not the pull request's.
    const git = (...args: string[]) => execFileSync('git', args, { env: { ...process.env, GIT_DIR: harness.server.repoPath }, encoding: 'utf-8' }).trim();
    commitFiles(harness.server.repoPath, 'main', [[`${pr.folder}from-main.yaml`, files[0]![1]]]);
    const tree = git('merge-tree', '--write-tree', `refs/heads/${pr.branch}`, 'refs/heads/main');
    const merge = git('commit-tree', tree, '-p', `refs/heads/${pr.branch}`, '-p', 'refs/heads/main', '-m', 'Merge main');
    git('update-ref', `refs/heads/${pr.branch}`, merge);
    await pr.next(5_102);
    expect(submissions(await body(pr.number))).toBe(9);
    expect(await fileCount(pr.number)).toBe(9);
  }, 60_000);
});
