import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';
import { corpusSites, corpusSize, expectInert, expectRefused, hostileCases, sendCase } from '../helpers/hostile-corpus.ts';

// The built-in types' cases; a case with a `site` runs on that fixture's stack (test/helpers/hostile-corpus.ts).
const cases = hostileCases();
const refused = cases.filter((c) => c.expect.status >= 400);
const accepted = cases.filter((c) => c.expect.status < 400);

let stack: TestStack;
let pullsBefore = 0;
beforeAll(async () => {
  stack = await startTestStack();
  pullsBefore = (await stack.openPulls()).length;
});
afterAll(() => stack?.stop());

describe('hostile inputs', () => {
  it('has at least 40 cases', () => expect(corpusSize()).toBeGreaterThanOrEqual(40));
  // A site's cases run in its own test; a site no test knows would be skipped without a word.
  it('names no fixture site but day-two, whose cases test/e2e/day-two.test.ts runs', () => expect(corpusSites()).toEqual(['day-two']));

  it.each(refused)('$name → $expect.status', async (c) => {
    await expectRefused(await sendCase(stack.siteUrl, c), c);
  });

  it('opened no pull request for any of them', async () => {
    expect((await stack.openPulls()).length).toBe(pullsBefore);
  });
});

describe('hostile inputs that are valid requests', () => {
  it.each(accepted)('$name → $expect.status, mentioning and referencing nothing', async (c) => {
    await expectInert(await sendCase(stack.siteUrl, c), c, stack.octokit, [OWNER, REPO]);
  });
});

describe('text that could be read as Markdown or HTML', () => {
  it('reaches the pull request as plain text', async () => {
    const response = await stack.post('feedback', {
      page: '/guides/getting-started/',
      rating: 1,
      category: 'docs',
      message: '<script>alert(1)</script> [click](javascript:alert(1)) ![x](https://evil.example/x.png) @everyone\n# Heading\n---\nstatus: merged',
    });
    // 200 when the week's rolling feedback pull request is already open (a corpus case opened it).
    expect([200, 201], JSON.stringify(response.body)).toContain(response.status);
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: response.body.pullRequest.number });
    expect(pr.body).not.toMatch(/<script>|\]\(javascript:|!\[x\]\(|@everyone|^# Heading/m);
    expect(pr.body).toContain('&#60;script&#62;');
  });
});

/** Git on the local GitHub's bare repository, as the tests' "time machine". */
const git = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  execFileSync('git', args, { cwd: stack.github.repoPath, encoding: 'utf-8', input: options.input, env: { ...process.env, ...options.env } });

/**
 * Makes the commits a branch has of its own `ms` older, as if the attempt that wrote them had run
 * then; `edit` rewrites each file they changed (e.g. the date an onboarding file records).
 */
function rewind(branch: string, ms: number, edit: (text: string) => string = (text) => text): void {
  const head = git(['rev-parse', `refs/heads/${branch}`]).trim();
  let parent = git(['merge-base', 'main', head]).trim();
  const index = path.join(os.tmpdir(), `rewind-${process.pid}-${Date.now()}`);
  for (const sha of git(['rev-list', '--reverse', `main..${head}`]).split('\n').filter(Boolean)) {
    const env = { GIT_INDEX_FILE: index };
    git(['read-tree', sha], { env });
    for (const file of git(['diff-tree', '--no-commit-id', '--name-only', '-r', `${sha}^`, sha]).split('\n').filter(Boolean)) {
      const blob = git(['hash-object', '-w', '--stdin'], { input: edit(git(['show', `${sha}:${file}`])) }).trim();
      git(['update-index', '--cacheinfo', `100644,${blob},${file}`], { env });
    }
    const tree = git(['write-tree'], { env }).trim();
    const [name, email, date] = git(['log', '-1', '--format=%cn%n%ce%n%cI', sha]).trim().split('\n') as [string, string, string];
    const when = new Date(Date.parse(date) - ms).toISOString();
    const who = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when };
    parent = git(['commit-tree', tree, '-p', parent, '-F', '-'], { input: git(['log', '-1', '--format=%B', sha]), env: who }).trim();
  }
  git(['update-ref', `refs/heads/${branch}`, parent, head]);
}

const MINUTES = 60_000;
const onboardingRequest = (slug: string, contact: string, justification: string) => ({
  name: 'Left Over',
  slug,
  owners: ['@alex-kim'],
  contact,
  cost_centre: 'CC-2077',
  environments: ['dev'],
  data_classification: 'internal',
  services: { kafka: { partitions: 12 } },
  justification,
});
/** Makes GitHub refuse to open pull requests past Octokit's retries: the branch is made, the pull request is not. */
const failPullRequests = () => stack.fault({ route: 'create-pull', kind: '500', times: 3 });
const pullsWithId = async (id: string) => (await stack.openPulls()).filter((pr) => pr.body?.includes(`"id":"${id}"`));
const fileOf = (branch: string, file: string) => git(['show', `refs/heads/${branch}:${file}`]);

describe('a branch left without a pull request never jams its name', () => {
  const slug = 'left-over-team';
  const first = onboardingRequest(slug, 'first-team@example.com', 'The first submission: its pull request never opened.');
  const second = onboardingRequest(slug, 'second-team@example.com', 'The second submission: another person asks for the same tenant.');

  it('a different submission waits while the branch is young, told when to try again, and replaces it once abandoned', async () => {
    await failPullRequests();
    const failed = await stack.post('onboarding', first, { 'idempotency-key': 'left-over-first' });
    expect(failed.status, JSON.stringify(failed.body)).toBe(502);

    const young = await stack.post('onboarding', second, { 'idempotency-key': 'left-over-second' });
    expect(young.status, JSON.stringify(young.body)).toBe(409);
    expect(young.body).toMatchObject({ retryable: true });
    expect(Number(young.headers.get('retry-after'))).toBeGreaterThan(0);

    rewind(`requests/onboarding/${slug}`, 7 * MINUTES);
    const replaced = await stack.post('onboarding', second, { 'idempotency-key': 'left-over-second' });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(201);
    const branch = replaced.body.pullRequest.branch;
    expect(branch).toBe(`requests/onboarding/${slug}.2`);
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: replaced.body.pullRequest.number });
    expect(pr.body).toContain('second-team@example.com');
    expect(pr.body).not.toContain('first-team@example.com');
    expect(fileOf(branch, `content/tenants/${slug}.yaml`)).toContain('contact: second-team@example.com');

    // The first submission, retried now, meets the pull request that asks for the same thing.
    const retried = await stack.post('onboarding', first, { 'idempotency-key': 'left-over-first' });
    expect(retried.status, JSON.stringify(retried.body)).toBe(409);
    expect(retried.body.pullRequest).toMatchObject({ number: replaced.body.pullRequest.number });
  });

  it('a retry on the next day completes the same submission, with one pull request', async () => {
    const request = onboardingRequest('next-day-team', 'next-day@example.com', 'Retried the next day, after the first attempt failed.');
    await failPullRequests();
    expect((await stack.post('onboarding', request, { 'idempotency-key': 'next-day-0001' })).status).toBe(502);
    // Yesterday's attempt wrote yesterday's date into the tenant file.
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 24 * 60 * MINUTES).toISOString().slice(0, 10);
    rewind('requests/onboarding/next-day-team', 24 * 60 * MINUTES, (text) => text.replaceAll(today, yesterday));

    const retried = await stack.post('onboarding', request, { 'idempotency-key': 'next-day-0001' });
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(await pullsWithId(retried.body.id)).toHaveLength(1);
    expect(fileOf(retried.body.pullRequest.branch, 'content/tenants/next-day-team.yaml')).toContain(`onboarded: ${today}`);
  });

  it('a retry after the tenant file changed on the base branch waits, then proposes only its own change', async () => {
    const request = { tenant: 'fraud-detection', service: 'clickhouse', unit: 'cpu_cores', value: 24, justification: 'More cores for the nightly feature backfill.', needed_by: '2027-03-01' };
    await failPullRequests();
    expect((await stack.post('capacity', request, { 'idempotency-key': 'tenant-changed-0001' })).status).toBe(502);
    const path = 'content/tenants/fraud-detection.yaml';
    const { data: onMain } = await stack.octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path });
    const text = Buffer.from((onMain as { content: string }).content, 'base64').toString('utf8');
    await stack.octokit.rest.repos.createOrUpdateFileContents({
      owner: OWNER,
      repo: REPO,
      path,
      message: 'More concurrent queries',
      sha: (onMain as { sha: string }).sha,
      content: Buffer.from(text.replace('max_concurrent_queries: 30', 'max_concurrent_queries: 32')).toString('base64'),
    });

    const young = await stack.post('capacity', request, { 'idempotency-key': 'tenant-changed-0001' });
    expect(young.status, JSON.stringify(young.body)).toBe(409);
    expect(young.body.retryable).toBe(true);

    rewind('requests/capacity/fraud-detection/clickhouse-cpu-cores', 7 * MINUTES);
    const later = await stack.post('capacity', request, { 'idempotency-key': 'tenant-changed-0001' });
    expect(later.status, JSON.stringify(later.body)).toBe(201);
    const diff = git(['diff', '--unified=0', `main...refs/heads/${later.body.pullRequest.branch}`]).split('\n').filter((line) => /^[-+][^-+]/.test(line));
    expect(diff).toEqual([expect.stringMatching(/^-\s+cpu_cores: 16$/), expect.stringMatching(/^\+\s+cpu_cores: 24$/)]);
    expect(await pullsWithId(later.body.id)).toHaveLength(1);
  });
});

describe('resubmitting after a rejection', () => {
  it('opens a new pull request that names the closed one, and says so in the answer', async () => {
    const request = { tenant: 'growth-analytics', service: 'kafka', unit: 'partitions', value: 60, justification: 'Rejected first, asked again with more detail.', needed_by: '2027-02-01' };
    const first = await stack.post('capacity', request, { 'idempotency-key': 'rejected-first' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    await stack.octokit.rest.pulls.update({ owner: OWNER, repo: REPO, pull_number: first.body.pullRequest.number, state: 'closed' });

    const again = await stack.post('capacity', { ...request, justification: 'Asked again: the launch moved up a month.' }, { 'idempotency-key': 'rejected-again' });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.follows).toEqual({ number: first.body.pullRequest.number, url: first.body.pullRequest.url });
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: again.body.pullRequest.number });
    expect(pr.body).toMatch(new RegExp(`^Follows #${first.body.pullRequest.number}, which was closed without merging\\.\\n`));
  });
});

describe('two submissions racing for one reused branch', () => {
  /** Posts both at once, the second a few milliseconds later each round, so the rounds meet the race at different steps. */
  const race = <T,>(round: number, sides: T[], post: (side: T, i: number) => Promise<Awaited<ReturnType<TestStack['post']>>>) =>
    Promise.all(sides.map(async (side, i) => {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, (round * 37) % 160));
      return post(side, i);
    }));
  const close = (number: number) => stack.octokit.rest.pulls.update({ owner: OWNER, repo: REPO, pull_number: number, state: 'closed' });
  const pullOf = async (number: number) => (await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: number })).data;

  it('single requests, 20 rounds: one opens the next pull request with its own text and file, the other is told; nothing crossed', async () => {
    const base = { tenant: 'payments-ledger', service: 'postgresql', unit: 'connections', needed_by: '2027-04-01' };
    const opening = await stack.post('capacity', { ...base, value: 150, justification: 'Round zero opens the branch.' }, { 'idempotency-key': 'race-single-0' });
    expect(opening.status, JSON.stringify(opening.body)).toBe(201);
    let previous = opening.body.pullRequest.number as number;
    await close(previous);
    for (let round = 1; round <= 20; round++) {
      const sides = [
        { value: 200 + 2 * round, justification: `Round ${round}, side A, wants more connections.` },
        { value: 201 + 2 * round, justification: `Round ${round}, side B, wants more connections.` },
      ];
      const answers = await race(round, sides, (side, i) => stack.post('capacity', { ...base, ...side }, { 'idempotency-key': `race-single-${round}-${i}` }));
      const context = `round ${round}: ${JSON.stringify(answers.map((a) => [a.status, a.body]))}`;
      const opened = answers.flatMap((answer, i) => (answer.status < 300 ? [{ answer, side: sides[i]!, other: sides[1 - i]! }] : []));
      expect(opened, context).toHaveLength(1);
      for (const answer of answers) if (answer.status >= 300) expect(answer.status, context).toBe(409);
      const [{ answer, side, other }] = opened as [(typeof opened)[number]];
      const pr = await pullOf(answer.body.pullRequest.number);
      expect(pr.body, context).toContain(`side ${side === sides[0] ? 'A' : 'B'}`);
      expect(pr.body, context).not.toContain(`side ${other === sides[0] ? 'A' : 'B'}`);
      expect(fileOf(pr.head.ref, 'content/tenants/payments-ledger.yaml'), context).toMatch(new RegExp(`connections: ${side.value}\\b`));
      // The pull request the rejected one follows.
      expect(answer.body.follows?.number, context).toBe(previous);
      previous = pr.number;
      await close(pr.number);
    }
  }, 180_000);

  it('rolling feedback, 20 rounds: both are in the next pull request, each file as sent; nothing lost', async () => {
    const feedbackPulls = async () => (await stack.openPulls()).filter((pr) => pr.state === 'open' && pr.head.ref.startsWith('requests/feedback/'));
    for (let round = 1; round <= 20; round++) {
      for (const pr of await feedbackPulls()) {
        if (round % 2 === 0) await stack.octokit.rest.pulls.merge({ owner: OWNER, repo: REPO, pull_number: pr.number });
        else await close(pr.number);
      }
      const sides = ['A', 'B'].map((side) => ({ page: '/guides/getting-started/', rating: side === 'A' ? 2 : 4, category: 'docs', message: `Feedback round ${round} side ${side}.` }));
      const answers = await race(round, sides, (body, i) => stack.post('feedback', body, { 'idempotency-key': `race-rolling-${round}-${i}` }));
      const context = `round ${round}: ${JSON.stringify(answers.map((a) => [a.status, a.body]))}`;
      expect(answers.map((a) => a.status).every((s) => s === 200 || s === 201), context).toBe(true);
      expect(new Set(answers.map((a) => a.body.pullRequest.number)).size, context).toBe(1);
      const number = answers[0]!.body.pullRequest.number;
      const files = await stack.octokit.paginate(stack.octokit.rest.pulls.listFiles, { owner: OWNER, repo: REPO, pull_number: number, per_page: 100 });
      const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: number });
      const messages = files.map((file) => parse(fileOf(pr.head.ref, file.filename)).message);
      expect(messages.sort(), context).toEqual(sides.map((s) => s.message).sort());
    }
  }, 180_000);
});

describe('texts sized to GitHub\'s limits after escaping', () => {
  it('a rolling pull request whose comments, escaped, would pass 65,536 characters keeps within it', async () => {
    const loud = Array.from({ length: 7 }, (_, i) => ({ page: '/guides/getting-started/', rating: 1, category: 'docs', message: `${i} ${'@'.repeat(1990)}` }));
    const answers = [];
    for (const [i, body] of loud.entries()) answers.push(await stack.post('feedback', body, { 'idempotency-key': `loud-feedback-${i}` }));
    expect(answers.map((a) => [a.status, a.body.warnings ?? []]), JSON.stringify(answers.map((a) => a.body))).toEqual(answers.map(() => [expect.any(Number), []]));
    const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: answers.at(-1)!.body.pullRequest.number });
    expect([...(pr.body ?? '')].length).toBeLessThanOrEqual(65_536);
    expect(pr.body).toMatch(/older comment\(s\) are in the files\./);
  });
});
