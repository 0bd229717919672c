import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';
import { commitFiles } from '../helpers/git-commit.ts';
import { DEV_ID_SECRET, requesterHash, submissionId } from '../../packages/platform-portal/src/http/ids.ts';
import { parseMarker } from '../../packages/platform-portal/src/requests/marker.ts';
import { SUMMARY_MAX_FILES } from '../../packages/platform-portal/src/github/pull-summary.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const PAGES = ['/guides/kafka-quickstart/', '/guides/observability/', '/runbooks/kafka-consumer-lag/', '/guides/postgresql-quickstart/'];

interface Submission {
  key: string;
  body: { page: string; rating: number; category: string; message: string };
}

const distinct: Submission[] = Array.from({ length: 25 }, (_, i) => ({
  key: `inbox-submission-${i}`,
  body: { page: PAGES[i % PAGES.length]!, rating: ((i * 7) % 5) + 1, category: 'docs', message: `Submission ${i}: *not* [a link](https://x.example).` },
}));

/** Three waves of ten at once; five are retries of an earlier key, two of them racing their original. */
const waves: Submission[][] = [
  distinct.slice(0, 10),
  [...distinct.slice(10, 18), distinct[11]!, distinct[3]!],
  [...distinct.slice(18, 25), distinct[0]!, distinct[17]!, distinct[24]!],
];

const post = (s: Submission) => stack.post('feedback', s.body, { 'idempotency-key': s.key });
const average = (ratings: number[]) => (ratings.reduce((a, b) => a + b, 0) / ratings.length).toFixed(1);

async function feedbackPulls(state: 'open' | 'all') {
  const { data } = await stack.octokit.rest.pulls.list({ owner: OWNER, repo: REPO, state, per_page: 100 });
  return data.filter((pr) => pr.head.ref.startsWith('requests/feedback/'));
}

async function pullBody(number: number): Promise<string> {
  return (await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: number })).data.body ?? '';
}

describe('the feedback inbox', () => {
  it('collects 30 submissions, 10 at a time with 5 retries, as 25 files in one pull request with a summary', async () => {
    const answers = [];
    for (const wave of waves) answers.push(...(await Promise.all(wave.map(post))));
    expect(answers.filter((a) => a.status >= 300).map((a) => a.body)).toEqual([]);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.pullRequest.number)).size).toBe(1);

    const open = await feedbackPulls('open');
    expect(open).toHaveLength(1);
    const pr = open[0]!;
    const period = pr.head.ref.replace('requests/feedback/', '');
    expect(period).toMatch(/^\d{4}-W\d{2}$/);

    const files = await stack.octokit.paginate(stack.octokit.rest.pulls.listFiles, { owner: OWNER, repo: REPO, pull_number: pr.number, per_page: 100 });
    // `platform-portal start` and the test stack key the ids with the development secret.
    const hash = await requesterHash(DEV_ID_SECRET, 'developer@example.com');
    const expectedNames = await Promise.all(distinct.map(async (s) => (await submissionId(DEV_ID_SECRET, { type: 'feedback', requester: hash, key: s.key, request: s.body })).slice(0, 16)));
    expect(files.map((f) => f.filename).sort()).toEqual(expectedNames.map((name) => `content/feedback/${period}/${name}.yaml`).sort());

    const body = await pullBody(pr.number);
    expect(body).toContain(`| Submissions | 25 |\n| Average rating | ${average(distinct.map((s) => s.body.rating))} / 5 |`);
    for (const page of PAGES) {
      const ratings = distinct.filter((s) => s.body.page === page).map((s) => s.body.rating);
      expect(body).toContain(`| \`${page}\` | ${ratings.length} | ${average(ratings)} |`);
    }
    expect(body).not.toMatch(/\[a link\]\(/);
    expect(parseMarker(body)?.type).toBe('feedback');
  }, 180_000);

  it('starts a new pull request after the period’s was merged, and again after it was closed', async () => {
    const [merged] = await feedbackPulls('open');
    await stack.octokit.rest.pulls.merge({ owner: OWNER, repo: REPO, pull_number: merged!.number });
    const afterMerge = await post({ key: 'inbox-after-merge', body: { page: PAGES[0]!, rating: 2, category: 'docs', message: 'After the merge.' } });
    expect(afterMerge.status, JSON.stringify(afterMerge.body)).toBe(201);
    expect(afterMerge.body.pullRequest.number).not.toBe(merged!.number);
    const second = afterMerge.body.pullRequest.number;
    expect((await stack.octokit.rest.pulls.listFiles({ owner: OWNER, repo: REPO, pull_number: second })).data).toHaveLength(1);
    expect(await pullBody(second)).toContain('| Submissions | 1 |\n| Average rating | 2.0 / 5 |');

    await stack.octokit.rest.pulls.update({ owner: OWNER, repo: REPO, pull_number: second, state: 'closed' });
    const afterClose = await post({ key: 'inbox-after-close', body: { page: PAGES[1]!, rating: 5, category: 'docs', message: 'After the close.' } });
    expect(afterClose.status, JSON.stringify(afterClose.body)).toBe(201);
    const third = afterClose.body.pullRequest.number;
    expect(third).not.toBe(second);
    expect(await pullBody(third)).toContain('| Submissions | 1 |\n| Average rating | 5.0 / 5 |');
    expect((await feedbackPulls('open')).map((pr) => pr.number)).toEqual([third]);
    expect((await feedbackPulls('all')).map((pr) => pr.state).sort()).toEqual(['closed', 'closed', 'open']);
  });

  it('answers a retry whose submission was already merged with the pull request that carried it', async () => {
    const [third] = await feedbackPulls('open');
    await stack.octokit.rest.pulls.merge({ owner: OWNER, repo: REPO, pull_number: third!.number });
    const first = (await feedbackPulls('all')).find((pr) => pr.merged_at && pr.number !== third!.number)!;

    const retryOfLast = await post({ key: 'inbox-after-close', body: { page: PAGES[1]!, rating: 5, category: 'docs', message: 'After the close.' } });
    expect(retryOfLast.status, JSON.stringify(retryOfLast.body)).toBe(200);
    expect(retryOfLast.body.pullRequest.number).toBe(third!.number);
    const retryOfFirst = await post(distinct[0]!);
    expect(retryOfFirst.status, JSON.stringify(retryOfFirst.body)).toBe(200);
    expect(retryOfFirst.body.pullRequest.number).toBe(first.number);
    expect(await feedbackPulls('open')).toEqual([]);
  });

  it('summarizes a pull request too large to list whole from the files GitHub lists first and those added since, and says so', async () => {
    const opened = await post({ key: 'inbox-large-first', body: { page: PAGES[0]!, rating: 1, category: 'docs', message: 'Opens the pull request.' } });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const { number, branch } = opened.body.pullRequest;
    // The period's branch, or a later generation of it (requests/feedback/2026-W48.3) once one was merged.
    const folder = `content/feedback/${branch.replace('requests/feedback/', '').replace(/\.\d+$/, '')}/`;
    // SUMMARY_MAX_FILES earlier submissions, rated 4, as one commit on the branch.
    const yaml = stringify({ page: PAGES[1], rating: 4, category: 'docs', message: '', submitted: '2026-11-30T10:00:00.000Z' });
    const earlier = Array.from({ length: SUMMARY_MAX_FILES }, (_, i): [string, string] => [`${folder}0000${String(i).padStart(12, '0')}.yaml`, yaml]);
    commitFiles(stack.github.repoPath, branch, earlier);

    const joined = await post({ key: 'inbox-large-next', body: { page: PAGES[2]!, rating: 5, category: 'docs', message: 'Joins it.' } });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
    expect(joined.body.pullRequest.number).toBe(number);
    const body = await pullBody(number);
    expect(body).toContain(`more than ${SUMMARY_MAX_FILES} files: the figures below count the first ${SUMMARY_MAX_FILES}`);
    // GitHub lists files in path order: the bulk ones come first. The joining submission's own
    // file, committed after the head the listing is taken at, is counted as added since.
    expect(body).toContain(`| Submissions | ${SUMMARY_MAX_FILES + 1} |\n| Average rating | 4.0 / 5 |`);
    expect(parseMarker(body)?.id).toBe(opened.body.id);
  }, 120_000);
});
