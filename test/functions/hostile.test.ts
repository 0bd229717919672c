import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import corpus from './hostile-inputs.json' with { type: 'json' };
import { parse } from 'yaml';
import { startTestStack, OWNER, REPO, type TestStack } from '../helpers/stack.ts';
import { liveInMarkdown, liveInText } from '../helpers/github-references.ts';

interface Case {
  name: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  raw?: string;
  /** A feedback body whose `field` is `count` characters long. */
  repeat?: { field: string; count: number };
  /**
   * A 4xx problem of `type`, naming `field` among its errors; or 201: a pull request that mentions
   * and references nothing, whose files keep each of `kept` as typed.
   */
  expect: { status: number; type?: string; field?: string; kept?: string[] };
}

const cases = corpus.cases as Case[];
const refused = cases.filter((c) => c.expect.status >= 400);
const accepted = cases.filter((c) => c.expect.status < 400);

let stack: TestStack;
let pullsBefore = 0;
beforeAll(async () => {
  stack = await startTestStack();
  pullsBefore = (await stack.openPulls()).length;
});
afterAll(() => stack?.stop());

function bodyOf(c: Case): string | undefined {
  if (c.repeat) return JSON.stringify({ page: '/guides/getting-started/', rating: 3, category: 'docs', [c.repeat.field]: 'x'.repeat(c.repeat.count) });
  if (c.raw !== undefined) return c.raw;
  return c.body === undefined ? undefined : JSON.stringify(c.body);
}

describe('hostile inputs', () => {
  it('has at least 40 cases', () => expect(corpus.cases.length).toBeGreaterThanOrEqual(40));

  it.each(refused)('$name → $expect.status', async (c) => {
    const response = await send(c);
    const text = await response.text();
    expect(response.status, text).toBe(c.expect.status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = JSON.parse(text);
    expect(problem).toMatchObject({ type: `/api/problems/${c.expect.type}`, status: c.expect.status, title: expect.any(String), detail: expect.any(String) });
    if (c.expect.status === 422) expect(problem.errors.length, text).toBeGreaterThan(0);
    if (c.expect.field) expect(problem.errors.map((e: { path: string }) => e.path), text).toContain(c.expect.field);
  });

  it('opened no pull request for any of them', async () => {
    expect((await stack.openPulls()).length).toBe(pullsBefore);
  });
});

function send(c: Case): Promise<Response> {
  const method = c.method ?? 'POST';
  return fetch(`${stack.siteUrl}${c.path}`, {
    method,
    headers: { 'content-type': 'application/json', ...c.headers },
    ...(method === 'GET' ? {} : { body: bodyOf(c) }),
  });
}

/** Every text of a pull request that GitHub renders: title, body, and the messages of its commits; and its files. */
async function pullRequestTexts(number: number) {
  const { data: pr } = await stack.octokit.rest.pulls.get({ owner: OWNER, repo: REPO, pull_number: number });
  const { data: compared } = await stack.octokit.rest.repos.compareCommitsWithBasehead({ owner: OWNER, repo: REPO, basehead: `${pr.base.ref}...${pr.head.ref}` });
  const files = await Promise.all(
    (compared.files ?? []).map(async ({ filename }) => {
      const { data } = await stack.octokit.rest.repos.getContent({ owner: OWNER, repo: REPO, path: filename, ref: pr.head.ref });
      return 'content' in data ? Buffer.from(data.content, 'base64').toString('utf-8') : '';
    }),
  );
  return { title: pr.title, body: pr.body ?? '', commits: compared.commits.map((c) => c.commit.message), files };
}

describe('hostile inputs that are valid requests', () => {
  it.each(accepted)('$name → $expect.status, mentioning and referencing nothing', async (c) => {
    const response = await send(c);
    const text = await response.text();
    expect(response.status, text).toBe(c.expect.status);
    const pr = await pullRequestTexts(JSON.parse(text).pullRequest.number);
    expect(liveInText(pr.title)).toEqual([]);
    expect(liveInMarkdown(pr.body)).toEqual([]);
    for (const message of pr.commits) expect(liveInText(message)).toEqual([]);
    // Files keep what the person typed: GitHub links nothing in a file or a diff.
    const values = pr.files.flatMap((file) => Object.values(parse(file) ?? {}));
    for (const kept of c.expect.kept ?? []) expect(values).toContain(kept);
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
